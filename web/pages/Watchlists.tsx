/**
 * Watchlists: the saved queries every new article is matched against. Create, edit, share with an
 * agency (its alerts go there), and "try it": the stored articles the query would have matched,
 * before saving. An agency user sees and edits their agency's only (the API applies the scope).
 */
import { useState } from "preact/hooks";
import { manage, type Watchlist, type WatchlistSpec, type WatchlistTrial } from "../api/manage.ts";
import { ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { DateInput } from "../components/DateInput.tsx";
import { Choices, type Outcome, SaveOutcome, Section, SelectField, TextField } from "../components/forms.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";

const TONES = ["negative", "neutral", "positive"] as const;

interface Draft {
  id: string | null;
  name: string;
  text: string;
  themes: string[];
  outlets: string[];
  tone: string[];
  agency: string;
}

const EMPTY: Draft = { id: null, name: "", text: "", themes: [], outlets: [], tone: [], agency: "" };

function draftOf(watchlist: Watchlist): Draft {
  return {
    id: watchlist.id,
    name: watchlist.name,
    text: watchlist.spec.text ?? "",
    themes: watchlist.spec.themes ?? [],
    outlets: watchlist.spec.outlets ?? [],
    tone: watchlist.spec.tone ?? [],
    agency: watchlist.agency ?? "",
  };
}

/** The spec a draft stands for; parts left empty are left out (the API needs one at least). */
function specOf(draft: Draft, kept: WatchlistSpec = {}): WatchlistSpec {
  const { text: _text, themes: _themes, outlets: _outlets, tone: _tone, ...other } = kept;
  return {
    ...other,
    ...(draft.text.trim() && { text: draft.text.trim() }),
    ...(draft.themes.length > 0 && { themes: draft.themes }),
    ...(draft.outlets.length > 0 && { outlets: draft.outlets }),
    ...(draft.tone.length > 0 && { tone: draft.tone }),
  };
}

export function Watchlists() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const canWrite = session.can("watchlists.write");
  const ownAgency = session.me.user.role === "agency" ? session.me.user.agency : null;
  const list = useLoad((signal) => manage.watchlists(signal), []);
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, agency: ownAgency ?? "" });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [trial, setTrial] = useState<{ result: WatchlistTrial } | { error: unknown } | null>(null);
  const [range, setRange] = useState({ from: "", to: "" });
  const editing = draft.id ? list.data?.watchlists.find((item) => item.id === draft.id) : undefined;
  const update = (change: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...change }));

  const save = async (event: Event) => {
    event.preventDefault();
    const body = { name: draft.name, spec: specOf(draft, editing?.spec), agency: draft.agency || null };
    try {
      const { watchlist } = draft.id
        ? await manage.updateWatchlist(draft.id, body)
        : await manage.createWatchlist(body);
      setOutcome({
        ok: true,
        text: t(draft.id ? "watchlists.updated" : "watchlists.created", { name: watchlist.name }),
      });
      setDraft(draftOf(watchlist));
      list.reload();
    } catch (error) {
      setOutcome({ ok: false, error });
    }
  };

  const tryIt = async () => {
    try {
      const result = await manage.tryWatchlist({
        spec: specOf(draft, editing?.spec),
        ...(range.from && { from: range.from }),
        ...(range.to && { to: range.to }),
      });
      setTrial({ result });
    } catch (error) {
      setTrial({ error });
    }
  };

  return (
    <div class="watchlists-page">
      <PageTitle>{t("watchlists.title")}</PageTitle>
      <p class="muted">{t("watchlists.intro")}</p>
      {list.state === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!list.data && list.state === "loading" && <Loading />}
      {list.data && (
        <Section id="watchlists-list" title={t("watchlists.list")}>
          {list.data.watchlists.length === 0 ? (
            <p class="muted">{t("watchlists.none")}</p>
          ) : (
            <div class="table-wrap">
              <table data-testid="watchlists">
                <thead>
                  <tr>
                    <th scope="col">{t("watchlists.name")}</th>
                    <th scope="col">{t("watchlists.query")}</th>
                    <th scope="col">{t("watchlists.agency")}</th>
                    <th scope="col">{t("watchlists.owner")}</th>
                    {canWrite && <th scope="col">{t("manage.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {list.data.watchlists.map((watchlist) => (
                    <tr key={watchlist.id} data-watchlist={watchlist.id}>
                      <th scope="row">{watchlist.name}</th>
                      <td>{describeSpec(watchlist.spec, session.label, t)}</td>
                      <td>
                        {watchlist.agency
                          ? session.label("agency", watchlist.agency)
                          : t("watchlists.office")}
                      </td>
                      <td>
                        {watchlist.owner}
                        <div class="muted small">{i18n.date(watchlist.created_at)}</div>
                      </td>
                      {canWrite && (
                        <td>
                          <div class="actions">
                            <button
                              type="button"
                              class="secondary"
                              onClick={() => {
                                setDraft(draftOf(watchlist));
                                setOutcome(null);
                                setTrial(null);
                              }}
                            >
                              {t("manage.edit")}
                              <span class="visually-hidden"> {watchlist.name}</span>
                            </button>
                            <button
                              type="button"
                              class="secondary"
                              onClick={async () => {
                                try {
                                  await manage.removeWatchlist(watchlist.id);
                                  setOutcome({
                                    ok: true,
                                    text: t("watchlists.removed", { name: watchlist.name }),
                                  });
                                  if (draft.id === watchlist.id)
                                    setDraft({ ...EMPTY, agency: ownAgency ?? "" });
                                  list.reload();
                                } catch (error) {
                                  setOutcome({ ok: false, error });
                                }
                              }}
                            >
                              {t("manage.remove")}
                              <span class="visually-hidden"> {watchlist.name}</span>
                            </button>
                          </div>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Section>
      )}
      <div class="manage-grid">
        <Section
          id="watchlist-form-title"
          title={draft.id ? t("watchlists.editTitle", { name: editing?.name ?? "" }) : t("watchlists.new")}
        >
          <form onSubmit={save} data-testid="watchlist-form">
            <TextField
              id="wl-name"
              label={t("watchlists.name")}
              value={draft.name}
              required
              onChange={(name) => update({ name })}
            />
            <TextField
              id="wl-text"
              label={t("watchlists.text")}
              hint={t("watchlists.textHint")}
              value={draft.text}
              onChange={(text) => update({ text })}
            />
            <Choices
              legend={t("watchlists.themes")}
              name="wl-theme"
              options={session.options("theme")}
              value={draft.themes}
              onChange={(themes) => update({ themes })}
            />
            <Choices
              legend={t("watchlists.tone")}
              name="wl-tone"
              options={TONES.map((tone) => [tone, t(`tone.${tone}`)])}
              value={draft.tone}
              onChange={(tone) => update({ tone })}
            />
            <details>
              <summary>{t("watchlists.outlets")}</summary>
              <Choices
                legend={t("watchlists.outlets")}
                name="wl-outlet"
                options={session.options("outlet")}
                value={draft.outlets}
                onChange={(outlets) => update({ outlets })}
              />
            </details>
            <SelectField
              id="wl-agency"
              label={t("watchlists.shareWith")}
              value={draft.agency}
              none={t("watchlists.office")}
              disabled={ownAgency !== null}
              options={session.options("agency")}
              onChange={(agency) => update({ agency })}
            />
            <div class="actions">
              {canWrite && (
                <button type="submit">{draft.id ? t("manage.saveChanges") : t("manage.create")}</button>
              )}
              <button
                type="button"
                class="secondary"
                onClick={() => void tryIt()}
                data-testid="watchlist-try"
              >
                {t("watchlists.try")}
              </button>
              {draft.id && (
                <button
                  type="button"
                  class="secondary"
                  onClick={() => {
                    setDraft({ ...EMPTY, agency: ownAgency ?? "" });
                    setOutcome(null);
                  }}
                >
                  {t("manage.newInstead")}
                </button>
              )}
            </div>
            <SaveOutcome outcome={outcome} />
          </form>
        </Section>
        <Section id="watchlist-try-title" title={t("watchlists.tryTitle")}>
          <div class="field-row">
            <DateInput
              id="wl-from"
              label={t("search.from")}
              value={range.from}
              onChange={(from) => setRange({ ...range, from })}
            />
            <DateInput
              id="wl-to"
              label={t("search.to")}
              value={range.to}
              onChange={(to) => setRange({ ...range, to })}
            />
          </div>
          {!trial && <p class="muted">{t("watchlists.tryHint")}</p>}
          {trial && "error" in trial && <ErrorMessage error={trial.error} />}
          {trial && "result" in trial && (
            <div aria-live="polite" data-testid="watchlist-trial">
              <p role="status" data-testid="watchlist-trial-total">
                {t("watchlists.tryTotal", {
                  total: i18n.number(trial.result.total),
                  shown: trial.result.articles.length,
                })}
              </p>
              <ul>
                {trial.result.articles.map((article) => (
                  <li key={article.id}>
                    <a href={href(`/articles/${encodeURIComponent(article.id)}`)}>{article.title}</a>
                    <span class="muted small">
                      {" "}
                      · {session.label("outlet", article.outlet)} · {i18n.date(article.published_at)} ·{" "}
                      {t(`tone.${article.tone.label as (typeof TONES)[number]}`)}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Section>
      </div>
    </div>
  );
}

function describeSpec(
  spec: WatchlistSpec,
  label: ReturnType<typeof useSession>["label"],
  t: ReturnType<typeof useI18n>["t"],
): string {
  const parts: string[] = [];
  if (spec.text) parts.push(`“${spec.text}”`);
  if (spec.themes?.length)
    parts.push(`${t("watchlists.themes")}: ${spec.themes.map((id) => label("theme", id)).join(", ")}`);
  if (spec.tone?.length)
    parts.push(
      `${t("watchlists.tone")}: ${spec.tone.map((tone) => t(`tone.${tone as (typeof TONES)[number]}`)).join(", ")}`,
    );
  if (spec.outlets?.length)
    parts.push(`${t("watchlists.outlets")}: ${spec.outlets.map((id) => label("outlet", id)).join(", ")}`);
  if (spec.agencies?.length) parts.push(spec.agencies.map((id) => label("agency", id)).join(", "));
  return parts.join(" · ");
}
