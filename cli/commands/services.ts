/** `presswatch services up|down|status`: the local OpenSearch node, Redis and Chromium. */

import { EnvError, parseEnv } from "../../src/config/env.ts";
import { ServiceError, servicesDown, servicesStatus, servicesUp } from "../../tools/services/index.ts";
import { CliError } from "../errors.ts";

const USAGE = "usage: presswatch services up [--no-install] | down | status";

export async function runServices(args: string[]): Promise<number> {
  const [action, ...flags] = args;
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) throw new CliError(error.message);
    throw error;
  }
  try {
    switch (action) {
      case "up": {
        const lines = await servicesUp(env, {
          install: !flags.includes("--no-install"),
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
      default:
        throw new CliError(USAGE, 2);
    }
  } catch (error) {
    if (error instanceof ServiceError) throw new CliError(`${error.service}: ${error.message}`);
    throw error;
  }
}
