/**
 * The alerts and crisis cases of a report's year, in the report's shape: those raised (or opened)
 * between 1 January and 31 December in the plan's time zone; for an agency's report, the agency's
 * own. Stores are passed in, so this file holds no engine call.
 */
import { addDays, dayStart } from "../contracts/calendar.ts";
import type { Scope } from "../contracts/scope.ts";
import type { AlertQuery } from "../store/alerts.ts";
import type { CaseQuery } from "../store/cases.ts";
import type { ReportAlert, ReportCase } from "./model.ts";

/** Beyond the engine's default result window a year's list would need paging; no office is near it. */
const MAX_ITEMS = 10_000;

export interface IncidentStores {
  alerts: {
    list(query: AlertQuery): Promise<
      Array<{
        id: string;
        kind: string;
        title: string;
        created_at: string;
        state: string;
        agencies: string[];
      }>
    >;
  };
  cases: {
    list(query: CaseQuery): Promise<
      Array<{
        id: string;
        title: string;
        agency: string | null;
        status: string;
        created_at: string;
        updated_at: string;
        response_url: string | null;
        timeline: Array<{ at: string; action: string; to?: string | undefined }>;
      }>
    >;
  };
}

export async function yearIncidents(
  stores: IncidentStores,
  year: number,
  scope: Scope,
  timeZone: string,
): Promise<{ alerts: ReportAlert[]; cases: ReportCase[] }> {
  const from = new Date(dayStart(`${year}-01-01`, timeZone)).toISOString();
  const to = new Date(dayStart(addDays(`${year}-12-31`, 1), timeZone) - 1).toISOString();
  const agency = scope.type === "agency" ? scope.id : undefined;
  const [alerts, cases] = await Promise.all([
    stores.alerts.list({ size: MAX_ITEMS, from, to, ...(agency && { agency }) }),
    stores.cases.list({ size: MAX_ITEMS, ...(agency && { agency }) }),
  ]);
  return {
    alerts: alerts
      .map((alert) => ({
        id: alert.id,
        kind: alert.kind,
        title: alert.title,
        created_at: alert.created_at,
        state: alert.state,
        agency: alert.agencies[0] ?? null,
      }))
      .sort((a, b) => a.created_at.localeCompare(b.created_at)),
    cases: cases
      .filter((record) => record.created_at >= from && record.created_at <= to)
      .map((record) => ({
        id: record.id,
        title: record.title,
        agency: record.agency ?? "",
        status: record.status,
        opened_at: record.created_at,
        resolved_at:
          record.timeline.findLast((entry) => entry.action === "transition" && entry.to === "resolved")?.at ??
          null,
        response_url: record.response_url,
      }))
      .sort((a, b) => a.opened_at.localeCompare(b.opened_at)),
  };
}
