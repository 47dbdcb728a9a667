/**
 * The case (crisis): title, linked alerts and articles, the agency answering, its status and the
 * timeline of who did what. Part of the domain model: it imports nothing; the workflow that
 * changes a case is src/cases/workflow.ts, the store src/store/cases.ts.
 */

export const CASE_STATUSES = ["new", "verifying", "responding", "resolved", "dismissed"] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CaseActor {
  id: string | null;
  username: string | null;
  role: string | null;
  /** The agency of an agency user; null for the coordinator and the system. */
  agency: string | null;
}

export type CaseAction =
  | { type: "transition"; to: CaseStatus; note?: string | undefined }
  | { type: "assign"; agency: string; note?: string | undefined }
  | { type: "note"; text: string }
  | { type: "set_response"; url: string; note?: string | undefined }
  | { type: "link_alert"; alert_id: string }
  | { type: "link_article"; article_id: string };

export interface TimelineEntry {
  /** Position in the timeline, from 1; equal to the case version the entry produced. */
  seq: number;
  at: string;
  actor: CaseActor;
  action: "create" | CaseAction["type"];
  from?: CaseStatus;
  to?: CaseStatus;
  detail: string;
}

export interface CaseRecord {
  id: string;
  title: string;
  status: CaseStatus;
  /** Incremented by every action; a caller states the version it saw. */
  version: number;
  /** The agency answering for the case, once assigned. */
  agency: string | null;
  /** What the plan suggests, with the reason. */
  suggested_agency: { agency: string; reason: string } | null;
  alert_ids: string[];
  article_ids: string[];
  claim_ids: string[];
  themes: string[];
  /** The official response (a statement, a correction article). */
  response_url: string | null;
  response_at: string | null;
  created_at: string;
  updated_at: string;
  created_by: CaseActor;
  timeline: TimelineEntry[];
}
