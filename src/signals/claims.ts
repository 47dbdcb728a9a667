/**
 * The registry of false claims: one YAML file per claim under `config/claims/` (and, later, the
 * same shape through the API). A claim carries what a coordinator knows about a rumour: what it
 * says, the official correction, the key terms that must appear for a text to repeat it, and a few
 * typical phrasings for fuzzy matching.
 *
 * This file checks text (pure); `load.ts` reads the directory.
 */
import { LineCounter, parseDocument } from "yaml";
import { type core, z } from "zod";
import { coerceError } from "../model/errors.ts";
import { locate } from "../plan/locate.ts";
import { formatPath, formatProblem, type PlanProblem } from "../plan/problems.ts";
import { normalizeVietnamese } from "../text/normalize.ts";

/** A problem in a configuration file: file, line, column, path of the bad value, message. */
export type ConfigProblem = PlanProblem;

export const CLAIM_VERDICTS = ["false", "misleading", "scam"] as const;
export type ClaimVerdict = (typeof CLAIM_VERDICTS)[number];

const text = z.string().trim().min(1, { error: "must not be empty" });
const id = z.string().regex(/^[a-z][a-z0-9_-]*$/, {
  error: "a claim id is lower-case ASCII letters, digits, - and _, starting with a letter",
});
const planId = z.string().regex(/^[a-z][a-z0-9_]*$/, { error: "not a plan id" });

// A key-term entry is one phrase or a list of alternatives; every entry must occur in a text.
const keyTerm = z.union([text.transform((value) => [value]), z.array(text).min(1)], {
  error: "a key term is a phrase or a list of alternative phrases",
});

export const claimSchema = z.strictObject({
  id,
  /** True for the shipped examples, which describe no real rumour. */
  example: z.boolean().default(false),
  title: text,
  claim: text,
  // YAML reads a bare `false` as a boolean; it means the verdict "false".
  verdict: z.preprocess((value) => (value === false ? "false" : value), z.enum(CLAIM_VERDICTS)),
  correction: z.strictObject({
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
    summary: text.optional(),
  }),
  key_terms: z.array(keyTerm).min(1, { error: "a claim needs at least one key term" }),
  phrasings: z.array(text).min(1, { error: "a claim needs at least one example phrasing" }),
  themes: z.array(planId).default([]),
  /** The agency that answers for the subject (a plan agency id), when the claim names one. */
  agency: planId.optional(),
  places: z.array(planId).default([]),
});

export type Claim = z.output<typeof claimSchema>;
export type ClaimInput = z.input<typeof claimSchema>;

export type ClaimCheck = { ok: true; claim: Claim } | { ok: false; problems: ConfigProblem[] };

/** Checks one claim given as data (e.g. from the API); problems carry the path of the bad value. */
export function checkClaim(data: unknown, file = "<claim>"): ClaimCheck {
  const parsed = claimSchema.safeParse(normalizeStrings(data));
  if (parsed.success) return { ok: true, claim: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap(splitIssue).map(({ path, message }) => ({
      file,
      path: formatPath(path),
      message,
    })),
  };
}

/** Checks the text of one claim file; problems carry line and column. */
export function checkClaimText(source: string, file: string): ClaimCheck {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = doc.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return {
      ok: false,
      problems: [{ file, line, column: col, path: "", message: `YAML syntax: ${error.message}` }],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    return {
      ok: false,
      problems: [{ file, line: 1, column: 1, path: "", message: coerceError(err).message }],
    };
  }
  const parsed = claimSchema.safeParse(normalizeStrings(data));
  if (parsed.success) return { ok: true, claim: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.flatMap(splitIssue).map(({ path, message }) => {
      const { line, column, found } = locate(doc, lineCounter, path);
      const missing = !found && message.startsWith("expected ");
      return {
        file,
        line,
        column,
        path: formatPath(path),
        message: missing ? "required field is missing" : message,
      };
    }),
  };
}

/** One problem per stray key (placed on the key: usually a typo of a real field). */
function splitIssue(issue: core.$ZodIssue): Array<{ path: Array<string | number>; message: string }> {
  const path = issuePath(issue.path);
  if (issue.code === "unrecognized_keys")
    return issue.keys.map((key) => ({ path: [...path, key], message: "unknown field" }));
  return [{ path, message: issueMessage(issue.message) }];
}

/** Problems that relate claims to each other: duplicate ids. */
export function registryProblems(entries: Array<{ file: string; claim: Claim }>): ConfigProblem[] {
  const seen = new Map<string, string>();
  const problems: ConfigProblem[] = [];
  for (const { file, claim } of entries) {
    const first = seen.get(claim.id);
    if (first)
      problems.push({ file, path: "id", message: `claim id "${claim.id}" is already used in ${first}` });
    else seen.set(claim.id, file);
  }
  return problems;
}

/** Invalid signal configuration (claims, credibility lists), with every problem found. */
export class SignalConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    const first = problems[0];
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    super(
      first ? `invalid signal configuration: ${formatProblem(first)}${more}` : "invalid signal configuration",
    );
    this.name = "SignalConfigError";
  }
}

function issuePath(path: readonly PropertyKey[]): Array<string | number> {
  return path.filter((part): part is string | number => typeof part !== "symbol");
}

function issueMessage(message: string): string {
  return message.replace(/^Invalid input: /, "");
}

/** NFC and one tone placement for every string, so the file and the articles spell alike. */
function normalizeStrings(value: unknown): unknown {
  if (typeof value === "string") return normalizeVietnamese(value);
  if (Array.isArray(value)) return value.map(normalizeStrings);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, normalizeStrings(inner)]));
  }
  return value;
}
