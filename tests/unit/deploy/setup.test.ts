// deploy/opensearch/setup.sh, the compose start step, run by bash and curl against a TLS stand-in
// for the security REST API that records what it is sent: the CA copied out, the role limited to
// INDEX_PREFIX-*, the user with a password that needs JSON escaping, the mapping, all as admin.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestCa } from "../../helpers/tls.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const tls = makeTestCa();
const received: { method: string; path: string; auth: string; body: unknown }[] = [];
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer({ key: readFileSync(tls.key), cert: readFileSync(tls.cert) }, (request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      received.push({
        method: request.method!,
        path: request.url!,
        auth: Buffer.from((request.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString(),
        body: JSON.parse(body),
      });
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"status":"OK"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  url = `https://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  tls.remove();
});

function setup(
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", [`${ROOT}deploy/opensearch/setup.sh`], {
      env: { PATH: process.env.PATH!, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

describe("deploy/opensearch/setup.sh", { timeout: 30_000 }, () => {
  it("copies the CA out and creates the role, the user and the mapping as admin", async () => {
    const config = join(tls.dir, "config");
    const ca = join(tls.dir, "ca-volume");
    mkdirSync(config);
    mkdirSync(ca);
    copyFileSync(tls.ca, join(config, "root-ca.pem"));
    const password = 'Pa"ss\\word$1!';
    const run = await setup({
      OPENSEARCH_URL: url,
      OPENSEARCH_INITIAL_ADMIN_PASSWORD: "Admin-1!pass",
      OPENSEARCH_APP_PASSWORD: password,
      INDEX_PREFIX: "baochi",
      NODE_CONFIG_DIR: config,
      CA_DIR: ca,
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readFileSync(join(ca, "root-ca.pem"), "utf8")).toBe(readFileSync(tls.ca, "utf8"));
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual([
      "PUT /_plugins/_security/api/roles/presswatch",
      "PUT /_plugins/_security/api/internalusers/presswatch",
      "PUT /_plugins/_security/api/rolesmapping/presswatch",
    ]);
    for (const request of received) expect(request.auth).toBe("admin:Admin-1!pass");
    const role = received[0]!.body as { index_permissions: { index_patterns: string[] }[] };
    expect(role.index_permissions.flatMap((p) => p.index_patterns)).toEqual(["baochi-*"]);
    expect((received[1]!.body as { password: string }).password).toBe(password);
    expect(received[2]!.body).toEqual({ users: ["presswatch"] });
    expect(run.stdout).toMatch(/role presswatch on baochi-\* and user presswatch ready\n$/);
  });
});
