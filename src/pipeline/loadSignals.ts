/**
 * The misinformation signals of a running pipeline (and of `presswatch analyze`): the claim
 * registry and the credibility lists read once at start, compiled once, then one call per article.
 *
 * Besides the stored form `{score, reasons}`, each call returns the registered claims the article
 * spreads (stance `asserts`): the alerts stage needs them for rumours, and the stored reasons are
 * sentences, not something to parse ids back out of.
 */
import { join } from "node:path";
import type { Plan } from "../plan/schema.ts";
import type { StoryArticle } from "../signals/contradiction.ts";
import { loadClaims, loadCredibility } from "../signals/load.ts";
import { loadAllClaims, type StoredClaims } from "../signals/registry.ts";
import {
  type CompiledSignals,
  compileSignals,
  misinformationSignals,
  type SignalArticle,
  storedMisinformation,
} from "../signals/signals.ts";

export interface ArticleSignals {
  score: number;
  reasons: string[];
  /** Ids of the registered claims the article asserts, best match first. */
  claims: string[];
}

/** `story`: the other articles of the article's story, for the contradiction signal. */
export type SignalsOf = (article: SignalArticle, story?: readonly StoryArticle[]) => ArticleSignals;

/** Where the files live under a configuration directory (CONFIG_DIR). */
export function signalFiles(configDir: string) {
  return { claims: join(configDir, "claims"), credibility: join(configDir, "credibility.yaml") };
}

/** One article's signals with everything compiled beforehand. Pure. */
export function signalsWith(compiled: CompiledSignals): SignalsOf {
  return (article, story) => {
    const signals = misinformationSignals(article, {
      signals: compiled,
      ...(story?.length ? { story } : {}),
    });
    return {
      ...storedMisinformation(signals),
      claims: signals.claims.filter((match) => match.stance === "asserts").map((match) => match.claim_id),
    };
  };
}

/**
 * Reads and compiles the claims directory and the credibility file. A missing directory or file
 * means none (an office may run without a registry); a broken one throws `SignalConfigError`
 * naming every problem, so a worker does not start on a half-read registry.
 */
export async function loadSignals(
  files: { claims: string; credibility: string },
  plan: Pick<Plan, "outlets">,
  /** Claims entered through the API, besides the files. */
  stored?: StoredClaims,
): Promise<{ signalsOf: SignalsOf; claimCount: number }> {
  const [claims, credibility] = await Promise.all([
    stored ? loadAllClaims(files.claims, stored) : loadClaims(files.claims),
    loadCredibility(files.credibility),
  ]);
  return { signalsOf: signalsWith(compileSignals({ claims, credibility, plan })), claimCount: claims.length };
}

/**
 * Signals that follow the registry as coordinators edit it: loaded now (a broken registry stops
 * the worker from starting), then reloaded every `everyMs`. A reload that fails keeps the last good
 * registry and says why, so a bad edit never silences the signals.
 */
export async function liveSignals(
  files: { claims: string; credibility: string },
  plan: Pick<Plan, "outlets">,
  stored: StoredClaims,
  options: { everyMs: number; onReload(claimCount: number): void; onError(error: unknown): void },
): Promise<{ signalsOf: SignalsOf; claimCount: number; stop(): void }> {
  let current = await loadSignals(files, plan, stored);
  const timer = setInterval(() => {
    loadSignals(files, plan, stored).then(
      (next) => {
        if (next.claimCount !== current.claimCount) options.onReload(next.claimCount);
        current = next;
      },
      (error: unknown) => options.onError(error),
    );
  }, options.everyMs);
  timer.unref();
  return {
    signalsOf: (article, story) => current.signalsOf(article, story),
    claimCount: current.claimCount,
    stop: () => clearInterval(timer),
  };
}
