/** The plan as data: its types, loading and checking a plan file, and a summary of what it holds. */
export { checkPlanFile, loadPlan } from "./load.ts";
export { checkPlanText, type PlanCheck } from "./parse.ts";
export { formatPath, formatProblem, PlanError, type PlanProblem } from "./problems.ts";
export {
  type Agency,
  type District,
  type Obligation,
  type Outlet,
  type Period,
  type Place,
  type Plan,
  planSchema,
  REQUIRED_THEME_IDS,
  type Term,
  type Theme,
} from "./schema.ts";
export { formatPlanSummary, type PlanSummary, summarizePlan } from "./summary.ts";
