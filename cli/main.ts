/**
 * The command-line entry: `presswatch <command> [args]`. Each command lives in its own file under
 * `commands/` and returns an exit code; nothing here knows what a command does.
 */
import { readFileSync } from "node:fs";
import { EnvError } from "../src/config/env.ts";
import { HelpShown } from "./args.ts";
import { CliError } from "./errors.ts";

type Command = { summary: string; run: (args: string[]) => Promise<number> };

const commands: Record<string, Command> = {
  api: {
    summary: "run the HTTP API (search, coverage, exports, users) until stopped",
    run: async (args) => (await import("./commands/api.ts")).runApi(args),
  },
  users: {
    summary: "manage API users: users add NAME --role ROLE [--agency ID] | key NAME | list",
    run: async (args) => (await import("./commands/users.ts")).runUsers(args),
  },
  demo: {
    summary: "play a month of a simulated press web through every worker, the API and the dashboard",
    run: async (args) => (await import("./commands/demo.ts")).runDemo(args),
  },
  services: {
    summary: "start, stop or inspect the local services: services up|down|status",
    run: async (args) => (await import("./commands/services.ts")).runServices(args),
  },
  store: {
    summary: "the article index: store init|status|reindex|reanalyze",
    run: async (args) => (await import("./commands/store.ts")).runStore(args),
  },
  backup: {
    summary: "snapshot the index, registries, users, cases, audit and Redis queues: backup [--list]",
    run: async (args) => (await import("./commands/backup.ts")).runBackup(args),
  },
  restore: {
    summary: "restore the latest snapshot (or --snapshot NAME); --replace deletes the current data first",
    run: async (args) => (await import("./commands/backup.ts")).runRestore(args),
  },
  workers: {
    summary: "run every worker role (crawl, analyze, index) in this process until stopped",
    run: async (args) => (await import("./commands/workers.ts")).runWorkers(args),
  },
  plan: {
    summary: "validate a plan file: plan check FILE",
    run: async (args) => (await import("./commands/plan.ts")).runPlan(args),
  },
  obligations: {
    summary:
      "status of every plan and contract obligation per month: obligations --year 2024; `obligations warn` raises alerts for those at risk",
    run: async (args) => (await import("./commands/obligations.ts")).runObligations(args),
  },
  report: {
    summary: "the year-end report in Vietnamese: report --year 2024 --format xlsx|pdf|csv [--out FILE]",
    run: async (args) => (await import("./commands/report.ts")).runReport(args),
  },
  extract: {
    summary: "extract articles from saved pages: extract FILE.html... [--url URL]",
    run: async (args) => (await import("./commands/extract.ts")).runExtract(args),
  },
  analyze: {
    summary: "analyse articles (JSON lines on stdin) | analyze eval | analyze train",
    run: async (args) => (await import("./commands/analyze.ts")).runAnalyze(args),
  },
  crawl: {
    summary: "crawl the configured sources: crawl [--once] | --workers [--roles R,R] | --health",
    run: async (args) => (await import("./commands/crawl.ts")).runCrawl(args),
  },
  detect: {
    summary: "try the spike detector on historical counts: detect backtest FILE.csv",
    run: async (args) => (await import("./commands/detect.ts")).runDetect(args),
  },
  signals: {
    summary: "measure the misinformation score on a labelled set: signals eval --set FILE.jsonl",
    run: async (args) => (await import("./commands/signals.ts")).runSignals(args),
  },
};

/** Every command's name, in the order `presswatch --help` lists them. */
export const COMMAND_NAMES = Object.keys(commands);

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "Usage: presswatch <command> [options]",
    "",
    "Commands:",
    ...lines,
    "",
    "presswatch <command> --help shows a command's options; presswatch --version its version.",
    "Settings come from environment variables (README.md, Configuration).",
  ].join("\n");
}

/** package.json's version: what `presswatch --version` prints. */
export function version(): string {
  const file = new URL("../package.json", import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  if (name === "--version" || name === "-V") {
    console.log(version());
    return 0;
  }
  const command = commands[name];
  if (!command) {
    console.error(
      `presswatch: unknown ${name.startsWith("-") ? "option" : "command"} ${name} (see presswatch --help)`,
    );
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof HelpShown) {
      console.log(error.message);
      return 0;
    }
    // A bad setting is the operator's to fix: one line naming the variables, no stack.
    if (error instanceof EnvError) {
      console.error(`presswatch ${name}: bad environment: ${error.problems.join("; ")}`);
      return 1;
    }
    // Expected failures carry a message meant for the operator; anything else keeps its stack.
    if (error instanceof CliError) {
      console.error(`presswatch ${name}: ${error.message}`);
      return error.exitCode;
    }
    console.error(error);
    return 1;
  }
}
