/**
 * Reading the signal configuration from disk: every claim file under `config/claims/` and
 * `config/credibility.yaml`. A bad file does not hide the others' problems: all are reported.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { formatPath } from "../plan/problems.ts";
import {
  type Claim,
  type ConfigProblem,
  checkClaimText,
  registryProblems,
  SignalConfigError,
} from "./claims.ts";
import { type CredibilityConfig, credibilitySchema } from "./credibility.ts";

export type RegistryCheck = { ok: true; claims: Claim[] } | { ok: false; problems: ConfigProblem[] };

export async function checkClaimsDir(dir: string): Promise<RegistryCheck> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { ok: true, claims: [] };
    throw error;
  }
  const files = names.filter((name) => /\.ya?ml$/i.test(name)).sort();
  const problems: ConfigProblem[] = [];
  const entries: Array<{ file: string; claim: Claim }> = [];
  for (const name of files) {
    const file = join(dir, name);
    const result = checkClaimText(await readFile(file, "utf8"), file);
    if (result.ok) entries.push({ file, claim: result.claim });
    else problems.push(...result.problems);
  }
  problems.push(...registryProblems(entries));
  return problems.length
    ? { ok: false, problems }
    : { ok: true, claims: entries.map((entry) => entry.claim) };
}

/** The claims of a directory, or a `SignalConfigError` listing every problem. */
export async function loadClaims(dir: string): Promise<Claim[]> {
  const result = await checkClaimsDir(dir);
  if (!result.ok) throw new SignalConfigError(result.problems);
  return result.claims;
}

/** `config/credibility.yaml`, or empty lists when the file does not exist. */
export async function loadCredibility(file: string): Promise<CredibilityConfig> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { partner: [], official: [], unreliable: [] };
    throw error;
  }
  const parsed = credibilitySchema.safeParse(parse(source) ?? {});
  if (!parsed.success) {
    throw new SignalConfigError(
      parsed.error.issues.map((issue) => ({
        file,
        path: formatPath(issue.path.filter((part): part is string | number => typeof part !== "symbol")),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}
