// The first administrator as the compose deployment makes it: `presswatch api` started with
// NODE_ENV=production and ADMIN_USERNAME/ADMIN_PASSWORD creates that admin once, who can then log
// in; the session cookie is Secure (the proxy serves HTTPS) unless COOKIE_SECURE=false. Real Redis
// and OpenSearch, the real CLI in a child process.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { createSearchClient } from "../../../src/store/client.ts";
import { createUserStore } from "../../../src/store/users.ts";
import { removeIsolated, services, uniqueName } from "../../helpers/isolation.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const prefix = uniqueName("first-admin");
const PASSWORD = "mật-khẩu-đầu-tiên-2024";
const started: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Starts `presswatch api` and resolves with its address once /health answers. */
async function startApi(extra: Record<string, string>): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["bin/presswatch.js", "api"], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "production",
      SESSION_SECRET: "x".repeat(48),
      REDIS_URL: services().redisUrl,
      OPENSEARCH_URL: services().openSearchUrl,
      INDEX_PREFIX: prefix,
      QUEUE_PREFIX: prefix,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      ADMIN_USERNAME: "quantri",
      ADMIN_PASSWORD: PASSWORD,
      ...extra,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  started.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += chunk;
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`presswatch api exited ${child.exitCode}: ${stderr}`);
    const ok = await fetch(`${base}/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((done) => setTimeout(done, 250));
  }
  return {
    base,
    stop: () =>
      new Promise<void>((done) => {
        child.once("exit", () => done());
        child.kill("SIGTERM");
      }),
  };
}

const login = (base: string, password = PASSWORD) =>
  fetch(`${base}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "quantri", password }),
  });

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
  await removeIsolated(
    parseEnv({ REDIS_URL: services().redisUrl, OPENSEARCH_URL: services().openSearchUrl }),
    prefix,
  );
});

describe("the first administrator from ADMIN_PASSWORD", { timeout: 120_000 }, () => {
  it("is created at the first start, logs in, and gets a Secure session cookie", async () => {
    const api = await startApi({});
    try {
      const response = await login(api.base);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { user: { username: string; role: string } };
      expect(body.user).toMatchObject({ username: "quantri", role: "admin" });
      expect(response.headers.get("set-cookie")).toMatch(/;\s*Secure/i);
    } finally {
      await api.stop();
    }
  });

  it("is never changed by a later start with another password, and COOKIE_SECURE=false drops Secure", async () => {
    const api = await startApi({ ADMIN_PASSWORD: "another-password-2025", COOKIE_SECURE: "false" });
    try {
      expect((await login(api.base, "another-password-2025")).status).toBe(401);
      const response = await login(api.base);
      expect(response.status).toBe(200);
      expect(response.headers.get("set-cookie")).not.toMatch(/Secure/i);
    } finally {
      await api.stop();
    }
    const client = createSearchClient({ url: services().openSearchUrl });
    const users = await createUserStore(client, { prefix }).list();
    await client.close();
    expect(users.map((u) => `${u.username}:${u.role}`)).toEqual(["quantri:admin"]);
  });
});
