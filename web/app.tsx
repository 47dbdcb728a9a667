/**
 * The dashboard shell: who is signed in (GET /api/auth/me), the language, the header and
 * navigation, and which page the address shows.
 */
import type { ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import { api, onUnauthorized } from "./api/client.ts";
import type { Me, PlanInfo } from "./api/types.ts";
import { Loading } from "./components/common.tsx";
import {
  I18nContext,
  initialLang,
  type Lang,
  type MessageKey,
  makeI18n,
  storeLang,
  useI18n,
} from "./i18n/index.ts";
import { href, navigate, useRoute } from "./lib/router.ts";
import { makeSession, SessionContext } from "./lib/session.ts";
import { Alerts } from "./pages/Alerts.tsx";
import { AlertView } from "./pages/AlertView.tsx";
import { ArticleView } from "./pages/ArticleView.tsx";
import { CaseBoard } from "./pages/CaseBoard.tsx";
import { CaseView } from "./pages/CaseView.tsx";
import { Claims } from "./pages/Claims.tsx";
import { Contracts } from "./pages/Contracts.tsx";
import { Coverage } from "./pages/Coverage.tsx";
import { Login } from "./pages/Login.tsx";
import { Queues } from "./pages/Queues.tsx";
import { Search } from "./pages/Search.tsx";
import { SnapshotView } from "./pages/SnapshotView.tsx";
import { Sources } from "./pages/Sources.tsx";
import { StoryView } from "./pages/StoryView.tsx";
import { Users } from "./pages/Users.tsx";
import { Watchlists } from "./pages/Watchlists.tsx";

type AuthState =
  | { state: "checking" }
  | { state: "out"; notice: MessageKey | null }
  | { state: "in"; me: Me; plan: PlanInfo | null };

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    storeLang(next);
    setLangState(next);
  }, []);
  const i18n = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const [auth, setAuth] = useState<AuthState>({ state: "checking" });
  const check = useCallback(async () => {
    try {
      const me = await api.me();
      const plan = await api.plan().catch(() => null);
      setAuth({ state: "in", me, plan });
    } catch {
      setAuth({ state: "out", notice: null });
    }
  }, []);
  useEffect(() => {
    void check();
    return onUnauthorized(() => setAuth({ state: "out", notice: "auth.expired" }));
  }, [check]);

  const logout = useCallback(async () => {
    await api.logout().catch(() => undefined);
    setAuth({ state: "out", notice: null });
    navigate("/search");
  }, []);

  const session = useMemo(
    () => (auth.state === "in" ? makeSession(auth.me, auth.plan, lang, () => void logout()) : null),
    [auth, lang, logout],
  );

  return (
    <I18nContext.Provider value={i18n}>
      <button type="button" class="skip-link" onClick={skipToMain}>
        {i18n.t("app.skip")}
      </button>
      {auth.state === "checking" && (
        <main id="main">
          <Loading />
        </main>
      )}
      {auth.state === "out" && (
        <>
          <Header />
          <Login onSignedIn={() => void check()} notice={auth.notice ? i18n.t(auth.notice) : null} />
        </>
      )}
      {session && (
        <SessionContext.Provider value={session}>
          <Header />
          <Pages />
        </SessionContext.Provider>
      )}
    </I18nContext.Provider>
  );
}

/** A button, not a link to #main: the hash belongs to the router. */
function skipToMain() {
  const main = document.getElementById("main");
  main?.setAttribute("tabindex", "-1");
  main?.focus();
}

const NAV: Array<{ path: string; key: MessageKey; permission?: string }> = [
  { path: "/search", key: "nav.search", permission: "articles.search" },
  { path: "/coverage", key: "nav.coverage", permission: "coverage.read" },
  { path: "/alerts", key: "nav.alerts" },
  { path: "/cases", key: "nav.cases" },
  { path: "/watchlists", key: "nav.watchlists", permission: "watchlists.read" },
  { path: "/claims", key: "nav.claims", permission: "claims.read" },
  { path: "/contracts", key: "nav.contracts" },
  { path: "/sources", key: "nav.sources", permission: "sources.read" },
  { path: "/users", key: "nav.users", permission: "users.list" },
  { path: "/queues", key: "nav.queues", permission: "queues.read" },
];

function Header() {
  const i18n = useI18n();
  const { t } = i18n;
  const route = useRoute();
  return (
    <header class="site-header">
      <div class="brand">
        <a href={href("/search")} class="brand-name">
          {t("app.name")}
        </a>
        <span class="brand-tagline">{t("app.tagline")}</span>
      </div>
      <SessionNav current={route.segments[0] ?? "search"} />
      <div class="header-tools">
        {/* The name read out starts with the visible text (WCAG 2.5.3, label in name), in its own
            language, then says what the button does in the page's language. */}
        <button
          type="button"
          class="link-button"
          onClick={() => i18n.setLang(i18n.lang === "vi" ? "en" : "vi")}
          data-testid="lang-switch"
        >
          <span lang={i18n.lang === "vi" ? "en" : "vi"}>{t("lang.switch")}</span>
          <span class="visually-hidden"> ({t("lang.switchLabel")})</span>
        </button>
        <SessionUser />
      </div>
    </header>
  );
}

function SessionNav({ current }: { current: string }) {
  const { t } = useI18n();
  const session = useMaybeSession();
  if (!session) return null;
  const section = current === "articles" ? "search" : current;
  return (
    <nav aria-label={t("nav.label")} class="site-nav">
      <ul>
        {NAV.filter((item) => !item.permission || session.can(item.permission)).map((item) => (
          <li key={item.path}>
            <a href={href(item.path)} aria-current={item.path === `/${section}` ? "page" : undefined}>
              {t(item.key)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SessionUser() {
  const { t } = useI18n();
  const session = useMaybeSession();
  if (!session) return null;
  const { user } = session.me;
  return (
    <div class="user">
      <span data-testid="signed-in-as">
        {t("auth.signedInAs", { user: user.username, role: t(`role.${user.role}`) })}
      </span>
      {user.agency && (
        <span class="muted">{t("auth.scope", { agency: session.label("agency", user.agency) })}</span>
      )}
      <button type="button" class="link-button" onClick={() => session.logout()}>
        {t("auth.logout")}
      </button>
    </div>
  );
}

function useMaybeSession() {
  return useContext(SessionContext);
}

function Pages() {
  const route = useRoute();
  const { t } = useI18n();
  const [first, second, third] = route.segments;
  let page: ComponentChildren;
  switch (first) {
    case undefined:
    case "search":
      page = <Search params={route.params} />;
      break;
    case "articles":
      page =
        second && third === "snapshot" ? (
          <SnapshotView id={second} />
        ) : second ? (
          <ArticleView id={second} />
        ) : (
          <Search params={route.params} />
        );
      break;
    case "stories":
      page = second ? <StoryView id={second} /> : <p class="notice">{t("app.notFound")}</p>;
      break;
    case "coverage":
      page = <Coverage params={route.params} />;
      break;
    case "sources":
      page = <Sources />;
      break;
    case "queues":
      page = <Queues />;
      break;
    case "alerts":
      page = second ? <AlertView id={second} /> : <Alerts />;
      break;
    case "cases":
      page = second ? <CaseView id={second} /> : <CaseBoard />;
      break;
    case "contracts":
      page = <Contracts params={route.params} />;
      break;
    case "watchlists":
      page = <Watchlists />;
      break;
    case "claims":
      page = <Claims />;
      break;
    case "users":
      page = <Users />;
      break;
    default:
      page = <p class="notice">{t("app.notFound")}</p>;
  }
  return (
    <main id="main" class="page" key={route.path}>
      {page}
    </main>
  );
}
