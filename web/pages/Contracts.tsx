/**
 * Contracts and the plan's obligations: compliance per obligation (and outlet) and month, each
 * cell opening the articles that counted, with links to the outlet's page and the stored
 * snapshot; the report downloads; and entering and amending contracts (ContractEditor.tsx).
 */
import { useState } from "preact/hooks";
import { api, exportHref } from "../api/client.ts";
import type { ComplianceLine, ComplianceStatus } from "../api/types.ts";
import { ErrorMessage, Loading, PageTitle, SafeLink } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href, navigate } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";
import { ContractEditor } from "./ContractEditor.tsx";
import { SnapshotLink } from "./SnapshotView.tsx";

/** The year-end report's files (GET /api/reports/year.*), the same numbers as the table. */
const REPORT_FORMATS = ["xlsx", "pdf", "csv"] as const;
const STATUSES: ComplianceStatus[] = ["met", "at_risk", "missed", "not_yet_due", "no_data"];
const SYMBOL: Record<ComplianceStatus, string> = {
  met: "✓",
  at_risk: "!",
  missed: "✗",
  not_yet_due: "·",
  no_data: "?",
};

export function Contracts({ params }: { params: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const requested = Number(params.get("year"));
  const year =
    Number.isInteger(requested) && requested >= 2000
      ? requested
      : (session.plan?.year ?? new Date().getFullYear());
  const result = useLoad((signal) => api.compliance({ year }, signal), [year]);
  const [open, setOpen] = useState<{ line: ComplianceLine; month: number } | null>(null);

  return (
    <div class="contracts-page">
      <PageTitle>{t("contracts.title")}</PageTitle>
      <form
        class="inline-form card"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get("year");
          navigate("/contracts", { year: typeof value === "string" ? value : "" });
        }}
      >
        <div class="field">
          <label for="contracts-year">{t("coverage.year")}</label>
          <input
            id="contracts-year"
            name="year"
            type="number"
            min={2000}
            max={2100}
            defaultValue={String(year)}
          />
        </div>
        <button type="submit">{t("coverage.apply")}</button>
      </form>
      {result.state === "error" && <ErrorMessage error={result.error} onRetry={result.reload} />}
      {!result.data && result.state === "loading" && <Loading />}
      {result.data && (
        <>
          {session.can("reports.export") && (
            <section class="card" aria-labelledby="reports-title">
              <h2 id="reports-title">{t("contracts.reports")}</h2>
              <p class="exports">
                {REPORT_FORMATS.map((format) => (
                  <a
                    key={format}
                    class="button secondary"
                    href={exportHref(`/api/reports/year.${format}`, { year })}
                    download
                  >
                    {t(`contracts.report.${format}`)}
                  </a>
                ))}
              </p>
              <h3 class="small-heading">{t("weekly.title")}</h3>
              <p class="exports" data-testid="weekly-pack">
                {(["pdf", "xlsx"] as const).map((format) => (
                  <a key={format} class="button secondary" href={`/api/reports/week.${format}`} download>
                    {t(`weekly.${format}`)}
                  </a>
                ))}
              </p>
            </section>
          )}
          <section class="card" aria-labelledby="compliance-title">
            <h2 id="compliance-title" class="visually-hidden">
              {t("contracts.title")}
            </h2>
            <p class="tags">
              <span class="visually-hidden">{t("contracts.legend")}: </span>
              {STATUSES.map((status) => (
                <span key={status} class={`badge status-${status}`}>
                  {SYMBOL[status]} {t(`compliance.${status}`)}
                </span>
              ))}
            </p>
            <div class="table-wrap">
              <table data-testid="compliance">
                <thead>
                  <tr>
                    <th scope="col">{t("contracts.obligation")}</th>
                    <th scope="col">{t("contracts.outlet")}</th>
                    {Array.from({ length: 12 }, (_, i) => (
                      <th scope="col" key={i} class="num">
                        <abbr title={t("coverage.month", { month: i + 1 })}>{i + 1}</abbr>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {result.data.lines.map((line) => (
                    <tr key={`${line.obligation.id}-${line.outlet ?? ""}`}>
                      <th scope="row">
                        {line.obligation.title}
                        {line.obligation.section && <span class="muted"> ({line.obligation.section})</span>}
                      </th>
                      <td>{line.outlet ? session.label("outlet", line.outlet) : "—"}</td>
                      {line.months.map((cell, i) => (
                        <td key={i} class="status-cell">
                          {cell && (
                            <button
                              type="button"
                              class={`status-${cell.status}`}
                              aria-label={`${t(`compliance.${cell.status}`)}, ${t("contracts.counted", { counted: cell.counted, required: cell.required })}, ${t("coverage.month", { month: i + 1 })}`}
                              aria-expanded={open?.line === line && open.month === i + 1}
                              onClick={() =>
                                setOpen(
                                  open?.line === line && open.month === i + 1 ? null : { line, month: i + 1 },
                                )
                              }
                            >
                              {SYMBOL[cell.status]} {cell.counted}/{cell.required}
                            </button>
                          )}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          {open && <EvidencePanel line={open.line} month={open.month} />}
        </>
      )}
      <ContractEditor onSaved={result.reload} />
    </div>
  );
}

function EvidencePanel({ line, month }: { line: ComplianceLine; month: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const cell = line.months[month - 1];
  const evidence = cell?.evidence ?? [];
  return (
    <section class="card" aria-labelledby="evidence-panel-title" aria-live="polite">
      <h2 id="evidence-panel-title">
        {t("contracts.evidence", { obligation: line.obligation.title, month })}
      </h2>
      {evidence.length === 0 ? (
        <p class="muted">{t("contracts.noEvidence")}</p>
      ) : (
        <ul>
          {evidence.map((item) => (
            // data-article-id: where the archived snapshot's viewer attaches (issue 19, evidence).
            <li key={item.article_id} data-article-id={item.article_id}>
              <a href={href(`/articles/${encodeURIComponent(item.article_id)}`)}>{item.title}</a>
              {" · "}
              <SafeLink url={item.url}>{t("contracts.onOutlet")}</SafeLink>
              <span class="muted small">
                {" "}
                · {session.label("outlet", item.outlet)} · {i18n.date(item.published_at)}
              </span>
              {item.snapshot && (
                <>
                  {" "}
                  · <SnapshotLink articleId={item.article_id} snapshot={item.snapshot} />
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
