/**
 * One alert: the spike against its expected count, the evidence articles, and what to do about it
 * (acknowledge; escalate to a case, with the agency the plan suggests).
 */
import { useMemo, useState } from "preact/hooks";
import { ApiError, api } from "../api/client.ts";
import type { Alert, AlertPoint, ArticleDoc } from "../api/types.ts";
import { Chart } from "../components/Chart.tsx";
import { Badge, ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href, navigate } from "../lib/router.ts";
import { type Session, useSession } from "../lib/session.ts";
import { AlertStory, alertScope, alertTitle } from "./Alerts.tsx";
import { SnapshotLink } from "./SnapshotView.tsx";
import { StoryLink } from "./StoryView.tsx";

const EVIDENCE_SHOWN = 20;

/** The agency to preselect: the one the alert names, else an owner of its theme in the plan. */
export function suggestedAgency(alert: Alert, session: Session): string {
  if (alert.agencies[0]) return alert.agencies[0];
  if (alert.scope.dimension === "agency" && alert.scope.value) return alert.scope.value;
  for (const theme of alert.themes) {
    const owner = session.plan?.themes.find((item) => item.id === theme)?.owners[0];
    if (owner) return owner;
  }
  return "";
}

export function AlertView({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => api.alert(id, signal), [id]);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const { alert, series } = result.data;
  const canAct = session.me.user.role === "admin" || session.me.user.role === "coordinator";

  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setActionError(null);
    try {
      await action();
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="alert-page" data-testid="alert">
      <p>
        <a href={href("/alerts")}>{t("alert.back")}</a>
      </p>
      <PageTitle>{alertTitle(alert, session, i18n)}</PageTitle>
      <p class="tags">
        <Badge kind="theme">{i18n.tOr(`alerts.kind.${alert.kind}`, alert.kind)}</Badge>
        <Badge kind={alert.state}>
          <span data-testid="alert-state">{i18n.tOr(`alerts.state.${alert.state}`, alert.state)}</span>
        </Badge>
        <span class="muted">
          {i18n.dateTime(alert.created_at)} · {alertScope(alert, session, i18n)}
        </span>
      </p>
      {actionError !== null && <ErrorMessage error={actionError} />}
      <div class="two-columns">
        <div>
          {alert.evidence.story && (
            <section class="card" aria-labelledby="story-title">
              <h2 id="story-title">{t("alert.story")}</h2>
              <AlertStory alert={alert} full />
            </section>
          )}
          {(series?.length || alert.evidence.count !== undefined) && (
            <section class="card" aria-labelledby="spike-title">
              <h2 id="spike-title">{t("alert.chart")}</h2>
              {alert.evidence.count !== undefined && alert.evidence.expected !== undefined && (
                <p>
                  {t("alert.countVsBaseline", {
                    count: alert.evidence.count,
                    baseline: alert.evidence.expected.toFixed(1),
                  })}
                </p>
              )}
              <SpikeChart alert={alert} series={series ?? []} />
            </section>
          )}
          {alert.evidence.outlets && alert.evidence.outlets.length > 0 && (
            <section class="card">
              <h2>{t("alert.outlets")}</h2>
              <p>{alert.evidence.outlets.map((outlet) => session.label("outlet", outlet)).join(", ")}</p>
            </section>
          )}
          <Evidence ids={alert.evidence.article_ids} />
        </div>
        <section class="card" aria-labelledby="actions-title">
          <h2 id="actions-title" class="visually-hidden">
            {t("alert.escalate")}
          </h2>
          {alert.acknowledged_at ? (
            <p class="notice ok">{t("alert.acknowledged", { at: i18n.dateTime(alert.acknowledged_at) })}</p>
          ) : (
            canAct && (
              <button
                type="button"
                class="secondary"
                disabled={busy}
                onClick={() =>
                  act(async () => {
                    result.set(await api.acknowledgeAlert(alert.id));
                  })
                }
              >
                {t("alert.acknowledge")}
              </button>
            )
          )}
          {alert.case_id ? (
            <p>
              <a class="button" href={href(`/cases/${encodeURIComponent(alert.case_id)}`)}>
                {t("alert.openCase")}
              </a>
            </p>
          ) : (
            canAct && (
              <EscalateForm
                alert={alert}
                busy={busy}
                onSubmit={(title, agency) =>
                  act(async () => {
                    const created = await api.createCase({
                      title,
                      alert_ids: [alert.id],
                      article_ids: alert.evidence.article_ids,
                      agency: agency || null,
                    });
                    navigate(`/cases/${encodeURIComponent(created.case.id)}`);
                  })
                }
              />
            )
          )}
        </section>
      </div>
    </div>
  );
}

function EscalateForm({
  alert,
  busy,
  onSubmit,
}: {
  alert: Alert;
  busy: boolean;
  onSubmit(title: string, agency: string): void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const i18n = useI18n();
  const suggestion = suggestedAgency(alert, session);
  const [title, setTitle] = useState(() => alertTitle(alert, session, i18n));
  const [agency, setAgency] = useState(suggestion);
  return (
    <form
      class="escalate"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(title.trim(), agency);
      }}
    >
      <h3>{t("alert.escalate")}</h3>
      <div class="field">
        <label for="case-title">{t("alert.caseTitle")}</label>
        <input
          id="case-title"
          required
          maxLength={300}
          value={title}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="case-agency">{t("alert.caseAgency")}</label>
        <select id="case-agency" value={agency} onChange={(event) => setAgency(event.currentTarget.value)}>
          <option value="">{t("case.unassigned")}</option>
          {session.options("agency").map(([id, name]) => (
            <option key={id} value={id}>
              {id === suggestion ? t("alert.suggested", { agency: name }) : name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={busy || title.trim() === ""}>
        {t("alert.createCase")}
      </button>
    </form>
  );
}

/** The series when the API gives one; otherwise the alert's own bucket against its expected count. */
function SpikeChart({ alert, series }: { alert: Alert; series: AlertPoint[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const points: AlertPoint[] = useMemo(
    () =>
      series.length > 0
        ? series
        : [
            {
              at: alert.evidence.bucket_start ?? alert.created_at,
              value: alert.evidence.count ?? 0,
              expected: alert.evidence.expected ?? 0,
            },
          ],
    [series, alert],
  );
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: points.map((point) => i18n.dateTime(point.at)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: t("alert.count"),
          type: "bar",
          barMaxWidth: 48,
          data: points.map((point) => point.value),
          color: "#a4262c",
        },
        {
          name: t("alert.expected"),
          type: "line",
          step: "middle",
          symbol: points.length > 1 ? "none" : "circle",
          symbolSize: 10,
          data: points.map((point) => Math.round(point.expected * 100) / 100),
          color: "#1f5fa8",
        },
      ],
    }),
    [points, i18n],
  );
  return (
    <Chart
      option={option}
      label={t("alert.chart")}
      testId="chart-spike"
      table={
        <table>
          <thead>
            <tr>
              <th scope="col">{t("alerts.created")}</th>
              <th scope="col" class="num">
                {t("alert.count")}
              </th>
              <th scope="col" class="num">
                {t("alert.expected")}
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.at}>
                <td>{i18n.dateTime(point.at)}</td>
                <td class="num">{point.value}</td>
                <td class="num">{point.expected.toFixed(1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
}

/** The evidence articles, read one by one (each checked against the reader's scope by the API). */
export function Evidence({ ids, title }: { ids: string[]; title?: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const key = ids.slice(0, EVIDENCE_SHOWN).join(",");
  const result = useLoad(
    (signal) =>
      Promise.all(
        ids.slice(0, EVIDENCE_SHOWN).map((id) =>
          api.article(id, signal).then(
            (response) => response.article,
            (error: unknown) => {
              if (error instanceof ApiError && error.status === 404) return null;
              throw error;
            },
          ),
        ),
      ),
    [key],
  );
  const articles = (result.data ?? []).filter((article): article is ArticleDoc => article !== null);
  return (
    <section class="card" aria-labelledby="evidence-title">
      <h2 id="evidence-title">{title ?? t("alert.evidence")}</h2>
      {result.state === "error" && <ErrorMessage error={result.error} />}
      {result.state === "loading" && <Loading />}
      {result.state === "ok" && articles.length === 0 && <p class="muted">{t("case.noArticles")}</p>}
      <ul class="evidence" data-testid="evidence">
        {articles.map((article) => (
          <li key={article.id}>
            <a href={href(`/articles/${encodeURIComponent(article.id)}`)}>{article.title}</a>
            <div class="muted small">
              {session.label("outlet", article.outlet)} · {i18n.dateTime(article.published_at)}
              {article.snapshot && (
                <>
                  {" · "}
                  <SnapshotLink articleId={article.id} snapshot={article.snapshot} />
                </>
              )}
              {article.story_id && (
                <>
                  {" · "}
                  <StoryLink storyId={article.story_id} />
                </>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
