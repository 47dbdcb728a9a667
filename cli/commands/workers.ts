/**
 * `presswatch workers`: every worker role in one process — the crawl (scheduler, discover, fetch,
 * render) and the pipeline (analyze, index, alerts, notify, obligations) — until SIGTERM or SIGINT,
 * started by the composition root (workers/roles.ts). For more throughput run more processes (or
 * containers) against the same Redis and OpenSearch: workers keep no state.
 */
import { ROLES, runRoles } from "../../workers/roles.ts";
import { CliError } from "../errors.ts";

export async function runWorkers(args: string[]): Promise<number> {
  if (args.length)
    throw new CliError("usage: presswatch workers (no options; see `presswatch crawl --workers --roles`)", 2);
  await runRoles(ROLES, { name: "workers" });
  return 0;
}
