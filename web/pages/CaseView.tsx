/**
 * One case: status and the moves the workflow allows (src/cases/workflow.ts), the responsible
 * agency, the official response link, notes, the complete timeline, the linked articles, and the
 * spread of the rumour against the correction. Every action carries the version it was made on;
 * a 409 means someone else changed the case first, and the page reloads it.
 */
import { useMemo, useState } from "preact/hooks";
import { CASE_TRANSITIONS } from "../../src/cases/workflow.ts";
import { ApiError, api } from "../api/client.ts";
import type { CaseAction, CaseRecord, CaseStatus, SpreadComparison } from "../api/types.ts";
import { Chart } from "../components/Chart.tsx";
import { Badge, ErrorMessage, isMissingRoute, Loading, PageTitle, SafeLink } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";
import { Evidence } from "./AlertView.tsx";

export function CaseView({ id }: { id: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => api.caseRecord(id, signal), [id]);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text?: string; error?: unknown } | null>(null);
  const [note, setNote] = useState("");

  if (result.state === "error") {
    if (result.error instanceof ApiError && result.error.status === 404 && !isMissingRoute(result.error)) {
      return (
        <>
          <p>
            <a href={href("/cases")}>{t("case.back")}</a>
          </p>
          <p class="notice" data-testid="case-not-found">
            {t("case.notFound")}
          </p>
        </>
      );
    }
    return <ErrorMessage error={result.error} onRetry={result.reload} />;
  }
  if (!result.data) return <Loading />;
  const record = result.data.case;
  const spread = result.data.spread ?? null;

  const run = async (action: CaseAction) => {
    setBusy(true);
    setMessage(null);
    try {
      result.set(await api.caseAction(record.id, record.version, action));
      setMessage({ ok: true, text: t("case.saved") });
      setNote("");
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        setMessage({ ok: false, text: t("case.conflict") });
        result.reload();
      } else {
        setMessage({ ok: false, error });
      }
    } finally {
      setBusy(false);
    }
  };
  const final = CASE_TRANSITIONS[record.status].length === 0;
  const canChange = session.me.user.role !== "viewer" && !final;
  const withNote = note.trim() ? { note: note.trim() } : {};

  return (
    <div class="case-page" data-testid="case">
      <p>
        <a href={href("/cases")}>{t("case.back")}</a>
      </p>
      <PageTitle>{record.title}</PageTitle>
      <p class="tags">
        <Badge kind={record.status}>
          <span data-testid="case-status">{t(`status.${record.status}`)}</span>
        </Badge>
        <span data-testid="case-agency">
          {record.agency ? session.label("agency", record.agency) : t("case.unassigned")}
        </span>
        {!record.agency && record.suggested_agency && (
          <span class="muted">
            {" · "}
            {t("case.suggested", { agency: session.label("agency", record.suggested_agency.agency) })}
          </span>
        )}
      </p>
      <div aria-live="polite">
        {message?.error !== undefined && <ErrorMessage error={message.error} />}
        {message?.text && <p class={`notice ${message.ok ? "ok" : "error"}`}>{message.text}</p>}
      </div>
      <div class="two-columns">
        <div>
          <Evidence ids={record.article_ids} title={t("case.articles")} />
          <Spread spread={spread} />
          <section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t("case.timeline")}</h2>
            <ol class="timeline" data-testid="timeline">
              {record.timeline.map((entry) => (
                <li key={entry.seq} data-action={entry.action}>
                  <div>
                    <strong>{entry.actor.username ?? "system"}</strong> ·{" "}
                    {i18n.tOr(`case.action.${entry.action}`, entry.action)}
                    {entry.to && entry.action === "transition" && (
                      <>
                        {": "}
                        {entry.from ? `${t(`status.${entry.from}`)} → ` : ""}
                        {t(`status.${entry.to}`)}
                      </>
                    )}
                  </div>
                  <div class="muted small">{i18n.dateTime(entry.at)}</div>
                  <div class="body-text small">{entry.detail}</div>
                </li>
              ))}
            </ol>
          </section>
        </div>
        <div>
          {record.response_url && (
            <section class="card">
              <h2>{t("case.response")}</h2>
              <SafeLink url={record.response_url} />
            </section>
          )}
          {canChange && (
            <section class="card" aria-labelledby="case-actions-title">
              <h2 id="case-actions-title">{t("case.status")}</h2>
              <div class="field">
                <label for="case-note">{t("case.noteLabel")}</label>
                <textarea
                  id="case-note"
                  rows={3}
                  maxLength={4000}
                  value={note}
                  onInput={(event) => setNote(event.currentTarget.value)}
                />
              </div>
              <div class="actions">
                {CASE_TRANSITIONS[record.status].map((status: CaseStatus) => (
                  <button
                    key={status}
                    type="button"
                    class={status === "dismissed" ? "secondary" : ""}
                    disabled={busy}
                    onClick={() => run({ type: "transition", to: status, ...withNote })}
                  >
                    {t("case.move", { status: t(`status.${status}`) })}
                  </button>
                ))}
                <button
                  type="button"
                  class="secondary"
                  disabled={busy || note.trim() === ""}
                  onClick={() => run({ type: "note", text: note.trim() })}
                >
                  {t("case.addNote")}
                </button>
              </div>
              <AssignForm
                record={record}
                busy={busy}
                onAssign={(agency) => run({ type: "assign", agency, ...withNote })}
              />
              <ResponseForm
                record={record}
                busy={busy}
                onSave={(url) => run({ type: "set_response", url, ...withNote })}
              />
            </section>
          )}
        </div>
      </div>
    </div>
  );
}

function AssignForm({
  record,
  busy,
  onAssign,
}: {
  record: CaseRecord;
  busy: boolean;
  onAssign(agency: string): void;
}) {
  const { t } = useI18n();
  const session = useSession();
  const [agency, setAgency] = useState(record.agency ?? record.suggested_agency?.agency ?? "");
  return (
    <form
      class="field"
      onSubmit={(event) => {
        event.preventDefault();
        if (agency) onAssign(agency);
      }}
    >
      <label for="assign-agency">{t("case.agency")}</label>
      <div class="search-row">
        <select id="assign-agency" value={agency} onChange={(event) => setAgency(event.currentTarget.value)}>
          <option value="">{t("case.unassigned")}</option>
          {session.options("agency").map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={busy || agency === ""}>
          {t("case.assign")}
        </button>
      </div>
    </form>
  );
}

function ResponseForm({
  record,
  busy,
  onSave,
}: {
  record: CaseRecord;
  busy: boolean;
  onSave(url: string): void;
}) {
  const { t } = useI18n();
  const [url, setUrl] = useState(record.response_url ?? "");
  return (
    <form
      class="field"
      onSubmit={(event) => {
        event.preventDefault();
        if (url.trim()) onSave(url.trim());
      }}
    >
      <label for="response-url">{t("case.response")}</label>
      <div class="search-row">
        <input
          id="response-url"
          type="url"
          required
          value={url}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        <button type="submit" class="secondary" disabled={busy}>
          {t("case.saveResponse")}
        </button>
      </div>
    </form>
  );
}

function Spread({ spread }: { spread: SpreadComparison | null }) {
  const i18n = useI18n();
  const { t } = i18n;
  const hourly = spread?.hourly ?? [];
  const option = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: hourly.map((point) => i18n.dateTime(point.hour)) },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        { name: t("case.rumour"), type: "bar", data: hourly.map((point) => point.rumour), color: "#a4262c" },
        {
          name: t("case.correction"),
          type: "bar",
          data: hourly.map((point) => point.correction),
          color: "#1e6b34",
        },
      ],
    }),
    [hourly, i18n],
  );
  return (
    <section class="card" aria-labelledby="spread-title">
      <h2 id="spread-title">{t("case.spread")}</h2>
      {!spread || hourly.length === 0 ? (
        <p class="muted">{t("case.noSpread")}</p>
      ) : (
        <>
          <p>{t("case.reach", { correction: spread.correction.outlets, rumour: spread.rumour.outlets })}</p>
          <Chart option={option} label={t("case.spread")} testId="chart-spread" />
        </>
      )}
    </section>
  );
}
