/**
 * The administrators' queue page: each queue's counts, then the failed jobs of every queue with
 * their error, attempts and what they were about, each with a retry button (and one for all).
 * A retried job leaves the list: the page reloads after each retry.
 */
import { useState } from "preact/hooks";
import { api } from "../api/client.ts";
import type { FailedJob } from "../api/types.ts";
import { ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";

export function Queues() {
  const { t } = useI18n();
  const result = useLoad((signal) => api.queues(signal), []);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const { queues, failed } = result.data;

  const retry = async (run: () => Promise<{ retried: number }>) => {
    setBusy(true);
    try {
      const { retried } = await run();
      setNotice(t("queues.retried", { count: retried }));
    } catch (error) {
      setNotice(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
      result.reload();
    }
  };

  return (
    <div class="queues-page">
      <PageTitle>{t("queues.title")}</PageTitle>
      <div class="table-wrap card">
        <table data-testid="queue-counts">
          <caption class="visually-hidden">{t("queues.countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("queues.queue")}</th>
              <th scope="col" class="num">
                {t("queues.waiting")}
              </th>
              <th scope="col" class="num">
                {t("queues.active")}
              </th>
              <th scope="col" class="num">
                {t("queues.delayed")}
              </th>
              <th scope="col" class="num">
                {t("queues.failed")}
              </th>
              <th scope="col" class="num">
                {t("queues.completed")}
              </th>
            </tr>
          </thead>
          <tbody>
            {queues.map((q) => (
              <tr key={q.queue} data-queue={q.queue}>
                <th scope="row">{q.queue}</th>
                <td class="num">{q.waiting}</td>
                <td class="num">{q.active}</td>
                <td class="num">{q.delayed}</td>
                <td class="num" data-testid={`failed-count-${q.queue}`}>
                  {q.failed}
                </td>
                <td class="num">{q.completed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>{t("queues.failedTitle")}</h2>
      <p role="status" data-testid="queues-notice">
        {notice ?? t("queues.failedSummary", { count: failed.length })}
      </p>
      {failed.length === 0 ? (
        <p class="notice" data-testid="no-failed-jobs">
          {t("queues.noFailed")}
        </p>
      ) : (
        <>
          <p>
            <button type="button" disabled={busy} onClick={() => void retry(() => api.retryAllJobs())}>
              {t("queues.retryAll")}
            </button>
          </p>
          <div class="table-wrap card">
            <table data-testid="failed-jobs">
              <thead>
                <tr>
                  <th scope="col">{t("queues.job")}</th>
                  <th scope="col">{t("queues.error")}</th>
                  <th scope="col" class="num">
                    {t("queues.attempts")}
                  </th>
                  <th scope="col">{t("queues.failedAt")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("queues.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.map((job) => (
                  <FailedRow key={`${job.queue}/${job.id}`} job={job} busy={busy} retry={retry} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

function FailedRow({
  job,
  busy,
  retry,
}: {
  job: FailedJob;
  busy: boolean;
  retry: (run: () => Promise<{ retried: number }>) => Promise<void>;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <tr data-job={job.id} data-queue={job.queue}>
      <th scope="row">
        <div>
          {job.queue} · <code>{job.id}</code>
        </div>
        <div class="muted small">{job.summary}</div>
      </th>
      <td>
        <div>{job.error}</div>
        {job.stack && (
          <details>
            <summary class="small">{t("queues.stack")}</summary>
            <pre class="small">{job.stack}</pre>
          </details>
        )}
      </td>
      <td class="num">
        {job.attempts}/{job.max_attempts}
      </td>
      <td>{job.failed_at ? i18n.dateTime(job.failed_at) : "—"}</td>
      <td>
        <button
          type="button"
          disabled={busy}
          aria-label={t("queues.retryJob", { queue: job.queue, id: job.id })}
          onClick={() => void retry(() => api.retryJob(job.queue, job.id))}
        >
          {t("queues.retry")}
        </button>
      </td>
    </tr>
  );
}
