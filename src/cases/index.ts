/** The crisis case workflow (pure): statuses and transitions, actions and timeline, agency suggestion, spread. */
export { type AgencySuggestion, type CaseSubject, suggestAgency } from "./agency.ts";
export { compareSpread, type SpreadArticle, type SpreadComparison } from "./spread.ts";
export {
  applyCaseAction,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  type CaseAction,
  type CaseActor,
  CaseError,
  type CaseRecord,
  type CaseStatus,
  CaseValidationError,
  createCase,
  InvalidTransitionError,
  isFinal,
  type NewCase,
  type TimelineEntry,
  VersionConflictError,
} from "./workflow.ts";
