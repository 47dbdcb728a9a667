/** `presswatch api`: runs the HTTP API (api/server.ts) until SIGINT or SIGTERM. */
import { parseEnv } from "../../src/config/env.ts";
import { type CommandSpec, parseCommand } from "../args.ts";

const API: CommandSpec = {
  name: "api",
  summary:
    "Runs the HTTP API (search, coverage, exports, users; OpenAPI at /docs) and the dashboard until SIGTERM or Ctrl-C.",
  usage: [""],
  options: {},
  notes: [
    "Everything else comes from the environment: HOST, PORT, SESSION_SECRET, ADMIN_USERNAME/ADMIN_PASSWORD",
    "(the first administrator), COOKIE_SECURE, TRUST_PROXY, … (README.md, Configuration).",
  ],
};

export async function runApi(args: string[]): Promise<number> {
  parseCommand(API, args);
  const env = parseEnv();
  // The CLI is a composition root like workers/: it may start what lives in api/.
  const { runServer } = await import("../../api/server.ts");
  return runServer(env);
}
