/**
 * The crisis case workflow, pure. A case follows an alert (or a coordinator's own finding) from
 * first sight to the official response:
 *
 *   new → verifying → responding → resolved
 *     ↘        ↘
 *      dismissed   dismissed
 *
 * Every change is an action applied by `applyCaseAction`, which refuses what the table below does
 * not allow, checks the version the caller last saw (optimistic concurrency: two coordinators
 * editing the same case cannot overwrite each other), and appends one timeline entry saying who
 * did what and when. Nothing else changes a case, so its timeline is complete by construction.
 */

import type { CaseAction, CaseActor, CaseRecord, CaseStatus, TimelineEntry } from "../model/case.ts";

/** The only moves allowed; resolved and dismissed are final. */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = Object.freeze({
  new: ["verifying", "dismissed"],
  verifying: ["responding", "dismissed"],
  responding: ["resolved"],
  resolved: [],
  dismissed: [],
});

export class CaseError extends Error {
  override name = "CaseError";
}

/** The move is not in the transition table. */
export class InvalidTransitionError extends CaseError {
  override name = "InvalidTransitionError";
  constructor(
    readonly caseId: string,
    readonly from: CaseStatus,
    readonly to: CaseStatus,
  ) {
    const allowed = CASE_TRANSITIONS[from];
    super(
      `case ${caseId} cannot move from "${from}" to "${to}": ` +
        (allowed.length
          ? `from "${from}" it can only move to ${allowed.map((s) => `"${s}"`).join(" or ")}`
          : `"${from}" is final`),
    );
  }
}

/** The caller saw an older version: someone else changed the case in between. */
export class VersionConflictError extends CaseError {
  override name = "VersionConflictError";
  constructor(
    readonly caseId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      `case ${caseId} is at version ${actual}, not ${expected}: it was changed by someone else; reload it and try again`,
    );
  }
}

/** The action is allowed in principle but misses what it needs (a reason, a link, an agency). */
export class CaseValidationError extends CaseError {
  override name = "CaseValidationError";
}

export interface NewCase {
  id: string;
  title: string;
  alert_ids?: string[];
  article_ids?: string[];
  claim_ids?: string[];
  themes?: string[];
  suggested_agency?: { agency: string; reason: string } | null;
  /** Assign at once (e.g. to the suggestion); otherwise the coordinator assigns later. */
  agency?: string | null;
}

export function createCase(input: NewCase, actor: CaseActor, now: Date): CaseRecord {
  if (!input.title.trim()) throw new CaseValidationError("a case needs a title");
  const at = now.toISOString();
  const sources = [
    input.alert_ids?.length ? `alerts ${input.alert_ids.join(", ")}` : "",
    input.article_ids?.length ? `${input.article_ids.length} articles` : "",
  ].filter(Boolean);
  return {
    id: input.id,
    title: input.title.trim(),
    status: "new",
    version: 1,
    agency: input.agency ?? null,
    suggested_agency: input.suggested_agency ?? null,
    alert_ids: unique(input.alert_ids ?? []),
    article_ids: unique(input.article_ids ?? []),
    claim_ids: unique(input.claim_ids ?? []),
    themes: unique(input.themes ?? []),
    response_url: null,
    response_at: null,
    created_at: at,
    updated_at: at,
    created_by: actor,
    timeline: [
      {
        seq: 1,
        at,
        actor,
        action: "create",
        to: "new",
        detail:
          `opened "${input.title.trim()}"` +
          (sources.length ? ` from ${sources.join(" and ")}` : "") +
          (input.agency ? `, assigned to ${input.agency}` : "") +
          (input.suggested_agency
            ? `; suggested agency ${input.suggested_agency.agency} (${input.suggested_agency.reason})`
            : ""),
      },
    ],
  };
}

/**
 * Applies one action for `actor`, who last saw version `expectedVersion`. Returns the new case;
 * throws `VersionConflictError`, `InvalidTransitionError` or `CaseValidationError` and changes
 * nothing otherwise.
 */
export function applyCaseAction(
  record: CaseRecord,
  action: CaseAction,
  actor: CaseActor,
  expectedVersion: number,
  now: Date,
): CaseRecord {
  if (expectedVersion !== record.version)
    throw new VersionConflictError(record.id, expectedVersion, record.version);
  const at = now.toISOString();
  const next: CaseRecord = { ...record, version: record.version + 1, updated_at: at };
  const entry: TimelineEntry = {
    seq: record.timeline.length + 1,
    at,
    actor,
    action: action.type,
    detail: "",
  };
  const withNote = (detail: string, note?: string) => (note?.trim() ? `${detail}: ${note.trim()}` : detail);

  switch (action.type) {
    case "transition": {
      if (!CASE_TRANSITIONS[record.status].includes(action.to)) {
        throw new InvalidTransitionError(record.id, record.status, action.to);
      }
      if (action.to === "dismissed" && !action.note?.trim())
        throw new CaseValidationError(`case ${record.id}: dismissing needs a reason in the note`);
      if (action.to === "responding" && !(record.agency ?? null))
        throw new CaseValidationError(`case ${record.id}: assign a responsible agency before responding`);
      if (action.to === "resolved" && !record.response_url)
        throw new CaseValidationError(`case ${record.id}: set the official response link before resolving`);
      next.status = action.to;
      entry.from = record.status;
      entry.to = action.to;
      entry.detail = withNote(`${record.status} → ${action.to}`, action.note);
      break;
    }
    case "assign": {
      if (isFinal(record.status)) throw finalError(record, "reassign");
      if (!action.agency.trim()) throw new CaseValidationError(`case ${record.id}: no agency given`);
      next.agency = action.agency;
      entry.detail = withNote(
        record.agency
          ? `reassigned from ${record.agency} to ${action.agency}`
          : `assigned to ${action.agency}`,
        action.note,
      );
      break;
    }
    case "note": {
      if (!action.text.trim()) throw new CaseValidationError(`case ${record.id}: an empty note`);
      entry.detail = action.text.trim();
      break;
    }
    case "set_response": {
      if (isFinal(record.status)) throw finalError(record, "change the response of");
      if (!isHttpUrl(action.url))
        throw new CaseValidationError(`case ${record.id}: "${action.url}" is not an http(s) link`);
      next.response_url = action.url;
      next.response_at = record.response_at ?? at;
      entry.detail = withNote(
        record.response_url
          ? `response link changed from ${record.response_url} to ${action.url}`
          : `official response ${action.url}`,
        action.note,
      );
      break;
    }
    case "link_alert": {
      next.alert_ids = unique([...record.alert_ids, action.alert_id]);
      entry.detail = `linked alert ${action.alert_id}`;
      break;
    }
    case "link_article": {
      next.article_ids = unique([...record.article_ids, action.article_id]);
      entry.detail = `linked article ${action.article_id}`;
      break;
    }
  }
  next.timeline = [...record.timeline, entry];
  return next;
}

export function isFinal(status: CaseStatus): boolean {
  return CASE_TRANSITIONS[status].length === 0;
}

function finalError(record: CaseRecord, verb: string): CaseValidationError {
  return new CaseValidationError(`case ${record.id} is ${record.status}: cannot ${verb} a closed case`);
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
