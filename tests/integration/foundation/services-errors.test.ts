// Each way the local services can fail is reported as one clear line, never a stack trace.
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../../helpers/isolation.ts";
import { presswatch } from "../../helpers/run.ts";

const dataDir = mkdtempSync(join(tmpdir(), "presswatch-services-"));
let busy: Server;
let busyPort: number;
const sockets = new Set<import("node:net").Socket>();

/** The CLI with only the variables given, on this file's data directory. */
function presswatchWith(args: string[], env: Record<string, string>) {
  return presswatch(args, {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    DATA_DIR: dataDir,
    ...env,
  });
}

function expectOneClearLine(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at /);
}

beforeAll(async () => {
  // Something that is not OpenSearch holds a port.
  busy = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.end("HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello");
  });
  await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
  busyPort = (busy.address() as { port: number }).port;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => busy.close(resolve));
  rmSync(dataDir, { recursive: true, force: true });
});

describe("presswatch services up reports failures in one line", () => {
  const redis = services().redisUrl;

  it("names the missing JDK", async () => {
    const result = await presswatchWith(["services", "up", "--no-install"], {
      REDIS_URL: redis,
      OPENSEARCH_LOCAL_PORT: "19291",
      OPENSEARCH_JAVA_HOME: "/nonexistent/jdk",
      JAVA_HOME: "/usr/lib/jvm/java-17-openjdk-amd64",
      JVM_DIR: "/nonexistent/jvm",
    });
    expect(result.status).toBe(1);
    expectOneClearLine(
      result.stderr,
      /^presswatch services: opensearch: no Java 21\+ JDK found .*found only: .*java-17.*\(17\)/,
    );
  });

  it("refuses a busy port instead of moving to another one", async () => {
    const result = await presswatchWith(["services", "up", "--no-install"], {
      REDIS_URL: redis,
      OPENSEARCH_LOCAL_PORT: String(busyPort),
    });
    expect(result.status).toBe(1);
    expectOneClearLine(
      result.stderr,
      new RegExp(`opensearch: port ${busyPort} is busy with something that is not OpenSearch`),
    );
  });

  it("reports an unreachable Redis", async () => {
    const result = await presswatchWith(["services", "up", "--no-install"], {
      REDIS_URL: "redis://redis.invalid:6390",
    });
    expect(result.status).toBe(1);
    expectOneClearLine(
      result.stderr,
      /^presswatch services: redis: Redis at redis:\/\/redis\.invalid:6390 is unreachable \(.*ENOTFOUND.*\); check REDIS_URL$/,
    );
  });

  it("reports a node that fails to start, with the reason from its log", async () => {
    const result = await presswatchWith(["services", "up", "--no-install"], {
      REDIS_URL: redis,
      OPENSEARCH_LOCAL_PORT: "19292",
      OPENSEARCH_HEAP: "1m",
    });
    expect(result.status).toBe(1);
    expectOneClearLine(
      result.stderr,
      /opensearch: OpenSearch failed to start \(exit code \d+\): .*heap.* — full log: .*node\.log$/i,
    );
  });

  it("reports a bad environment variable by name", async () => {
    const result = await presswatchWith(["services", "status"], {
      REDIS_URL: "http://nope",
      OPENSEARCH_HEAP: "lots",
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(
      /REDIS_URL="http:\/\/nope": must be a URL starting with redis:\/\/ or rediss:\/\//,
    );
    expect(result.stderr).toMatch(/OPENSEARCH_HEAP="lots": must look like 512m or 1g/);
  });
});
