// Login, API keys, secrets at rest, the audit trail and rate limits, on the real node and Redis.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signToken } from "../../../src/auth/tokens.ts";
import { addUser, bearer, login, startTestApi, type TestApi } from "./helpers.ts";

let api: TestApi;
let admin: Record<string, string>;
let adminPassword: string;

beforeAll(async () => {
  api = await startTestApi({ label: "api-auth" });
  const user = await addUser(api, "admin", "admin");
  adminPassword = user.password;
  admin = bearer(await login(api, user.username, user.password));
});

afterAll(async () => {
  await api?.close();
});

async function auditEntries(query: string) {
  await api.client.indices.refresh({ index: api.deps.audit.index });
  const response = await api.app.inject({ url: `/api/audit?${query}`, headers: admin });
  expect(response.statusCode).toBe(200);
  return response.json().entries as Array<Record<string, unknown> & { actor: Record<string, unknown> }>;
}

describe("login", () => {
  it("refuses a wrong password and an unknown user with the same 401", async () => {
    const wrong = await api.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "admin", password: "not the password at all" },
    });
    const unknown = await api.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nobody", password: "not the password at all" },
    });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({ error: "unauthorized", message: "wrong username or password" });
      expect(response.headers["set-cookie"]).toBeUndefined();
    }
    const failures = await auditEntries("action=auth.login&outcome=denied");
    expect(failures.map((e) => e.target).sort()).toEqual(["admin", "nobody"]);
    expect(failures.every((e) => e.actor.kind === "anonymous" && e.status === 401)).toBe(true);
  });

  it("returns a bearer token and an HttpOnly SameSite=Strict cookie that both authenticate", async () => {
    const response = await api.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "ADMIN ", password: adminPassword },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.token_type).toBe("Bearer");
    expect(Date.parse(body.expires_at) - Date.now()).toBeGreaterThan(11 * 3_600_000);
    expect(body.user).toEqual({ id: "admin", username: "admin", role: "admin", agency: null });
    const cookie = String(response.headers["set-cookie"]);
    expect(cookie).toMatch(/^pw_session=pwt1\.[^;]+; Path=\/api; Max-Age=43200; HttpOnly; SameSite=Strict$/);

    const viaToken = await api.app.inject({ url: "/api/auth/me", headers: bearer(body.token) });
    expect(viaToken.json()).toMatchObject({ user: { username: "admin" }, auth: "session" });
    const viaCookie = await api.app.inject({
      url: "/api/auth/me",
      headers: { cookie: cookie.split(";")[0]! },
    });
    expect(viaCookie.statusCode).toBe(200);
  });

  it("stops working for a user disabled after signing in", async () => {
    const user = await addUser(api, "leaving", "coordinator");
    const token = bearer(await login(api, user.username, user.password));
    expect((await api.app.inject({ url: "/api/auth/me", headers: token })).statusCode).toBe(200);
    await api.client.update({
      index: api.deps.users.index,
      id: "leaving",
      body: { doc: { disabled: true } },
      refresh: true,
    });
    const after = await api.app.inject({ url: "/api/auth/me", headers: token });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: "unauthorized", message: "this account is disabled" });
  });
});

describe("users and API keys", () => {
  const password = "Sở Thông tin và Truyền thông 2024";
  let key: { id: string; key: string; hint: string };

  it("creates a user once (409 the second time), audited", async () => {
    const payload = { username: "stttt-officer", password, role: "agency", agency: "stttt" };
    const first = await api.app.inject({ method: "POST", url: "/api/users", headers: admin, payload });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({
      user: { id: "stttt-officer", username: "stttt-officer", role: "agency", agency: "stttt" },
    });
    const again = await api.app.inject({ method: "POST", url: "/api/users", headers: admin, payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().fields).toEqual([{ field: "username", message: "is taken" }]);
    const entries = await auditEntries("action=users.create");
    const rows = entries.map((e) => [e.target, e.outcome, e.status, e.actor.username]);
    expect(rows.sort()).toEqual([
      ["stttt-officer", "rejected", 409, "admin"],
      ["stttt-officer", "success", 201, "admin"],
    ]);
  });

  it("issues a key shown once, usable as X-API-Key or bearer, listed without its secret", async () => {
    const response = await api.app.inject({
      method: "POST",
      url: "/api/users/stttt-officer/keys",
      headers: admin,
      payload: { name: "báo cáo tuần" },
    });
    expect(response.statusCode).toBe(201);
    key = response.json();
    expect(key.key).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    expect(key.hint).toBe(key.key.slice(0, 7));

    for (const headers of [{ "x-api-key": key.key }, bearer(key.key)]) {
      const me = await api.app.inject({ url: "/api/auth/me", headers });
      expect(me.json()).toMatchObject({
        user: { username: "stttt-officer", agency: "stttt" },
        auth: "api_key",
        key_id: key.id,
      });
    }
    const list = await api.app.inject({ url: "/api/users", headers: admin });
    const officer = list.json().users.find((u: { id: string }) => u.id === "stttt-officer");
    expect(officer.keys).toEqual([
      expect.objectContaining({ id: key.id, hint: key.hint, name: "báo cáo tuần", user_id: "stttt-officer" }),
    ]);
    expect(list.body).not.toContain(key.key);
    expect(list.body).not.toContain("password_hash");
    expect(list.body).not.toContain("scrypt$");
  });

  it("stores only hashes: nothing in the indices reveals a password or a key", async () => {
    await api.client.indices.refresh({ index: `${api.prefix}-*` });
    const users = await api.client.search({ index: api.deps.users.index, body: { size: 100 } });
    const officer = users.body.hits.hits.find((hit) => hit._id === "stttt-officer")!._source as Record<
      string,
      unknown
    >;
    expect(officer.password_hash).toMatch(/^scrypt\$15\$8\$3\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    const rawUsers = JSON.stringify(users.body.hits.hits);
    for (const secret of [password, adminPassword]) {
      expect(rawUsers).not.toContain(secret);
      expect(rawUsers).not.toContain(Buffer.from(secret).toString("base64"));
    }

    const keys = await api.client.search({ index: api.deps.apiKeys.index, body: { size: 100 } });
    const rawKeys = JSON.stringify(keys.body.hits.hits);
    expect(rawKeys).not.toContain(key.key);
    expect(rawKeys).not.toContain(key.key.slice(3));
    const stored = keys.body.hits.hits.find((hit) => (hit._source as { id: string }).id === key.id)!;
    const sha256 = createHash("sha256").update(key.key).digest("hex");
    expect(stored._id).toBe(sha256);
    expect((stored._source as { hash: string }).hash).toBe(sha256);

    const audit = await api.client.search({ index: api.deps.audit.index, body: { size: 1000 } });
    const rawAudit = JSON.stringify(audit.body.hits.hits);
    expect(rawAudit).not.toContain(key.key);
    expect(rawAudit).not.toContain(password);
  });

  it("stops a deleted key at once, and a second delete is 404", async () => {
    const deleted = await api.app.inject({ method: "DELETE", url: `/api/keys/${key.id}`, headers: admin });
    expect(deleted.statusCode).toBe(204);
    const after = await api.app.inject({ url: "/api/auth/me", headers: { "x-api-key": key.key } });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toEqual({ error: "unauthorized", message: "unknown API key" });
    const again = await api.app.inject({ method: "DELETE", url: `/api/keys/${key.id}`, headers: admin });
    expect(again.statusCode).toBe(404);
    const entries = await auditEntries("action=keys.delete");
    expect(entries.map((e) => [e.target, e.outcome, e.status]).sort()).toEqual([
      [key.id, "rejected", 404],
      [key.id, "success", 204],
    ]);
  });

  it("audits a write refused for lack of permission or credentials", async () => {
    const viewer = await addUser(api, "observer", "viewer");
    const token = bearer(await login(api, viewer.username, viewer.password));
    const payload = { username: "sneaky", password: "một mật khẩu đủ dài", role: "admin" };
    const denied = await api.app.inject({ method: "POST", url: "/api/users", headers: token, payload });
    expect(denied.statusCode).toBe(403);
    const anonymous = await api.app.inject({ method: "POST", url: "/api/users/observer/keys", payload: {} });
    expect(anonymous.statusCode).toBe(401);
    const refused = await auditEntries("outcome=denied");
    expect(refused).toContainEqual(
      expect.objectContaining({
        action: "users.create",
        status: 403,
        actor: expect.objectContaining({ username: "observer", role: "viewer" }),
      }),
    );
    expect(refused).toContainEqual(
      expect.objectContaining({
        action: "keys.create",
        status: 401,
        actor: expect.objectContaining({ kind: "anonymous" }),
      }),
    );
    expect(await api.deps.users.get("sneaky")).toBeNull();
  });
});

describe("rate limits", () => {
  let limited: TestApi;

  beforeAll(async () => {
    limited = await startTestApi({ label: "api-limit", rateLimit: { loginMax: 3, max: 5 } });
  });

  afterAll(async () => {
    await limited?.close();
  });

  it("stop login attempts from one address after LOGIN_RATE_LIMIT_MAX", async () => {
    const attempt = () =>
      limited.app.inject({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: "admin", password: "guess number n" },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const last = await attempt();
    expect(last.json()).toEqual({
      error: "too_many_requests",
      message: expect.stringMatching(/^rate limit exceeded/),
    });
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("count each caller apart: one user's flood does not stop another", async () => {
    const a = await addUser(limited, "busy", "viewer");
    const b = await addUser(limited, "calm", "viewer");
    const tokenA = bearer(signToken(a.username, limited.config.sessionSecret, 600).token);
    const tokenB = bearer(signToken(b.username, limited.config.sessionSecret, 600).token);
    const statuses = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await limited.app.inject({ url: "/api/auth/me", headers: tokenA })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await limited.app.inject({ url: "/api/auth/me", headers: tokenB })).statusCode).toBe(200);
    expect((await limited.app.inject({ url: "/health" })).statusCode).toBe(200);
  });
});
