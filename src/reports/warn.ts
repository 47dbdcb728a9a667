/**
 * The daily obligation check: evaluate the whole plan (files and API contracts) at `now` and raise
 * an "obligation" alert for each period behind pace. Safe to run as often as wanted: an alert
 * already raised for an obligation, outlet and period is not raised again.
 */

import type { Evaluation } from "../contracts/obligationStatus.ts";
import { mergeContracts } from "../contracts/registry.ts";
import { type AlertSink, type ObligationAlerts, raiseObligationAlerts } from "../detect/obligations.ts";
import { createAlertStore } from "../store/alerts.ts";
import type { SearchClient } from "../store/client.ts";
import { createContractStore } from "../store/contracts.ts";
import { articleNames } from "../store/names.ts";
import { evaluateYear, loadSources, type Sources } from "./gather.ts";

export interface WarnOptions extends Sources {
  client: SearchClient;
  /** The article alias (`ArticleStore.alias`). */
  alias: string;
  alerts: AlertSink;
  /** The instant the evaluation is made at (ms); alerts are stamped with the real clock. */
  now: number;
  /** The plan's year by default. */
  year?: number;
}

export async function warnObligations(
  options: WarnOptions,
): Promise<ObligationAlerts & { evaluation: Evaluation }> {
  const { plan, contracts, client, alias, now } = options;
  const evaluation = await evaluateYear({
    plan,
    contracts,
    client,
    alias,
    year: options.year ?? plan.year,
    scope: { type: "plan" },
    now,
  });
  return { ...(await raiseObligationAlerts(evaluation, options.alerts)), evaluation };
}

export interface DailyCheckOptions {
  planFile: string;
  /** `<CONFIG_DIR>/contracts`. */
  contractsDir: string;
  client: SearchClient;
  /** INDEX_PREFIX: the articles, contracts and alerts of this deployment. */
  prefix: string;
  /** Now by default. */
  now?: number;
}

/**
 * Everything the scheduler needs in one call: reads the plan, the contract files and the API's
 * contracts afresh (a contract entered yesterday counts today), then raises the warnings.
 */
export async function dailyObligationCheck(options: DailyCheckOptions): Promise<ObligationAlerts> {
  const { client, prefix } = options;
  const [sources, stored] = await Promise.all([
    loadSources(options.planFile, options.contractsDir),
    createContractStore(client, { prefix }).list(),
  ]);
  const alerts = createAlertStore(client, { prefix });
  await alerts.ensureReady();
  const { raised, already } = await warnObligations({
    plan: sources.plan,
    contracts: mergeContracts(
      sources.contracts,
      stored.map((record) => record.value),
    ),
    client,
    alias: articleNames(prefix).alias,
    alerts,
    now: options.now ?? Date.now(),
  });
  return { raised, already };
}
