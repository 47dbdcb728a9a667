// Saved queries through the API: checked against the store's schema and the plan (a 400 naming the
// field), an agency user's bound to its agency and invisible to the others, and matched by the
// percolator as stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWatchlistStore } from "../../../src/store/watchlists.ts";
import { fixtureArticles } from "./fixtures.ts";
import { addUser, bearer, login, startTestApi, type TestApi } from "./helpers.ts";

let api: TestApi;
const tokens = { coordinator: "", tourism: "", farming: "" };

async function call(token: string, method: "GET" | "POST" | "DELETE", url: string, payload?: object) {
  const response = await api.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

beforeAll(async () => {
  api = await startTestApi({ label: "api-watchlists" });
  for (const [name, role, agency] of [
    ["coordinator", "coordinator", null],
    ["tourism", "agency", "svhttdl"],
    ["farming", "agency", "snnptnt"],
  ] as const) {
    const { username, password } = await addUser(api, name, role, agency);
    tokens[name] = await login(api, username, password);
  }
});

afterAll(async () => {
  await api?.close();
});

describe("watchlists", () => {
  it("refuses a spec the store or the plan does not accept, naming the field", async () => {
    const cases: Array<[object, string]> = [
      [{}, "spec a watchlist needs at least one condition"],
      [{ tone: ["angry"] }, "spec.tone.0"],
      [{ themes: ["tourism", "space"] }, 'spec.themes.1 unknown theme "space" (not in the plan)'],
      [{ text: "sâm", colour: "red" }, "spec"],
    ];
    for (const [spec, message] of cases) {
      const response = await call(tokens.coordinator, "POST", "/api/watchlists", { name: "Thử", spec });
      expect(response.status, JSON.stringify(spec)).toBe(400);
      expect(response.body.message, JSON.stringify(spec)).toContain(message);
    }
  });

  it("binds an agency user's watchlist to its agency, and shows it to that agency only", async () => {
    const made = await call(tokens.tourism, "POST", "/api/watchlists", {
      name: "Lễ hội Măng Đen",
      spec: { text: '"Măng Đen" lễ hội' },
      agency: "snnptnt",
    });
    expect(made.status).toBe(201);
    expect(made.body.watchlist).toMatchObject({ agency: "svhttdl", owner: "tourism" });
    const id = made.body.watchlist.id as string;
    const mine = await call(tokens.tourism, "GET", "/api/watchlists");
    expect(mine.body.watchlists.map((w: { id: string }) => w.id)).toEqual([id]);
    const theirs = await call(tokens.farming, "GET", "/api/watchlists");
    expect(theirs.body.watchlists).toEqual([]);
    expect((await call(tokens.farming, "DELETE", `/api/watchlists/${id}`)).status).toBe(404);
    expect((await call(tokens.coordinator, "GET", "/api/watchlists")).body.watchlists).toHaveLength(1);
  });

  it("stores a query the percolator matches, with or without diacritics, until it is removed", async () => {
    const made = await call(tokens.coordinator, "POST", "/api/watchlists", {
      name: "Sâm Ngọc Linh",
      spec: { text: "sam ngoc linh" },
    });
    const id = made.body.watchlist.id as string;
    const store = createWatchlistStore(api.client, { prefix: api.prefix });
    const article = fixtureArticles(40).find((doc) => /Sâm Ngọc Linh/.test(`${doc.title} ${doc.body}`))!;
    expect(article).toBeDefined();
    const [matched] = await store.percolate([article]);
    expect(matched!.watchlists.map((w) => w.id)).toContain(id);
    expect((await call(tokens.coordinator, "DELETE", `/api/watchlists/${id}`)).status).toBe(204);
    await api.client.indices.refresh({ index: `${api.prefix}-watchlists*` });
    const [after] = await store.percolate([article]);
    expect(after!.watchlists.map((w) => w.id)).not.toContain(id);
  });
});
