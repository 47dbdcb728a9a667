// The role matrix on the real app: every role × every protected endpoint, allowed or denied as the
// permission table says AND as an independent hand-written table says; 401 without credentials;
// agency users confined to their agency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, type Action, PERMISSIONS } from "../../../src/auth/permissions.ts";
import { ROLES, type Role } from "../../../src/auth/roles.ts";
import { signToken } from "../../../src/auth/tokens.ts";
import { createCase } from "../../../src/cases/workflow.ts";
import { spikeAlert } from "../../../src/detect/alerts.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { createSnapshotStore } from "../../../src/store/pageSnapshots.ts";
import { fixtureArticles } from "./fixtures.ts";
import { addUser, bearer, indexArticles, login, startTestApi, type TestApi } from "./helpers.ts";

// Written by hand from the design, not derived from the code: if either changes alone, tests fail.
const EXPECTED: Record<Action, Role[]> = {
  "account.read": ["admin", "coordinator", "agency", "viewer"],
  "articles.search": ["admin", "coordinator", "agency", "viewer"],
  "articles.read": ["admin", "coordinator", "agency", "viewer"],
  "articles.export": ["admin", "coordinator", "agency"],
  "articles.correct": ["admin", "coordinator"],
  "articles.snapshot": ["admin", "coordinator", "agency", "viewer"],
  "coverage.read": ["admin", "coordinator", "agency", "viewer"],
  "coverage.export": ["admin", "coordinator", "agency"],
  "sources.read": ["admin", "coordinator", "viewer"],
  "alerts.read": ["admin", "coordinator", "agency", "viewer"],
  "alerts.acknowledge": ["admin", "coordinator", "agency"],
  "alerts.budget": ["admin", "coordinator"],
  "cases.read": ["admin", "coordinator", "agency", "viewer"],
  "cases.create": ["admin", "coordinator"],
  "cases.write": ["admin", "coordinator", "agency"],
  "contracts.read": ["admin", "coordinator", "agency", "viewer"],
  "contracts.write": ["admin", "coordinator"],
  "reports.export": ["admin", "coordinator", "agency"],
  "claims.read": ["admin", "coordinator", "agency", "viewer"],
  "claims.write": ["admin", "coordinator"],
  "sources.write": ["admin", "coordinator"],
  "watchlists.read": ["admin", "coordinator", "agency", "viewer"],
  "watchlists.write": ["admin", "coordinator", "agency"],
  "metrics.read": ["admin"],
  "users.list": ["admin"],
  "users.create": ["admin"],
  "users.update": ["admin"],
  "keys.create": ["admin"],
  "keys.delete": ["admin"],
  "audit.read": ["admin"],
  "queues.read": ["admin"],
  "queues.retry": ["admin"],
};

const AGENCY = "svhttdl";
const articles = fixtureArticles(40);
// An article the agency user may read (tourism names svhttdl) and one it may not (economy).
const visible = articles.find((a) => a.agencies.includes(AGENCY))!;
const hidden = articles.find((a) => !a.agencies.includes(AGENCY))!;

// A spike on the agency's own dimension, and a case assigned to it: both within its scope.
const alert = spikeAlert(
  { dimension: "agency", value: AGENCY, measure: "negative" },
  {
    bucket: Date.parse("2024-01-15T02:00:00Z"),
    count: 7,
    expected: 1.2,
    sd: 1,
    z: 5.8,
    score: 6,
    alert: true,
    ids: [visible.id],
  },
  new Date("2024-01-15T02:20:00Z"),
);
const caseRecord = createCase(
  { id: "case-20240115-roles", title: "Phản ánh sai lệch về lễ hội", alert_ids: [alert.id], agency: AGENCY },
  { id: null, username: "seed", role: "coordinator", agency: null },
  new Date("2024-01-15T03:00:00Z"),
);

let api: TestApi;
const tokens = {} as Record<Role, string>;
let counter = 0;

interface Endpoint {
  action: Action;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** OpenAPI path, to check every documented route is covered here. */
  path: string;
  /** Builds one request; may prepare state (a key to delete) first. */
  request: () => Promise<{ url: string; payload?: object }>;
  /** Status when allowed. */
  ok: number;
  /** Sends the request itself (a stream that never ends is read only up to its status). */
  send?: (headers: Record<string, string>) => Promise<{ statusCode: number; body: string }>;
}

const ENDPOINTS: Endpoint[] = [
  {
    action: "alerts.read",
    method: "GET",
    path: "/api/alerts/budget",
    ok: 200,
    request: async () => ({ url: "/api/alerts/budget" }),
  },
  {
    action: "alerts.budget",
    method: "PUT",
    path: "/api/alerts/budget",
    ok: 200,
    request: async () => ({
      url: "/api/alerts/budget",
      payload: {
        default: { min_spacing_minutes: 720, daily_cap: null },
        scopes: { "theme:tourism": { daily_cap: 2 } },
      },
    }),
  },
  {
    action: "account.read",
    method: "GET",
    path: "/api/auth/me",
    ok: 200,
    request: async () => ({ url: "/api/auth/me" }),
  },
  {
    action: "articles.search",
    method: "GET",
    path: "/api/articles/search",
    ok: 200,
    request: async () => ({ url: "/api/articles/search?q=Sâm Ngọc Linh" }),
  },
  {
    action: "articles.read",
    method: "GET",
    path: "/api/articles/{id}",
    ok: 200,
    request: async () => ({ url: `/api/articles/${visible.id}` }),
  },
  {
    action: "articles.read",
    method: "GET",
    path: "/api/stories/{id}",
    ok: 200,
    request: async () => ({ url: `/api/stories/${encodeURIComponent(visible.story_id)}` }),
  },
  ...(["pdf", "xlsx"] as const).map(
    (format): Endpoint => ({
      action: "reports.export",
      method: "GET",
      path: `/api/reports/week.${format}`,
      ok: 200,
      request: async () => ({ url: `/api/reports/week.${format}?day=2024-01-15` }),
    }),
  ),
  {
    action: "articles.snapshot",
    method: "GET",
    path: "/api/articles/{id}/snapshot",
    ok: 200,
    request: async () => ({ url: `/api/articles/${visible.id}/snapshot` }),
  },
  {
    action: "articles.correct",
    method: "PUT",
    path: "/api/articles/{id}/correction",
    ok: 200,
    request: async () => ({ url: `/api/articles/${visible.id}/correction`, payload: { tone: "neutral" } }),
  },
  {
    action: "articles.export",
    method: "GET",
    path: "/api/articles/search.csv",
    ok: 200,
    request: async () => ({ url: "/api/articles/search.csv?theme=tourism" }),
  },
  {
    action: "articles.export",
    method: "GET",
    path: "/api/articles/search.xlsx",
    ok: 200,
    request: async () => ({ url: "/api/articles/search.xlsx?theme=tourism" }),
  },
  {
    action: "coverage.read",
    method: "GET",
    path: "/api/coverage",
    ok: 200,
    request: async () => ({ url: "/api/coverage?from=2024-01-01&to=2024-01-31&period=week" }),
  },
  {
    action: "coverage.export",
    method: "GET",
    path: "/api/coverage.csv",
    ok: 200,
    request: async () => ({ url: "/api/coverage.csv?from=2024-01-01&to=2024-01-31" }),
  },
  {
    action: "coverage.export",
    method: "GET",
    path: "/api/coverage.xlsx",
    ok: 200,
    request: async () => ({ url: "/api/coverage.xlsx?from=2024-01-01&to=2024-01-31" }),
  },
  {
    action: "sources.read",
    method: "GET",
    path: "/api/sources",
    ok: 200,
    request: async () => ({ url: "/api/sources" }),
  },
  {
    action: "sources.read",
    method: "GET",
    path: "/api/sources/outlets",
    ok: 200,
    request: async () => ({ url: "/api/sources/outlets" }),
  },
  {
    action: "sources.write",
    method: "POST",
    path: "/api/sources/outlets",
    ok: 201,
    request: async () => ({ url: "/api/sources/outlets", payload: roleOutlet(`roles_outlet_${++counter}`) }),
  },
  {
    action: "sources.write",
    method: "PUT",
    path: "/api/sources/outlets/{id}",
    ok: 200,
    request: async () => {
      const id = await seed("/api/sources/outlets", roleOutlet);
      return { url: `/api/sources/outlets/${id}`, payload: { ...roleOutlet(id), version: 1 } };
    },
  },
  {
    action: "sources.write",
    method: "PUT",
    path: "/api/sources/paused",
    ok: 200,
    request: async () => {
      const [first] = await api.deps.sources.list();
      return { url: "/api/sources/paused", payload: { source_id: first!.id, paused: false } };
    },
  },
  {
    action: "sources.write",
    method: "POST",
    path: "/api/sources/test",
    ok: 200,
    // A loopback address the outlet does not allow: refused by the guard, answered at once.
    request: async () => ({
      url: "/api/sources/test",
      payload: { outlet: roleOutlet("roles_draft", "http://127.0.0.1:9/feed.xml") },
    }),
  },
  {
    action: "alerts.read",
    method: "GET",
    path: "/api/alerts",
    ok: 200,
    request: async () => ({ url: "/api/alerts" }),
  },
  {
    action: "alerts.read",
    method: "GET",
    path: "/api/alerts/stream",
    ok: 200,
    request: async () => ({ url: "/api/alerts/stream" }),
    send: streamStatus,
  },
  {
    action: "alerts.read",
    method: "GET",
    path: "/api/alerts/{id}",
    ok: 200,
    request: async () => ({ url: `/api/alerts/${alert.id}` }),
  },
  {
    action: "alerts.acknowledge",
    method: "POST",
    path: "/api/alerts/{id}/acknowledge",
    ok: 200,
    request: async () => ({ url: `/api/alerts/${alert.id}/acknowledge`, payload: {} }),
  },
  {
    action: "cases.read",
    method: "GET",
    path: "/api/cases",
    ok: 200,
    request: async () => ({ url: "/api/cases" }),
  },
  {
    action: "cases.create",
    method: "POST",
    path: "/api/cases",
    ok: 201,
    request: async () => ({
      url: "/api/cases",
      payload: { title: "Tin đồn cần xác minh", alert_ids: [alert.id] },
    }),
  },
  {
    action: "cases.read",
    method: "GET",
    path: "/api/cases/{id}",
    ok: 200,
    request: async () => ({ url: `/api/cases/${caseRecord.id}` }),
  },
  {
    action: "cases.write",
    method: "POST",
    path: "/api/cases/{id}/actions",
    ok: 200,
    request: async () => {
      const current = await api.deps.cases.get(caseRecord.id);
      return {
        url: `/api/cases/${caseRecord.id}/actions`,
        payload: { version: current!.version, action: { type: "note", text: "Đã liên hệ tòa soạn" } },
      };
    },
  },
  {
    action: "contracts.read",
    method: "GET",
    path: "/api/contracts/compliance",
    ok: 200,
    request: async () => ({ url: "/api/contracts/compliance?year=2024" }),
  },
  {
    action: "contracts.read",
    method: "GET",
    path: "/api/contracts",
    ok: 200,
    request: async () => ({ url: "/api/contracts" }),
  },
  {
    action: "contracts.read",
    method: "GET",
    path: "/api/contracts/{id}",
    ok: 200,
    request: async () => ({ url: `/api/contracts/${await seed("/api/contracts", roleContract)}` }),
  },
  {
    action: "contracts.write",
    method: "POST",
    path: "/api/contracts",
    ok: 201,
    request: async () => ({ url: "/api/contracts", payload: roleContract(`roles_contract_${++counter}`) }),
  },
  {
    action: "contracts.write",
    method: "PUT",
    path: "/api/contracts/{id}",
    ok: 200,
    request: async () => {
      const id = await seed("/api/contracts", roleContract);
      return { url: `/api/contracts/${id}`, payload: { ...roleContract(id), version: 1 } };
    },
  },
  {
    action: "claims.read",
    method: "GET",
    path: "/api/claims",
    ok: 200,
    request: async () => ({ url: "/api/claims" }),
  },
  {
    action: "claims.read",
    method: "GET",
    path: "/api/claims/{id}",
    ok: 200,
    request: async () => ({ url: `/api/claims/${await seed("/api/claims", roleClaim)}` }),
  },
  {
    action: "claims.read",
    method: "GET",
    path: "/api/claims/{id}/matches",
    ok: 200,
    request: async () => ({ url: `/api/claims/${await seed("/api/claims", roleClaim)}/matches` }),
  },
  {
    action: "claims.write",
    method: "POST",
    path: "/api/claims",
    ok: 201,
    request: async () => ({ url: "/api/claims", payload: roleClaim(`roles-claim-${++counter}`) }),
  },
  {
    action: "claims.write",
    method: "PUT",
    path: "/api/claims/{id}",
    ok: 200,
    request: async () => {
      const id = await seed("/api/claims", roleClaim);
      return { url: `/api/claims/${id}`, payload: { ...roleClaim(id), version: 1 } };
    },
  },
  ...(["xlsx", "pdf", "csv"] as const).map(
    (format): Endpoint => ({
      action: "reports.export",
      method: "GET",
      path: `/api/reports/year.${format}`,
      ok: 200,
      request: async () => ({ url: `/api/reports/year.${format}?year=2024` }),
    }),
  ),
  {
    action: "watchlists.read",
    method: "GET",
    path: "/api/watchlists",
    ok: 200,
    request: async () => ({ url: "/api/watchlists" }),
  },
  {
    action: "watchlists.write",
    method: "POST",
    path: "/api/watchlists",
    ok: 201,
    request: async () => ({
      url: "/api/watchlists",
      payload: { name: "Sâm Ngọc Linh giả", spec: { text: 'sâm "Ngọc Linh" giả' } },
    }),
  },
  {
    action: "watchlists.read",
    method: "POST",
    path: "/api/watchlists/try",
    ok: 200,
    request: async () => ({ url: "/api/watchlists/try", payload: { spec: { themes: ["tourism"] } } }),
  },
  {
    action: "watchlists.write",
    method: "PUT",
    path: "/api/watchlists/{id}",
    ok: 200,
    request: async () => {
      const created = await api.app.inject({
        method: "POST",
        url: "/api/watchlists",
        headers: bearer(tokens.admin),
        payload: { name: "Sửa được", spec: { themes: ["tourism"] }, agency: AGENCY },
      });
      return {
        url: `/api/watchlists/${created.json().watchlist.id}`,
        payload: { name: "Đã sửa", spec: { themes: ["tourism", "people"] }, agency: AGENCY },
      };
    },
  },
  {
    action: "watchlists.write",
    method: "DELETE",
    path: "/api/watchlists/{id}",
    ok: 204,
    request: async () => {
      // Made by the admin for the agency, so every role allowed to write may remove it.
      const created = await api.app.inject({
        method: "POST",
        url: "/api/watchlists",
        headers: bearer(tokens.admin),
        payload: { name: "Xóa được", spec: { themes: ["tourism"] }, agency: AGENCY },
      });
      return { url: `/api/watchlists/${created.json().watchlist.id}` };
    },
  },
  {
    action: "metrics.read",
    method: "GET",
    path: "/metrics",
    ok: 200,
    request: async () => ({ url: "/metrics" }),
  },
  {
    action: "users.list",
    method: "GET",
    path: "/api/users",
    ok: 200,
    request: async () => ({ url: "/api/users" }),
  },
  {
    action: "users.create",
    method: "POST",
    path: "/api/users",
    ok: 201,
    request: async () => ({
      url: "/api/users",
      payload: { username: `made-${++counter}`, password: "một mật khẩu đủ dài", role: "viewer" },
    }),
  },
  {
    action: "users.update",
    method: "PATCH",
    path: "/api/users/{id}",
    ok: 200,
    request: async () => {
      const username = `changed-${++counter}`;
      const created = await api.app.inject({
        method: "POST",
        url: "/api/users",
        headers: bearer(tokens.admin),
        payload: { username, password: "một mật khẩu đủ dài", role: "viewer" },
      });
      if (created.statusCode !== 201) throw new Error(`seed user: ${created.body}`);
      return { url: `/api/users/${username}`, payload: { role: "coordinator" } };
    },
  },
  {
    action: "keys.create",
    method: "POST",
    path: "/api/users/{id}/keys",
    ok: 201,
    request: async () => ({ url: "/api/users/viewer/keys", payload: { name: "matrix" } }),
  },
  {
    action: "keys.delete",
    method: "DELETE",
    path: "/api/keys/{id}",
    ok: 204,
    request: async () => {
      const created = await api.app.inject({
        method: "POST",
        url: "/api/users/viewer/keys",
        headers: bearer(tokens.admin),
        payload: {},
      });
      return { url: `/api/keys/${created.json().id}` };
    },
  },
  {
    action: "audit.read",
    method: "GET",
    path: "/api/audit",
    ok: 200,
    request: async () => ({ url: "/api/audit" }),
  },
  {
    action: "queues.read",
    method: "GET",
    path: "/api/queues",
    ok: 200,
    request: async () => ({ url: "/api/queues" }),
  },
  {
    action: "queues.retry",
    method: "POST",
    path: "/api/queues/retry",
    ok: 200,
    request: async () => ({ url: "/api/queues/retry", payload: {} }),
  },
  {
    // Allowed, and answered: no such failed job.
    action: "queues.retry",
    method: "POST",
    path: "/api/queues/{queue}/jobs/{id}/retry",
    ok: 404,
    request: async () => ({ url: "/api/queues/fetch/jobs/no-such-job/retry", payload: {} }),
  },
];

/** A contract co-signed by the agency user's agency, so within its scope. */
const roleContract = (id: string) => ({
  id,
  title: "Hợp đồng tuyên truyền du lịch (ma trận quyền)",
  signed_by: "stttt",
  co_signers: [AGENCY],
  outlets: ["krt"],
  period: { from: "2024-01-01", to: "2024-12-31" },
  deliverables: [{ id: "bai_viet", kind: "article", count: 1, per: "month" }],
});
const roleClaim = (id: string) => ({
  id,
  title: "Tin đồn thử ma trận quyền",
  claim: "Một tin đồn dùng để thử quyền.",
  verdict: "false",
  correction: { url: "https://stttt.example/dinh-chinh" },
  key_terms: ["tin đồn thử"],
  phrasings: ["Đây là tin đồn thử."],
});
/** An outlet with one feed, in the shape of a sources file. */
const roleOutlet = (id: string, url = "https://bao.example.vn/rss/tin-moi.rss") => ({
  outlet: { id, name: "Báo thử ma trận quyền" },
  sources: [{ id: `${id}/rss`, kind: "feed", url, interval: "30m" }],
});
/** Enters a fresh contract, claim or outlet as the admin; its id. */
async function seed(url: string, body: (id: string) => object): Promise<string> {
  const id = `${url.endsWith("claims") ? "roles-seed-" : "roles_seed_"}${++counter}`;
  const response = await api.app.inject({
    method: "POST",
    url,
    headers: bearer(tokens.admin),
    payload: body(id),
  });
  if (response.statusCode !== 201) throw new Error(`seed ${url}: ${response.statusCode} ${response.body}`);
  return id;
}

const PUBLIC = ["GET /health", "POST /api/auth/login", "POST /api/auth/logout"];

/** The event stream answers its status at once, then stays open: read the status and hang up. */
async function streamStatus(headers: Record<string, string>) {
  const address = await listening();
  const abort = new AbortController();
  const response = await fetch(`${address}/api/alerts/stream`, { headers, signal: abort.signal });
  const body = response.ok ? "" : await response.text();
  abort.abort();
  return { statusCode: response.status, body };
}

let address: Promise<string> | null = null;
function listening(): Promise<string> {
  address ??= api.app.listen({ host: "127.0.0.1", port: 0 });
  return address;
}

async function send(endpoint: Endpoint, headers: Record<string, string>) {
  if (endpoint.send) return endpoint.send(headers);
  const { url, payload } = await endpoint.request();
  return api.app.inject({ method: endpoint.method, url, headers, ...(payload && { payload }) });
}

beforeAll(async () => {
  api = await startTestApi({ label: "api-roles" });
  await indexArticles(api, articles);
  const alerts = createAlertStore(api.client, { prefix: api.prefix });
  await alerts.put(alert, { refresh: true });
  await api.deps.cases.create(caseRecord);
  // The visible article's archived page, so reading it answers 200.
  const hash = await createSnapshotStore(api.client, { prefix: api.prefix }).put(
    Buffer.from("<html><body><p>Lễ hội văn hóa</p></body></html>"),
  );
  await indexArticles(api, [{ ...visible, snapshot: hash }]);
  for (const role of ROLES) {
    const { username, password } = await addUser(api, role, role, role === "agency" ? AGENCY : null);
    tokens[role] = await login(api, username, password);
  }
});

afterAll(async () => {
  await api?.close();
});

describe("the permission table", () => {
  it("matches the hand-written expectation for every action and role", () => {
    expect(ACTIONS.sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const action of ACTIONS) {
      for (const role of ROLES) {
        expect({ action, role, allowed: PERMISSIONS[action].roles[role] }).toEqual({
          action,
          role,
          allowed: EXPECTED[action].includes(role),
        });
      }
    }
  });

  it("covers every documented route here, and every documented protected route needs credentials", async () => {
    const docs = (await api.app.inject({ url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const documented = Object.entries(docs.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const tested = ENDPOINTS.map((e) => `${e.method} ${e.path}`);
    expect([...documented].sort()).toEqual([...tested, ...PUBLIC].sort());
  });
});

describe("every role × every endpoint", () => {
  for (const endpoint of ENDPOINTS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[endpoint.action].includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${endpoint.method} ${endpoint.path}`, async () => {
        const response = await send(endpoint, bearer(tokens[role]));
        if (allowed) {
          expect(response.statusCode, response.body).toBe(endpoint.ok);
        } else {
          expect(response.statusCode, response.body).toBe(403);
          expect(JSON.parse(response.body)).toEqual({
            error: "forbidden",
            message: `role ${role} may not ${PERMISSIONS[endpoint.action].does}`,
          });
        }
      });
    }
  }

  it("words a denial as the design says", async () => {
    const response = await api.app.inject({
      url: "/api/articles/search.csv",
      headers: bearer(tokens.viewer),
    });
    expect(response.json()).toEqual({ error: "forbidden", message: "role viewer may not export articles" });
  });
});

describe("callers without valid credentials", () => {
  for (const endpoint of ENDPOINTS) {
    it(`get 401 from ${endpoint.method} ${endpoint.path}`, async () => {
      const response = await send(endpoint, {});
      expect(response.statusCode).toBe(401);
      expect(JSON.parse(response.body)).toEqual({
        error: "unauthorized",
        message: expect.stringMatching(/^authentication required/),
      });
    });
  }

  it("get 401 with a forged, an expired or a malformed token, or an unknown key", async () => {
    const forged = signToken("admin", "not the server's secret, but long enough", 3600).token;
    const expired = signToken("admin", api.config.sessionSecret, 60, Date.now() - 3_600_000).token;
    const cases: Array<[Record<string, string>, string]> = [
      [bearer(forged), "invalid token"],
      [bearer(expired), "the session has expired; sign in again"],
      [bearer("pwt1.garbage"), "invalid token"],
      [
        { authorization: "Basic YWRtaW46YWRtaW4=" },
        "the Authorization header must be 'Bearer <token or API key>'",
      ],
      [{ "x-api-key": `pw_${"A".repeat(43)}` }, "unknown API key"],
      [{ "x-api-key": "not-a-key" }, "unknown API key"],
    ];
    for (const [headers, message] of cases) {
      const response = await api.app.inject({ url: "/api/auth/me", headers });
      expect({ status: response.statusCode, body: response.json() }).toEqual({
        status: 401,
        body: { error: "unauthorized", message },
      });
    }
  });

  it("need none for /health and the OpenAPI document", async () => {
    expect((await api.app.inject({ url: "/health" })).statusCode).toBe(200);
    expect((await api.app.inject({ url: "/docs/json" })).statusCode).toBe(200);
  });
});

describe("an agency user", () => {
  it("searches only articles naming their agency", async () => {
    const response = await api.app.inject({
      url: "/api/articles/search?size=200",
      headers: bearer(tokens.agency),
    });
    const body = response.json() as { total: number; hits: Array<{ article: { agencies: string[] } }> };
    const expected = articles.filter((a) => a.agencies.includes(AGENCY)).length;
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(articles.length);
    expect(body.total).toBe(expected);
    expect(body.hits.every((hit) => hit.article.agencies.includes(AGENCY))).toBe(true);
    const coordinator = await api.app.inject({
      url: "/api/articles/search?size=1",
      headers: bearer(tokens.coordinator),
    });
    expect(coordinator.json().total).toBe(articles.length);
  });

  it("is refused another agency's filter, and may name their own", async () => {
    const other = await api.app.inject({
      url: "/api/articles/search?agency=skhdt",
      headers: bearer(tokens.agency),
    });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toEqual({
      error: "forbidden",
      message: `role agency is restricted to agency ${AGENCY}`,
    });
    const own = await api.app.inject({
      url: `/api/articles/search?agency=skhdt,${AGENCY}`,
      headers: bearer(tokens.agency),
    });
    expect(own.statusCode).toBe(200);
  });

  it("gets 404 for an article outside their agency, as if it did not exist", async () => {
    const response = await api.app.inject({
      url: `/api/articles/${hidden.id}`,
      headers: bearer(tokens.agency),
    });
    expect(response.statusCode).toBe(404);
    const coordinator = await api.app.inject({
      url: `/api/articles/${hidden.id}`,
      headers: bearer(tokens.coordinator),
    });
    expect(coordinator.statusCode).toBe(200);
    expect(coordinator.json().article.title).toBe(hidden.title);
  });

  it("counts coverage of their agency only", async () => {
    const url = "/api/coverage?period=month&from=2024-01-01&to=2024-01-31&by=agency";
    const mine = (await api.app.inject({ url, headers: bearer(tokens.agency) })).json();
    const all = (await api.app.inject({ url, headers: bearer(tokens.coordinator) })).json();
    const expected = articles.filter((a) => a.agencies.includes(AGENCY)).length;
    expect(mine.totals).toEqual([{ period: "2024-01-01", raw: expected, unique_stories: expected }]);
    expect(all.totals[0].raw).toBe(articles.length);
  });
});
