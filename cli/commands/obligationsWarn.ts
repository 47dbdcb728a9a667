/**
 * `presswatch obligations warn [--year YEAR] [--now ISO]`: evaluates every obligation of the plan
 * (contract files and API contracts) at `now` and stores an "obligation" alert for each period
 * behind pace, printing one line per alert. Run it daily (or let the scheduler): an alert raised
 * before for the same obligation, outlet and period is listed as already raised, not duplicated.
 */

import { createAlertStore } from "../../src/store/alerts.ts";
import { warnObligations } from "../../workers/obligations.ts";
import { type CommandSpec, parseCommand } from "../args.ts";
import { COMMON_OPTIONS, prepare } from "./obligations.ts";

const { scope: _scope, ...options } = COMMON_OPTIONS;
const WARN: CommandSpec = {
  name: "obligations warn",
  summary:
    "Stores an obligation alert for each period behind pace (once per obligation, outlet and period) and prints one line per alert; run it daily.",
  usage: ["[--year YEAR] [--now ISO] [--plan FILE] [--contracts DIR]"],
  options,
};

export async function runObligationsWarn(args: string[]): Promise<number> {
  const { values } = parseCommand(WARN, args);
  // The warnings are always for the whole plan: an alert is routed by its agency, not by scope.
  const prepared = await prepare(values, WARN);
  try {
    const alerts = createAlertStore(prepared.client, { prefix: prepared.prefix });
    await alerts.ensureReady();
    const { raised, already } = await warnObligations({
      plan: prepared.plan,
      contracts: prepared.contracts,
      client: prepared.client,
      alias: prepared.store.alias,
      alerts,
      year: prepared.year,
      now: prepared.now,
    });
    for (const alert of raised) console.log(`raised   ${alert.id}  ${alert.title}`);
    for (const alert of already) console.log(`already  ${alert.id}  ${alert.title}`);
    console.log(`${raised.length} obligation alerts raised, ${already.length} already raised`);
    return 0;
  } finally {
    await prepared.client.close();
  }
}
