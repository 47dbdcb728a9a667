/**
 * A real Redis Cluster for a test: three masters from Debian's redis-server on 127.0.0.1 (ports
 * 7000-7002 unless told otherwise, cluster bus on port + 10000), each with cluster mode and
 * append-only persistence in its own folder of one temporary directory, joined with
 * `redis-cli --cluster create`. `stop()` ends the servers and removes the directory.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";

const HOST = "127.0.0.1";

export class OwnRedisCluster {
  private readonly children: ChildProcess[] = [];

  private constructor(
    readonly ports: number[],
    readonly dir: string,
  ) {}

  /** REDIS_CLUSTER_NODES for this cluster. */
  get nodes(): string {
    return this.ports.map((port) => `${HOST}:${port}`).join(",");
  }

  static async start(ports = [7000, 7001, 7002]): Promise<OwnRedisCluster> {
    const cluster = new OwnRedisCluster(ports, await mkdtemp(join(tmpdir(), "presswatch-redis-cluster-")));
    try {
      for (const port of ports) await cluster.startNode(port);
      await cluster.create();
      await cluster.waitUntilServing();
    } catch (error) {
      await cluster.stop();
      throw error;
    }
    return cluster;
  }

  private async startNode(port: number): Promise<void> {
    // Something else answering on the port would pass for our node (and be wiped by the test).
    if (await answers(port))
      throw new Error(`port ${port} is already in use; the test's Redis Cluster needs it`);
    const dir = join(this.dir, String(port));
    await mkdir(dir);
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        HOST,
        "--dir",
        dir,
        "--cluster-enabled",
        "yes",
        "--cluster-config-file",
        "nodes.conf",
        "--cluster-node-timeout",
        "5000",
        "--appendonly",
        "yes",
        "--save",
        "",
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    this.children.push(child);
    const failed = new Promise<never>((_, reject) => {
      child.once("error", (error) =>
        reject(
          new Error(
            `redis-server could not start (${error.message}); install it: apt-get install -y redis-server`,
          ),
        ),
      );
      child.once("exit", (code) =>
        reject(new Error(`redis-server on port ${port} exited with code ${code}`)),
      );
    });
    failed.catch(() => undefined);
    for (let attempt = 0; attempt < 100; attempt++) {
      const up = await Promise.race([answers(port), failed]);
      if (up) return;
      await sleep(50);
    }
    throw new Error(`redis-server on port ${port} did not answer within 5 s`);
  }

  private async create(): Promise<void> {
    const args = ["--cluster", "create", ...this.ports.map((port) => `${HOST}:${port}`)];
    const cli = spawn("redis-cli", [...args, "--cluster-replicas", "0", "--cluster-yes"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    cli.stdout.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    cli.stderr.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
    const [code] = (await once(cli, "exit")) as [number | null];
    if (code !== 0) throw new Error(`redis-cli --cluster create failed (exit ${code}):\n${output}`);
  }

  /** Until every node sees all the slots served (the nodes agree through the cluster bus). */
  private async waitUntilServing(): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const states = await Promise.all(this.ports.map((port) => clusterState(port)));
      if (states.every((state) => state === "ok")) return;
      if (Date.now() > deadline)
        throw new Error(
          `the Redis Cluster did not reach cluster_state:ok within 15 s (${states.join(", ")})`,
        );
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.map(async (child) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = once(child, "exit");
        child.kill("SIGTERM");
        await exited;
      }),
    );
    await rm(this.dir, { recursive: true, force: true });
  }
}

async function withNode<T>(port: number, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(port, HOST, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

async function answers(port: number): Promise<boolean> {
  return withNode(port, async (redis) => (await redis.ping()) === "PONG").catch(() => false);
}

async function clusterState(port: number): Promise<string> {
  const info = await withNode(port, (redis) => redis.cluster("INFO"));
  return /cluster_state:(\w+)/.exec(String(info))?.[1] ?? "unknown";
}
