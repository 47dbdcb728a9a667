/**
 * Source health: every configured source with its last success, its errors and whether it went
 * silent. Problems first, so a failing or silent feed is seen before the healthy ones.
 */
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { SourceStatus } from "../api/types.ts";
import { Badge, ErrorMessage, Loading, PageTitle, SafeLink } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";

const ORDER: Record<string, number> = { failing: 0, silent: 1, new: 2, ok: 3 };

export function Sources() {
  const i18n = useI18n();
  const { t } = i18n;
  const [onlyProblems, setOnlyProblems] = useState(false);
  const result = useLoad((signal) => api.sources(signal), []);

  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const sources = [...result.data.sources].sort(
    (a, b) => (ORDER[a.state] ?? 9) - (ORDER[b.state] ?? 9) || a.id.localeCompare(b.id),
  );
  const countOf = (state: string) => sources.filter((source) => source.state === state).length;
  const shown = onlyProblems
    ? sources.filter((source) => source.state === "failing" || source.state === "silent")
    : sources;

  return (
    <div class="sources-page">
      <PageTitle>{t("sources.title")}</PageTitle>
      <p role="status" data-testid="sources-summary">
        {t("sources.summary", {
          total: sources.length,
          ok: countOf("ok"),
          failing: countOf("failing"),
          silent: countOf("silent"),
          new: countOf("new"),
        })}
      </p>
      <p>
        <label class="checkbox">
          <input
            type="checkbox"
            checked={onlyProblems}
            onChange={(event) => setOnlyProblems(event.currentTarget.checked)}
          />{" "}
          {t("sources.onlyProblems")}
        </label>
      </p>
      {sources.length === 0 ? (
        <p class="notice">{t("sources.none")}</p>
      ) : (
        <div class="table-wrap card">
          <table data-testid="sources">
            <thead>
              <tr>
                <th scope="col">{t("sources.source")}</th>
                <th scope="col">{t("sources.state")}</th>
                <th scope="col">{t("sources.lastSuccess")}</th>
                <th scope="col">{t("sources.lastRun")}</th>
                <th scope="col" class="num">
                  {t("sources.failures")}
                </th>
                <th scope="col">{t("sources.lastError")}</th>
                <th scope="col" class="num">
                  {t("sources.items")}
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((source) => (
                <SourceRow key={source.id} source={source} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function SourceRow({ source }: { source: SourceStatus }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <tr data-source={source.id} data-state={source.state}>
      <th scope="row">
        <div>{source.outlet_name ?? source.outlet_id ?? source.id}</div>
        <div class="muted small">
          {source.id}
          {source.kind && ` · ${source.kind}`}
          {!source.enabled && ` · ${t("sources.disabled")}`}
        </div>
        {source.url && (
          <div class="small">
            <SafeLink url={source.url} />
          </div>
        )}
      </th>
      <td>
        <Badge kind={source.state}>{i18n.tOr(`state.${source.state}`, source.state)}</Badge>
      </td>
      <td>{source.last_success_at ? i18n.dateTime(source.last_success_at) : t("sources.never")}</td>
      <td>{i18n.dateTime(source.last_run_at)}</td>
      <td class="num">{source.consecutive_failures}</td>
      <td>
        {source.last_error ? (
          <>
            <strong>{source.last_error.kind}</strong>: {source.last_error.message}
            <div class="muted small">
              {i18n.dateTime(source.last_error.at)} · {source.last_error.stage}
            </div>
          </>
        ) : (
          t("time.never")
        )}
      </td>
      <td class="num">
        {source.items_last_run} ({source.new_items_last_run})
      </td>
    </tr>
  );
}
