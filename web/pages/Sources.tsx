/**
 * Source health: every configured source with its last success, its errors and whether it went
 * silent. Problems first, so a failing or silent feed is seen before the healthy ones. Those who
 * may edit sources pause and resume them here, test one fetch now, and add outlets (SourceEditor).
 */
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import { manage, type SourceTrial } from "../api/manage.ts";
import type { SourceStatus } from "../api/types.ts";
import { Badge, ErrorMessage, Loading, PageTitle, SafeLink } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { useSession } from "../lib/session.ts";
import { SourceEditor } from "./SourceEditor.tsx";

type Trial =
  | { id: string; result: SourceTrial }
  | { id: string; error: unknown }
  | { id: string; running: true }
  | null;

const ORDER: Record<string, number> = { failing: 0, silent: 1, new: 2, ok: 3 };

export function Sources() {
  const i18n = useI18n();
  const { t } = i18n;
  const [onlyProblems, setOnlyProblems] = useState(false);
  const result = useLoad((signal) => api.sources(signal), []);
  const canWrite = useSession().can("sources.write");
  const [trial, setTrial] = useState<Trial>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const runTrial = (run: () => Promise<SourceTrial>, id: string) => {
    setTrial({ id, running: true });
    run().then(
      (trialResult) => setTrial({ id, result: trialResult }),
      (error: unknown) => setTrial({ id, error }),
    );
  };
  const pause = async (source: SourceStatus) => {
    try {
      await manage.pauseSource(source.id, !source.paused);
      setProblem(null);
      result.reload();
    } catch (error) {
      setProblem(error);
    }
  };

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
                {canWrite && <th scope="col">{t("manage.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {shown.map((source) => (
                <SourceRow
                  key={source.id}
                  source={source}
                  actions={
                    canWrite ? (
                      <div class="actions">
                        <button
                          type="button"
                          class="secondary"
                          onClick={() => void pause(source)}
                          data-testid="source-pause"
                        >
                          {source.paused ? t("sources.resume") : t("sources.pause")}
                          <span class="visually-hidden"> {source.id}</span>
                        </button>
                        <button
                          type="button"
                          class="secondary"
                          data-testid="source-test"
                          onClick={() =>
                            runTrial(() => manage.testSource({ source_id: source.id }), source.id)
                          }
                        >
                          {t("sources.test")}
                          <span class="visually-hidden"> {source.id}</span>
                        </button>
                      </div>
                    ) : null
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problem !== null && <ErrorMessage error={problem} />}
      {canWrite && <SourceEditor onSaved={result.reload} trial={trial} onTrial={runTrial} />}
    </div>
  );
}

function SourceRow({ source, actions }: { source: SourceStatus; actions: ComponentChildren }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <tr data-source={source.id} data-state={source.state}>
      <th scope="row">
        <div>{source.outlet_name ?? source.outlet_id ?? source.id}</div>
        <div class="muted small">
          {source.id}
          {source.kind && ` · ${source.kind}`}
          {source.paused ? ` · ${t("sources.paused")}` : !source.enabled && ` · ${t("sources.disabled")}`}
          {source.origin === "api" && ` · ${t("sources.enteredHere")}`}
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
      {actions && <td>{actions}</td>}
    </tr>
  );
}
