/** Crawl worker processes for the tests: `presswatch crawl --workers` as real child processes. */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { services } from "../../helpers/isolation.ts";
import { type Harness, TEST_TUNING } from "./harness.ts";

const REPO = join(import.meta.dirname, "../../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Log lines written so far (JSON from pino). */
  lines: string[];
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Articles this process collected, from its own log. */
  collected(): number;
}

/** `presswatch crawl --workers` with test-sized timeouts: arguments and environment. */
export function crawlWorkerCommand(
  options: { redisUrl: string; prefix: string; configDir: string; dataDir: string },
  roles = "discover,fetch",
): { args: string[]; env: NodeJS.ProcessEnv } {
  return {
    args: [
      join(REPO, "bin/presswatch.js"),
      "crawl",
      "--workers",
      "--roles",
      roles,
      "--lock-ms",
      String(TEST_TUNING.lockMs),
      "--stalled-ms",
      String(TEST_TUNING.stalledMs),
      "--lease-ms",
      String(TEST_TUNING.leaseMs),
      "--fetch-timeout-ms",
      String(TEST_TUNING.fetchTimeoutMs),
      "--retries",
      "1",
    ],
    env: {
      ...process.env,
      REDIS_URL: options.redisUrl,
      QUEUE_PREFIX: options.prefix,
      CONFIG_DIR: options.configDir,
      DATA_DIR: options.dataDir,
      // Read back from disk by these tests (see harness.ts).
      SNAPSHOT_STORE: "files",
      LOG_LEVEL: "info",
      NODE_ENV: "test",
    },
  };
}

export function spawnWorker(harness: Harness, roles = "discover,fetch"): WorkerProcess {
  const { args, env } = crawlWorkerCommand({ redisUrl: services().redisUrl, ...harness }, roles);
  const child = spawn(process.execPath, args, { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let buffered = "";
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      if (line.includes('"crawl workers started"')) markReady();
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    lines,
    ready: Promise.race([
      ready,
      exited.then(({ code }) => {
        throw new Error(`worker exited (${code}) before it was ready:\n${lines.slice(-20).join("\n")}`);
      }),
    ]),
    exited,
    collected: () => lines.filter((line) => line.includes('"article collected"')).length,
  };
}

/** Polls until `check` holds; used for "the crawl reached the middle", never for timing. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, pollMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}
