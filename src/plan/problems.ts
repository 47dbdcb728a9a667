/** What is wrong with a plan file, said the way an editor or a terminal can jump to it. */

export type IssuePath = Array<string | number>;

export interface PlanProblem {
  file: string;
  line?: number;
  column?: number;
  /** Where in the plan, e.g. `obligations[3].themes[0]`; empty for the file as a whole. */
  path: string;
  message: string;
}

export class PlanError extends Error {
  constructor(readonly problems: PlanProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(first ? `invalid plan: ${formatProblem(first)}${more}` : "invalid plan");
    this.name = "PlanError";
  }
}

/** `["obligations", 3, "themes", 0]` → `obligations[3].themes[0]`. */
export function formatPath(path: IssuePath): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    return out ? `${out}.${part}` : part;
  }, "");
}

/** `FILE:LINE:COL: path: message`, the form compilers use, leaving out the parts that are unknown. */
export function formatProblem(problem: PlanProblem): string {
  const position = problem.line === undefined ? "" : `:${problem.line}:${problem.column ?? 1}`;
  const path = problem.path ? `${problem.path}: ` : "";
  return `${problem.file}${position}: ${path}${problem.message}`;
}
