/**
 * The shapes the dashboard reads. Search and coverage come from the store's contract
 * (src/store/types.ts); the rest mirror the API's route schemas, or, for alerts, cases and
 * contracts whose routes did not exist yet, the core modules' own shapes.
 */
import type { Alert as ModelAlert } from "../../src/model/alert.ts";
import type { ArticleDoc, Tone } from "../../src/model/article.ts";
import type { CoverageRow, SearchHit, SearchResponse } from "../../src/store/types.ts";

export type { ArticleCorrection } from "../../src/model/correction.ts";
export type { StorySummary } from "../../src/stories/summary.ts";
export type { ArticleDoc, CoverageRow, SearchHit, SearchResponse, Tone };

export type Role = "admin" | "coordinator" | "agency" | "viewer";

export interface User {
  id: string;
  username: string;
  role: Role;
  agency: string | null;
}

export interface Me {
  user: User;
  auth: "session" | "api_key";
  permissions: string[];
}

export interface LoginResponse {
  token: string;
  token_type: "Bearer";
  expires_at: string;
  user: User;
}

export interface CoverageResult {
  period: "day" | "week" | "month";
  from: string;
  to: string;
  rows: CoverageRow[];
  totals: Array<{ period: string; raw: number; unique_stories: number }>;
}

export interface SourceStatus {
  id: string;
  outlet_id: string | null;
  outlet_name: string | null;
  kind: string | null;
  url: string | null;
  enabled: boolean;
  /** Paused in the dashboard; and whether a file or the dashboard configures it. */
  paused?: boolean;
  origin?: "file" | "api";
  state: string;
  runs: number;
  last_run_at: string | null;
  last_success_at: string | null;
  last_error: { kind: string; message: string; at: string; stage: string; url?: string } | null;
  consecutive_failures: number;
  empty_runs: number;
  items_last_run: number;
  new_items_last_run: number;
}

/** Labels and targets of the plan in force, served by the dashboard plugin. */
export interface PlanInfo {
  id: string;
  title: string;
  year: number;
  timezone: string;
  themes: Array<{ id: string; name: string; name_en: string; owners: string[] }>;
  agencies: Array<{ id: string; name: string; name_en: string | null }>;
  districts: Array<{ id: string; name: string }>;
  outlets: Array<{ id: string; name: string; kind: string }>;
  /** Obligations with a count per month: the plan's own coverage targets. */
  targets: Array<{
    id: string;
    title: string;
    section: string;
    outlets: string[];
    themes: string[];
    owner: string;
    min_count: number;
  }>;
}

// ---------------------------------------------------------------------------------------------
// Alerts and cases (issue 6). Cases are the model's own types (src/model/case.ts); the
// alert mirrors src/detect/alerts.ts (which imports node:crypto, so it is not imported here).

export type { SpreadComparison, SpreadPoint } from "../../src/cases/spread.ts";
export type { AlertKind, AlertState, AlertStory } from "../../src/model/alert.ts";
export type {
  CaseAction,
  CaseActor,
  CaseRecord,
  CaseStatus,
  TimelineEntry,
} from "../../src/model/case.ts";

/** An alert as the API returns it: the model's, plus the case opened from it. */
export interface Alert extends ModelAlert {
  /** Set by the API when a case was opened from this alert. */
  case_id?: string | null;
}

/** One 15-minute bucket of the alert's series, with the detector's expected count. */
export interface AlertPoint {
  at: string;
  value: number;
  expected: number;
}

// ---------------------------------------------------------------------------------------------
// Contracts and reports.

export type ComplianceStatus = "met" | "at_risk" | "missed" | "not_yet_due" | "no_data";

export interface ComplianceEvidence {
  article_id: string;
  outlet: string;
  title: string;
  url: string;
  snapshot: string | null;
  published_at: string;
  day: string;
}

export interface ComplianceLine {
  obligation: { id: string; title: string; kind: string; section?: string; owner?: string };
  outlet: string | null;
  unit: string;
  months: Array<{
    status: ComplianceStatus;
    counted: number;
    required: number;
    evidence: ComplianceEvidence[];
  } | null>;
}

export interface ComplianceResponse {
  year: number;
  now: string;
  lines: ComplianceLine[];
}

/** GET /api/queues (src/queue/failedJobs.ts). */
export interface QueueCounts {
  queue: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface FailedJob {
  queue: string;
  id: string;
  attempts: number;
  max_attempts: number;
  error: string;
  stack: string | null;
  summary: string;
  added_at: string;
  failed_at: string | null;
}
