// The role matrix on the real app: every role × every protected endpoint, allowed or denied as the
// permission table says AND as an independent hand-written table says; 401 without credentials;
// agency users confined to their agency.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, type Action, PERMISSIONS } from "../../../src/auth/permissions.ts";
import { ROLES, type Role } from "../../../src/auth/roles.ts";
import { signToken } from "../../../src/auth/tokens.ts";
import { fixtureArticles } from "./fixtures.ts";
import { addUser, bearer, indexArticles, login, startTestApi, type TestApi } from "./helpers.ts";

// Written by hand from the design, not derived from the code: if either changes alone, tests fail.
const EXPECTED: Record<Action, Role[]> = {
  "account.read": ["admin", "coordinator", "agency", "viewer"],
  "articles.search": ["admin", "coordinator", "agency", "viewer"],
  "articles.read": ["admin", "coordinator", "agency", "viewer"],
  "articles.export": ["admin", "coordinator", "agency"],
  "coverage.read": ["admin", "coordinator", "agency", "viewer"],
  "coverage.export": ["admin", "coordinator", "agency"],
  "sources.read": ["admin", "coordinator", "viewer"],
  "metrics.read": ["admin"],
  "users.list": ["admin"],
  "users.create": ["admin"],
  "keys.create": ["admin"],
  "keys.delete": ["admin"],
  "audit.read": ["admin"],
};

const AGENCY = "svhttdl";
const articles = fixtureArticles(40);
// An article the agency user may read (tourism names svhttdl) and one it may not (economy).
const visible = articles.find((a) => a.agencies.includes(AGENCY))!;
const hidden = articles.find((a) => !a.agencies.includes(AGENCY))!;

let api: TestApi;
const tokens = {} as Record<Role, string>;
let counter = 0;

interface Endpoint {
  action: Action;
  method: "GET" | "POST" | "DELETE";
  /** OpenAPI path, to check every documented route is covered here. */
  path: string;
  /** Builds one request; may prepare state (a key to delete) first. */
  request: () => Promise<{ url: string; payload?: object }>;
  /** Status when allowed. */
  ok: number;
}

const ENDPOINTS: Endpoint[] = [
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
];

const PUBLIC = ["GET /health", "POST /api/auth/login", "POST /api/auth/logout"];

beforeAll(async () => {
  api = await startTestApi({ label: "api-roles" });
  await indexArticles(api, articles);
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
        const { url, payload } = await endpoint.request();
        const response = await api.app.inject({
          method: endpoint.method,
          url,
          headers: bearer(tokens[role]),
          ...(payload && { payload }),
        });
        if (allowed) {
          expect(response.statusCode, response.body).toBe(endpoint.ok);
        } else {
          expect(response.statusCode, response.body).toBe(403);
          expect(response.json()).toEqual({
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
      const { url, payload } = await endpoint.request();
      const response = await api.app.inject({ method: endpoint.method, url, ...(payload && { payload }) });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toEqual({
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
