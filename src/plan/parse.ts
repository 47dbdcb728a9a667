/**
 * From the text of a plan file to a checked `Plan`, or to every problem found, each with the line
 * and column of the value at fault. Three stages, each only when the previous one passed: YAML
 * syntax, the shape (schema.ts), the cross-references (consistency.ts).
 */
import { type Document, LineCounter, parseDocument, type YAMLError } from "yaml";
import type { core } from "zod";
import { coerceError } from "../model/errors.ts";
import { normalizeVietnamese } from "../text/normalize.ts";
import { findPlanInconsistencies } from "./consistency.ts";
import { locate } from "./locate.ts";
import { formatPath, type IssuePath, type PlanProblem } from "./problems.ts";
import { type Plan, planSchema } from "./schema.ts";

export type PlanCheck = { ok: true; plan: Plan } | { ok: false; problems: PlanProblem[] };

/** Checks plan text; `file` is only used to label problems. */
export function checkPlanText(source: string, file: string): PlanCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [firstError, ...laterErrors] = doc.errors;
  if (firstError) {
    // After one syntax error the parser is out of step and reports every token that follows;
    // only the first error is reliably the one to fix.
    const problem = syntaxProblem(firstError, file, lineCounter);
    if (laterErrors.length > 0)
      problem.message += ` (${laterErrors.length} more syntax errors may follow from it)`;
    return fail([problem]);
  }

  let data: unknown;
  try {
    data = normalizeStrings(doc.toJS());
  } catch (error) {
    // toJS refuses alias bombs and the like; that is a property of the file, not a crash.
    return fail([{ file, line: 1, column: 1, path: "", message: coerceError(error).message }]);
  }

  const problemAt = (path: IssuePath, message: string): PlanProblem => {
    const { line, column } = locate(doc, lineCounter, path);
    return { file, line, column, path: formatPath(path), message };
  };

  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    return fail(parsed.error.issues.flatMap((issue) => schemaProblems(issue, doc, lineCounter, problemAt)));
  }
  const issues = findPlanInconsistencies(parsed.data);
  if (issues.length > 0) return fail(issues.map((issue) => problemAt(issue.path, issue.message)));
  return { ok: true, plan: parsed.data };
}

function fail(problems: PlanProblem[]): PlanCheck {
  const byPosition = (a: PlanProblem, b: PlanProblem) =>
    (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  return { ok: false, problems: [...problems].sort(byPosition) };
}

function syntaxProblem(error: YAMLError, file: string, lineCounter: LineCounter): PlanProblem {
  const { line, col } = lineCounter.linePos(error.pos[0]);
  return { file, line, column: col, path: "", message: `YAML syntax: ${error.message}` };
}

function schemaProblems(
  issue: core.$ZodIssue,
  doc: Document,
  lineCounter: LineCounter,
  problemAt: (path: IssuePath, message: string) => PlanProblem,
): PlanProblem[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys") {
    // One problem per stray key, placed on the key itself: usually a typo of a real field.
    return issue.keys.map((key) => problemAt([...path, key], "unknown field"));
  }
  if (issue.code === "invalid_type" && !locate(doc, lineCounter, path).found) {
    return [problemAt(path, "required field is missing")];
  }
  return [problemAt(path, issue.message.replace(/^Invalid input: /, ""))];
}

/**
 * One spelling for every string before anything compares them: NFC and traditional tone placement,
 * so "Hoà" in the file matches "Hòa" in an article.
 */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string") return normalizeVietnamese(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalizeStrings(inner)]));
  }
  return value;
}
