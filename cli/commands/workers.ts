/**
 * `presswatch workers`: every worker role in one process — the crawl (scheduler, discover, fetch,
 * render) and the pipeline (analyze, index, alerts, notify, obligations) — until SIGTERM or SIGINT,
 * started by the composition root (workers/roles.ts). For more throughput run more processes (or
 * containers) against the same Redis and OpenSearch: workers keep no state.
 */
import { ROLES, runRoles } from "../../workers/roles.ts";
import { type CommandSpec, parseCommand } from "../args.ts";

const WORKERS: CommandSpec = {
  name: "workers",
  summary:
    "Runs every worker role (crawl scheduler, discover, fetch, render; analyze, index, alerts, notify, obligations) in this process until SIGTERM or Ctrl-C. Workers keep no state: run more processes for more throughput.",
  usage: [""],
  options: {},
  notes: ["For some roles only: presswatch crawl --workers --roles R,R. Settings come from the environment."],
};

export async function runWorkers(args: string[]): Promise<number> {
  parseCommand(WORKERS, args);
  await runRoles(ROLES, { name: "workers" });
  return 0;
}
