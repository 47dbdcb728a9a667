/**
 * The alert budget: per spike scope, a minimum spacing between two alerts and a cap per day
 * (Vietnam's day), so that a quiet scope stays quiet and a noisy one cannot flood the coordinators.
 * Operators set it (PUT /api/alerts/budget; kept in Redis, read by the alerts workers within a
 * minute); the most specific entry wins: `theme:tourism:negative`, then `theme:tourism`, then
 * `theme`, then the default. The detector enforces it (detector.ts: `cooldownMinutes`,
 * `dailyCap`), and each spike alert stores the budget that was in force and the score that decided
 * it.
 */
import type { RedisClient } from "../queue/connection.ts";
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from "./settings.ts";

export interface ScopeBudget {
  min_spacing_minutes: number;
  /** Alerts per key and day at most; null: no cap. */
  daily_cap: number | null;
}

export interface BudgetConfig {
  default: ScopeBudget;
  /** Keys: a dimension (`theme`), a dimension and value (`theme:tourism`), or a full spike key. */
  scopes: Record<string, Partial<ScopeBudget>>;
}

export const DEFAULT_BUDGET: Readonly<BudgetConfig> = Object.freeze({
  default: Object.freeze({
    min_spacing_minutes: DEFAULT_DETECTOR_SETTINGS.cooldownMinutes,
    daily_cap: Number.isFinite(DEFAULT_DETECTOR_SETTINGS.dailyCap)
      ? DEFAULT_DETECTOR_SETTINGS.dailyCap
      : null,
  }),
  scopes: Object.freeze({}),
});

/** The budget of one spike key (`theme:tourism:negative`). */
export function budgetFor(config: BudgetConfig, key: string): ScopeBudget {
  const parts = key.split(":");
  let budget: ScopeBudget = { ...config.default };
  for (let n = 1; n <= parts.length; n++) {
    const entry = config.scopes[parts.slice(0, n).join(":")];
    if (entry) budget = { ...budget, ...entry };
  }
  return budget;
}

export function withBudget(settings: DetectorSettings, budget: ScopeBudget): DetectorSettings {
  return {
    ...settings,
    cooldownMinutes: budget.min_spacing_minutes,
    dailyCap: budget.daily_cap ?? Number.POSITIVE_INFINITY,
  };
}

export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BudgetError";
  }
}

function checkBudget(value: unknown, where: string, partial: boolean): Partial<ScopeBudget> {
  if (!value || typeof value !== "object" || Array.isArray(value))
    throw new BudgetError(`${where}: an object`);
  const out: Partial<ScopeBudget> = {};
  for (const [name, field] of Object.entries(value)) {
    if (name === "min_spacing_minutes") {
      if (typeof field !== "number" || !Number.isInteger(field) || field < 0 || field > 7 * 1440)
        throw new BudgetError(`${where}.min_spacing_minutes: whole minutes from 0 to 10080`);
      out.min_spacing_minutes = field;
    } else if (name === "daily_cap") {
      if (
        field !== null &&
        (typeof field !== "number" || !Number.isInteger(field) || field < 0 || field > 1000)
      )
        throw new BudgetError(`${where}.daily_cap: a whole number from 0 to 1000, or null for no cap`);
      out.daily_cap = field as number | null;
    } else throw new BudgetError(`${where}.${name}: unknown field`);
  }
  if (!partial && (out.min_spacing_minutes === undefined || out.daily_cap === undefined))
    throw new BudgetError(`${where}: min_spacing_minutes and daily_cap are both required`);
  return out;
}

const SCOPE_KEY = /^(theme|agency|outlet_kind)(?::[^:\s]{1,100}(?::(negative|flagged))?)?$/;

/** Checks a budget sent by an operator; throws `BudgetError` naming the bad field. */
export function parseBudget(value: unknown): BudgetConfig {
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new BudgetError("budget: an object");
  const { default: fallback, scopes = {}, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest)[0];
  if (extra) throw new BudgetError(`budget.${extra}: unknown field`);
  const parsed: BudgetConfig = {
    default: checkBudget(fallback, "default", false) as ScopeBudget,
    scopes: {},
  };
  if (!scopes || typeof scopes !== "object" || Array.isArray(scopes))
    throw new BudgetError("scopes: an object");
  for (const [key, entry] of Object.entries(scopes)) {
    if (!SCOPE_KEY.test(key))
      throw new BudgetError(
        `scopes."${key}": a scope such as theme, theme:tourism or theme:tourism:negative`,
      );
    parsed.scopes[key] = checkBudget(entry, `scopes."${key}"`, true);
  }
  return parsed;
}

export interface BudgetStore {
  get(): Promise<BudgetConfig>;
  set(config: BudgetConfig): Promise<void>;
}

/** The budget in Redis (one JSON string); the shipped default when none was set. */
export function createBudgetStore(redis: RedisClient, prefix: string): BudgetStore {
  const key = `${prefix}:detect:budget`;
  return {
    async get() {
      const json = await redis.get(key);
      if (!json) return DEFAULT_BUDGET;
      try {
        return parseBudget(JSON.parse(json));
      } catch (error) {
        throw new BudgetError(`stored alert budget ${key} is unreadable: ${(error as Error).message}`);
      }
    },
    async set(config) {
      await redis.set(key, JSON.stringify(parseBudget(config)));
    },
  };
}

/** A store read at most every `everyMs` (the alerts workers: the operator's change within a minute). */
export function cachedBudget(store: Pick<BudgetStore, "get">, everyMs = 60_000): () => Promise<BudgetConfig> {
  let value: BudgetConfig | null = null;
  let readAt = 0;
  return async () => {
    if (!value || Date.now() - readAt >= everyMs) {
      value = await store.get();
      readAt = Date.now();
    }
    return value;
  };
}
