/**
 * Contracts entered through the API next to the contract files: checking one given as data (the
 * same schema and plan checks as a file, each problem naming the path of the bad value), and the
 * merged set every evaluation uses. A file contract is never shadowed: the API refuses an id a
 * file uses, and the merge keeps the file's should one slip through (a file added later).
 */
import type { core } from "zod";
import { formatPath } from "../plan/problems.ts";
import type { Plan } from "../plan/schema.ts";
import { findContractInconsistencies } from "./consistency.ts";
import { normalizeStrings } from "./load.ts";
import { type Contract, contractSchema } from "./schema.ts";

/** One problem of a contract given as data: `path` is "deliverables[0].count", "" for the whole. */
export interface DataProblem {
  path: string;
  message: string;
}

export type ContractDataCheck = { ok: true; contract: Contract } | { ok: false; problems: DataProblem[] };

export function checkContractData(data: unknown, plan: Plan): ContractDataCheck {
  const parsed = contractSchema.safeParse(normalizeStrings(data));
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.flatMap(problemsOf) };
  const issues = findContractInconsistencies(parsed.data, plan);
  if (issues.length > 0) {
    return {
      ok: false,
      problems: issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
    };
  }
  return { ok: true, contract: parsed.data };
}

function problemsOf(issue: core.$ZodIssue): DataProblem[] {
  const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: "unknown field" }));
  }
  const missing = issue.code === "invalid_type" && / received undefined$/.test(issue.message);
  return [
    {
      path: formatPath(path),
      message: missing ? "required field is missing" : issue.message.replace(/^Invalid input: /, ""),
    },
  ];
}

/** The files' contracts, then the stored ones whose ids no file uses. */
export function mergeContracts(files: readonly Contract[], stored: readonly Contract[]): Contract[] {
  const fileIds = new Set(files.map((contract) => contract.id));
  return [...files, ...stored.filter((contract) => !fileIds.has(contract.id))];
}
