/** `presswatch api`: runs the HTTP API (api/server.ts) until SIGINT or SIGTERM. */
import { EnvError, parseEnv } from "../../src/config/env.ts";
import { CliError } from "../errors.ts";

export async function runApi(args: string[]): Promise<number> {
  if (args.length > 0)
    throw new CliError("usage: presswatch api   (HOST, PORT and the rest come from the environment)", 2);
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) throw new CliError(error.message);
    throw error;
  }
  // The CLI is a composition root like workers/: it may start what lives in api/.
  const { runServer } = await import("../../api/server.ts");
  return runServer(env);
}
