// Invalid input gets a 400 naming each field and why; dates are Vietnamese days; a 5xx hides its
// message from the client and logs it with the request id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQueryDate } from "../../../api/dates.ts";
import type { SearchHit } from "../../../src/store/types.ts";
import { fixtureArticle } from "./fixtures.ts";
import { addUser, bearer, indexArticles, login, startTestApi, type TestApi } from "./helpers.ts";

let api: TestApi;
let admin: Record<string, string>;

// Around the Vietnamese day 2024-03-31 (UTC+7): 23:59 on the 30th, 00:00 and 23:59 on the 31st,
// 00:00 on 1 April.
const BOUNDARY = [
  ["before", "2024-03-30T16:59:00.000Z"],
  ["first", "2024-03-30T17:00:00.000Z"],
  ["last", "2024-03-31T16:59:59.000Z"],
  ["after", "2024-03-31T17:00:00.000Z"],
].map(([id, at], i) => ({ ...fixtureArticle(i), id: `day-${id}`, published_at: at! }));

beforeAll(async () => {
  api = await startTestApi({ label: "api-valid" });
  await indexArticles(api, BOUNDARY);
  const user = await addUser(api, "admin", "admin");
  admin = bearer(await login(api, user.username, user.password));
});

afterAll(async () => {
  await api?.close();
});

async function get(url: string) {
  const response = await api.app.inject({ url, headers: admin });
  return { status: response.statusCode, body: response.json() };
}

describe("a 400 names the field and why", () => {
  const cases: Array<[string, string, string]> = [
    ["/api/articles/search?size=500", "size", "must be <= 200"],
    ["/api/articles/search?size=0", "size", "must be >= 1"],
    ["/api/articles/search?size=ten", "size", "must be a whole number"],
    ["/api/articles/search?sort=best", "sort", "must be one of: relevance, newest, oldest"],
    ["/api/articles/search?szie=10", "szie", "is not a known field"],
    ["/api/articles/search?tone=angry", "tone", "must be one of: negative, neutral, positive"],
    [
      "/api/articles/search?outlet_kind=blog",
      "outlet_kind",
      "must be one of: central_partner, economic_partner, provincial_press, portal, other",
    ],
    ["/api/articles/search?has_misinformation=maybe", "has_misinformation", "must be boolean"],
    ["/api/articles/search?from=2024-02-30", "from", "is not a calendar date: 2024-02-30"],
    ["/api/articles/search?from=31/02/2024", "from", "is not a calendar date (day/month/year): 31/02/2024"],
    [
      "/api/articles/search?to=March 31",
      "to",
      "must be a date (2024-03-31 or 31/03/2024) or a date-time with offset (2024-03-31T08:00:00+07:00)",
    ],
    [
      "/api/articles/search?from=2024-03-31T08:00:00",
      "from",
      "must be a date (2024-03-31 or 31/03/2024) or a date-time with offset (2024-03-31T08:00:00+07:00)",
    ],
    ["/api/articles/search?from=31/03/2024&to=01/03/2024", "to", "must not be before from"],
    [
      "/api/articles/search?offset=9950&size=100",
      "offset",
      "plus size must be <= 10000; use the after cursor for deep pages",
    ],
    ["/api/articles/search?offset=20&after=abc", "offset", "cannot be combined with after"],
    ["/api/articles/search?after=bm90LWpzb24", "after", "is not a cursor this API returned"],
    ["/api/coverage?period=year", "period", "must be one of: day, week, month"],
    ["/api/coverage?by=theme,colour", "by", "must be one of: theme, outlet, agency, outlet_kind"],
    [
      "/api/coverage?period=day&from=2020-01-01&to=2024-01-01",
      "from",
      "at most 400 days per request; narrow the range",
    ],
    ["/api/audit?size=1000", "size", "must be <= 200"],
    ["/api/articles/bad%20id", "id", 'must match pattern "^[A-Za-z0-9_-]{1,128}$"'],
  ];
  for (const [url, field, message] of cases) {
    it(`${url} → ${field} ${message}`, async () => {
      const { status, body } = await get(url);
      expect(status).toBe(400);
      expect(body.error).toBe("bad_request");
      expect(body.fields).toContainEqual({ field, message });
      expect(body.message).toContain(field);
    });
  }

  it("lists every problem of one request at once", async () => {
    const { status, body } = await get("/api/articles/search?size=500&sort=best&bogus=1");
    expect(status).toBe(400);
    expect(body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["bogus", "size", "sort"]);
  });

  it("checks request bodies the same way", async () => {
    const post = async (url: string, payload: unknown) => {
      const response = await api.app.inject({
        method: "POST",
        url,
        headers: admin,
        payload: payload as object,
      });
      return { status: response.statusCode, body: response.json() };
    };
    const missingRole = await post("/api/users", { username: "nguyenvana", password: "một mật khẩu đủ dài" });
    expect(missingRole.status).toBe(400);
    expect(missingRole.body.fields).toContainEqual({ field: "role", message: "is required" });

    const noAgency = await post("/api/users", {
      username: "nguyenvanb",
      password: "một mật khẩu đủ dài",
      role: "agency",
    });
    expect(noAgency).toEqual({
      status: 400,
      body: {
        error: "bad_request",
        message: "agency is required for role agency",
        fields: [{ field: "agency", message: "is required for role agency" }],
      },
    });

    const agencyForViewer = await post("/api/users", {
      username: "nguyenvanc",
      password: "một mật khẩu đủ dài",
      role: "viewer",
      agency: "svhttdl",
    });
    expect(agencyForViewer.body.fields).toEqual([
      { field: "agency", message: "applies only to role agency, not viewer" },
    ]);

    const short = await post("/api/users", { username: "Nguyen Van D", password: "ngắn", role: "viewer" });
    expect(short.status).toBe(400);
    expect(short.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(["password", "username"]);

    const login = await post("/api/auth/login", { username: "admin" });
    expect(login.body.fields).toEqual([{ field: "password", message: "is required" }]);

    const malformed = await api.app.inject({
      method: "POST",
      url: "/api/users",
      headers: { ...admin, "content-type": "application/json" },
      payload: '{"username": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBe("bad_request");
  });

  it("refuses an unknown route with a 404 in the same shape", async () => {
    const { status, body } = await get("/api/nothing-here");
    expect(status).toBe(404);
    expect(body).toEqual({ error: "not_found", message: "no route GET /api/nothing-here" });
  });
});

describe("dates in query parameters", () => {
  it("read a date-only value as that whole day in Viet Nam, in either spelling", async () => {
    for (const day of ["2024-03-31", "31/03/2024", "31.3.2024"]) {
      const { status, body } = await get(`/api/articles/search?from=${day}&to=${day}&sort=oldest`);
      expect(status).toBe(200);
      expect(body.hits.map((hit: SearchHit) => hit.id)).toEqual(["day-first", "day-last"]);
    }
  });

  it("take a date-time at its stated offset", async () => {
    const { body } = await get("/api/articles/search?from=2024-03-31T23:59:00%2B07:00&sort=oldest");
    expect(body.hits.map((hit: SearchHit) => hit.id)).toEqual(["day-last", "day-after"]);
  });

  it("are parsed by pattern and calendar, never by the host's Date parser", () => {
    expect(parseQueryDate("01/02/2024")).toEqual({ ok: true, value: "2024-02-01", dateOnly: true });
    expect(parseQueryDate("29/02/2024")).toEqual({ ok: true, value: "2024-02-29", dateOnly: true });
    expect(parseQueryDate("29/02/2023").ok).toBe(false);
    expect(parseQueryDate("2024-13-01").ok).toBe(false);
    expect(parseQueryDate("Mar 31 2024").ok).toBe(false);
    expect(parseQueryDate("2024-03-31T25:00:00Z").ok).toBe(false);
  });
});

describe("a server error", () => {
  const SECRET = "connect ECONNREFUSED 10.20.30.40:9200 (cluster password hunter2)";
  let failing: TestApi;
  let token: Record<string, string>;

  beforeAll(async () => {
    failing = await startTestApi({
      label: "api-5xx",
      deps: (deps) => ({
        articles: {
          ...deps.articles,
          search: async () => {
            throw new Error(SECRET);
          },
        },
      }),
    });
    const user = await addUser(failing, "coordinator", "coordinator");
    token = bearer(await login(failing, user.username, user.password));
  });

  afterAll(async () => {
    await failing?.close();
  });

  it("answers 500 without its message, and logs the message with the request id", async () => {
    const response = await failing.app.inject({ url: "/api/articles/search?q=kon tum", headers: token });
    expect(response.statusCode).toBe(500);
    const body = response.json();
    expect(body).toEqual({
      error: "internal_error",
      message: "internal error",
      request_id: expect.any(String),
    });
    expect(response.body).not.toContain("hunter2");
    expect(response.body).not.toContain("10.20.30.40");
    expect(response.headers["x-request-id"]).toBe(body.request_id);
    const logged = failing.logs.find(
      (line) =>
        line.reqId === body.request_id && (line.err as { message?: string } | undefined)?.message === SECRET,
    );
    expect(logged?.level).toBe(50);
  });
});
