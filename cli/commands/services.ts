/** `presswatch services up|down|status`: the local OpenSearch node, Redis and Chromium. */

import { parseEnv } from "../../src/config/env.ts";
import { ServiceError, servicesDown, servicesStatus, servicesUp } from "../../tools/services/index.ts";
import { parseCommand, pickSubcommand } from "../args.ts";
import { CliError } from "../errors.ts";

const SERVICES = {
  name: "services",
  summary: "The local development services: an OpenSearch node, Redis and Chromium (not for production).",
  subcommands: {
    up: "start what is not running (installing what is missing), or reuse what runs",
    down: "stop the services this checkout started",
    status: "one line per service (exit 1 when one is down)",
  },
};

export async function runServices(args: string[]): Promise<number> {
  const { subcommand, rest } = pickSubcommand(SERVICES, args);
  const { values } = parseCommand(
    {
      name: `services ${subcommand}`,
      summary: SERVICES.subcommands[subcommand],
      usage: [subcommand === "up" ? "[--no-install]" : ""],
      options:
        subcommand === "up"
          ? { "no-install": { type: "boolean", help: "fail instead of installing what is missing" } }
          : {},
      notes: [
        "Reads DATA_DIR, REDIS_URL, OPENSEARCH_LOCAL_PORT, OPENSEARCH_HEAP, OPENSEARCH_JAVA_HOME, CHROMIUM_PATH.",
      ],
    },
    rest,
  );
  const env = parseEnv();
  try {
    switch (subcommand) {
      case "up": {
        const lines = await servicesUp(env, {
          install: !values["no-install"],
          log: (line) => console.log(`  ${line}`),
        });
        for (const line of lines) console.log(line);
        return 0;
      }
      case "down":
        for (const line of await servicesDown(env)) console.log(line);
        return 0;
      case "status": {
        const report = await servicesStatus(env);
        for (const { ok, line } of report) console.log(`${ok ? "ok  " : "DOWN"} ${line}`);
        return report.every((r) => r.ok) ? 0 : 1;
      }
    }
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(`${error.service}: ${error.message}`);
    throw error;
  }
}
