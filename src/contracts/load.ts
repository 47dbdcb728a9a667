/**
 * From contract files to checked `Contract`s, or to every problem found, each with the file, line,
 * column and path of the value at fault: the same stages and the same problem format as a plan
 * file (src/plan), whose locating and formatting helpers this module uses.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type Document, LineCounter, parseDocument } from "yaml";
import type { core } from "zod";
import { coerceError } from "../model/errors.ts";
import { locate } from "../plan/locate.ts";
import { formatPath, formatProblem, type IssuePath, type PlanProblem } from "../plan/problems.ts";
import type { Plan } from "../plan/schema.ts";
import { normalizeVietnamese } from "../text/normalize.ts";
import { findContractInconsistencies } from "./consistency.ts";
import { type Contract, contractSchema } from "./schema.ts";

export type ContractProblem = PlanProblem;
export type ContractCheck = { ok: true; contract: Contract } | { ok: false; problems: ContractProblem[] };
export type ContractsCheck = { ok: true; contracts: Contract[] } | { ok: false; problems: ContractProblem[] };

export class ContractError extends Error {
  constructor(readonly problems: ContractProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(first ? `invalid contract: ${formatProblem(first)}${more}` : "invalid contract");
    this.name = "ContractError";
  }
}

/** Checks the text of one contract file against the plan; `file` only labels problems. */
export function checkContractText(source: string, file: string, plan: Plan): ContractCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const [firstError, ...laterErrors] = doc.errors;
  if (firstError) {
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    const more =
      laterErrors.length > 0 ? ` (${laterErrors.length} more syntax errors may follow from it)` : "";
    return fail([
      { file, line, column: col, path: "", message: `YAML syntax: ${firstError.message}${more}` },
    ]);
  }
  let data: unknown;
  try {
    data = normalizeStrings(doc.toJS());
  } catch (error) {
    return fail([{ file, line: 1, column: 1, path: "", message: coerceError(error).message }]);
  }
  const problemAt = (path: IssuePath, message: string): ContractProblem => {
    const { line, column } = locate(doc, lineCounter, path);
    return { file, line, column, path: formatPath(path), message };
  };
  const parsed = contractSchema.safeParse(data);
  if (!parsed.success) {
    return fail(parsed.error.issues.flatMap((issue) => schemaProblems(issue, doc, lineCounter, problemAt)));
  }
  const issues = findContractInconsistencies(parsed.data, plan);
  if (issues.length > 0) return fail(issues.map((issue) => problemAt(issue.path, issue.message)));
  return { ok: true, contract: parsed.data };
}

export async function checkContractFile(path: string, plan: Plan): Promise<ContractCheck> {
  let source: string;
  try {
    source = await readFile(path, "utf8");
  } catch (error) {
    return fail([{ file: path, path: "", message: describeReadError(error) }]);
  }
  return checkContractText(source, path, plan);
}

/**
 * Every `*.yaml` / `*.yml` file of a directory, in name order; contract ids must be unique across
 * files. A directory that does not exist is a problem (a mistyped path must not read as "no
 * contracts").
 */
export async function checkContractDir(dir: string, plan: Plan): Promise<ContractsCheck> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch (error) {
    return { ok: false, problems: [{ file: dir, path: "", message: describeReadError(error) }] };
  }
  const problems: ContractProblem[] = [];
  const contracts: Contract[] = [];
  const firstFile = new Map<string, string>();
  for (const name of names) {
    const file = join(dir, name);
    const result = await checkContractFile(file, plan);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const seen = firstFile.get(result.contract.id);
    if (seen) {
      const source = await readFile(file, "utf8");
      const lineCounter = new LineCounter();
      const doc = parseDocument(source, { lineCounter });
      const { line, column } = locate(doc, lineCounter, ["id"]);
      problems.push({ file, line, column, path: "id", message: `duplicate contract id (also in ${seen})` });
      continue;
    }
    firstFile.set(result.contract.id, file);
    contracts.push(result.contract);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, contracts };
}

/** The checked contracts of a directory, or a `ContractError` listing every problem. */
export async function loadContracts(dir: string, plan: Plan): Promise<Contract[]> {
  const result = await checkContractDir(dir, plan);
  if (!result.ok) throw new ContractError(result.problems);
  return result.contracts;
}

function fail(problems: ContractProblem[]): { ok: false; problems: ContractProblem[] } {
  const byPosition = (a: ContractProblem, b: ContractProblem) =>
    (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
  return { ok: false, problems: [...problems].sort(byPosition) };
}

function schemaProblems(
  issue: core.$ZodIssue,
  doc: Document,
  lineCounter: LineCounter,
  problemAt: (path: IssuePath, message: string) => ContractProblem,
): ContractProblem[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => problemAt([...path, key], "unknown field"));
  if (issue.code === "invalid_type" && !locate(doc, lineCounter, path).found) {
    return [problemAt(path, "required field is missing")];
  }
  return [problemAt(path, issue.message.replace(/^Invalid input: /, ""))];
}

/** NFC and one tone placement for every string, so a contract and the articles spell alike. */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string") return normalizeVietnamese(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalizeStrings(inner)]));
  }
  return value;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or directory";
  if (code === "EISDIR") return "is a directory, not a contract file";
  if (code === "ENOTDIR") return "not a directory";
  if (code === "EACCES") return "permission denied";
  return `cannot read: ${coerceError(error).message}`;
}
