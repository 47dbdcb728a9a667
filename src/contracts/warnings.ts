/**
 * Early warnings: every period still running whose obligation is behind pace, in the shape the
 * alert system (not built yet) can take as an "obligation at risk" alert. Pure: the caller decides
 * where they go.
 */
import { dayEnd } from "./calendar.ts";
import { periodLabel } from "./labels.ts";
import type { Evaluation } from "./obligationStatus.ts";

export interface ObligationWarning {
  kind: "obligation_at_risk";
  obligation: string;
  outlet: string | null;
  /** The agency that answers for the obligation. */
  agency: string;
  period: string;
  /** When the period ends (UTC ISO): the warning is moot after it. */
  ends_at: string;
  required: number;
  counted: number;
  expected_by_now: number;
  message: string;
}

export function obligationWarnings(evaluation: Evaluation): ObligationWarning[] {
  const specs = new Map(evaluation.obligations.map((spec) => [spec.id, spec]));
  return evaluation.rows
    .filter((row) => row.status === "at_risk")
    .map((row) => {
      const spec = specs.get(row.obligation);
      const period = periodLabel(row.period);
      const who = row.outlet ? ` (${row.outlet})` : "";
      return {
        kind: "obligation_at_risk" as const,
        obligation: row.obligation,
        outlet: row.outlet,
        agency: spec?.owner ?? "",
        period: row.period.key,
        ends_at: new Date(dayEnd(row.to, evaluation.time_zone)).toISOString(),
        required: row.required,
        counted: row.counted,
        expected_by_now: row.expected_by_now ?? 0,
        message: `${spec?.title ?? row.obligation}${who}: ${period} mới có ${row.counted}/${row.required}, chậm so với tiến độ.`,
      };
    });
}
