/** Contracts and obligations: loading contract files, and evaluating what outlets owe per period. */
export { dayEnd, dayStart, localDateTime, localDay, parseInstant, vietnameseDay } from "./calendar.ts";
export {
  DELIVERABLE_KIND_LABEL,
  OBLIGATION_KIND_LABEL,
  periodLabel,
  REASON_LABEL,
  STATUS_LABEL,
  STATUS_SYMBOL,
  UNIT_LABEL,
} from "./labels.ts";
export {
  type ContractCheck,
  ContractError,
  type ContractProblem,
  type ContractsCheck,
  checkContractDir,
  checkContractFile,
  checkContractText,
  loadContracts,
} from "./load.ts";
export {
  type Candidate,
  detectKind,
  type FamilyOriginal,
  matchCandidate,
  type RejectionReason,
} from "./match.ts";
export {
  candidateRange,
  type Evaluation,
  type EvaluationInput,
  type Evidence,
  evaluateObligations,
  type PeriodCell,
  type Rejection,
  type ReportSubmission,
  STATUSES,
  type Status,
  type StatusRow,
  statusOf,
} from "./obligationStatus.ts";
export type {
  Amendment,
  Contract,
  Deliverable,
  DeliverableKind,
  DeliverablePer,
  Recognition,
} from "./schema.ts";
export { formatScope, parseScope, type Scope, scopeExists, specsInScope } from "./scope.ts";
export {
  buildSpecs,
  contractSpecs,
  type DayRange,
  type ObligationSpec,
  type PeriodUnit,
  type Requirement,
} from "./specs.ts";
export { cellText, formatMonthTable, type MatrixLine, type MonthCell, monthMatrix } from "./table.ts";
export { type ObligationWarning, obligationWarnings } from "./warnings.ts";
