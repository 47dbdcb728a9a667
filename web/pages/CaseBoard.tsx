/** Crisis cases on a board, one column per status. Agency users get only their own (the API decides). */
import { CASE_STATUSES } from "../../src/model/case.ts";
import { api } from "../api/client.ts";
import type { CaseRecord } from "../api/types.ts";
import { ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href } from "../lib/router.ts";
import { useSession } from "../lib/session.ts";

export function CaseBoard() {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const result = useLoad((signal) => api.cases({}, signal), []);

  if (result.state === "error") return <ErrorMessage error={result.error} onRetry={result.reload} />;
  if (!result.data) return <Loading />;
  const byStatus = new Map<string, CaseRecord[]>(CASE_STATUSES.map((status) => [status, []]));
  for (const record of result.data.cases) byStatus.get(record.status)?.push(record);

  return (
    <div class="cases-page">
      <PageTitle>{t("cases.title")}</PageTitle>
      <p role="status" data-testid="case-count">
        {t("cases.count", { count: result.data.cases.length })}
      </p>
      <div class="board" data-testid="case-board">
        {CASE_STATUSES.map((status) => {
          const cases = byStatus.get(status) ?? [];
          return (
            <section
              class="board-column"
              key={status}
              aria-labelledby={`column-${status}`}
              data-status={status}
            >
              <h2 id={`column-${status}`}>
                <span>{t(`status.${status}`)}</span>
                <span class="count">{cases.length}</span>
              </h2>
              <ul>
                {cases.map((record) => (
                  <li class="case-card" key={record.id} data-case-id={record.id}>
                    <a href={href(`/cases/${encodeURIComponent(record.id)}`)}>{record.title}</a>
                    <div class="muted small">
                      {record.agency ? session.label("agency", record.agency) : t("case.unassigned")}
                    </div>
                    <div class="muted small">
                      {t("cases.updated", { at: i18n.dateTime(record.updated_at) })}
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
