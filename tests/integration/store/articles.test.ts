// The article store against the real node: idempotent bulk indexing, per-item failures, search with
// and without diacritics, phrases, cursors, and coverage counts checked against a brute-force count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDoc } from "../../../src/model/article.ts";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("store");
const store = createArticleStore(client, { prefix });

// Around the end of March in Vietnam time: 23:30 on the 31st is March, 00:10 on the 1st is April.
const edge = (id: string, iso: string, theme: string): ArticleDoc => ({
  ...syntheticArticles(1, id.length)[0]!,
  id,
  url: `https://baokontum.example.vn/${id}`,
  canonical_url: `https://baokontum.example.vn/${id}`,
  outlet: "baokontum",
  outlet_kind: "provincial_press",
  themes: [{ id: theme, score: 1 }],
  primary_theme: theme,
  cluster_id: id,
  is_original: true,
  published_at: iso,
});
const docs = [
  ...syntheticArticles(1200),
  edge("edge-march", "2024-03-31T16:30:00.000Z", "tourism"),
  edge("edge-april", "2024-03-31T17:10:00.000Z", "tourism"),
];

/** The Vietnamese calendar month of a UTC instant (UTC+7, no daylight saving since 1975). */
function vietnamMonth(iso: string): string {
  const shifted = new Date(Date.parse(iso) + 7 * 3_600_000);
  return `${shifted.toISOString().slice(0, 7)}-01`;
}

beforeAll(async () => {
  await store.ensureReady();
  const result = await store.index(docs, { refresh: true });
  expect(result.failed).toEqual([]);
});

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
});

describe("bulk indexing", () => {
  it("leaves counts unchanged when the same articles are indexed twice", async () => {
    expect(await store.count()).toBe(docs.length);
    const again = await store.index(docs.slice(0, 500), { refresh: true });
    expect(again).toEqual({ indexed: 500, failed: [] });
    expect(await store.count()).toBe(docs.length);
  });

  it("indexes the valid documents of a bulk and reports the invalid ones", async () => {
    const valid = syntheticArticles(3, 99).map((doc) => ({ ...doc, id: `valid-${doc.id}` }));
    const badDate = { ...valid[0]!, id: "bad-date", published_at: "31/12/2024" };
    const unknownField = { ...valid[1]!, id: "bad-field", sentiment: "tốt" } as unknown as ArticleDoc;
    const result = await store.index([valid[0]!, badDate, valid[1]!, unknownField, valid[2]!], {
      refresh: true,
    });
    expect(result.indexed).toBe(3);
    expect(result.failed.map((f) => f.id).sort()).toEqual(["bad-date", "bad-field"]);
    for (const failure of result.failed) {
      expect(failure.status).toBe(400);
      expect(failure.retryable).toBe(false);
      expect(failure.reason).toMatch(
        /mapper_parsing_exception|strict_dynamic_mapping_exception|document_parsing_exception/,
      );
    }
    expect(await store.get("bad-date")).toBeNull();
    expect((await store.get(valid[2]!.id))?.title).toBe(valid[2]!.title);
    await client.deleteByQuery({
      index: store.alias,
      body: { query: { prefix: { id: "valid-" } } },
      refresh: true,
    });
  });
});

describe("search", () => {
  const search = (q: string) =>
    store.search({ q, filters: {}, sort: "relevance", size: 500, facets: false, highlight: true });

  it("returns the same articles with and without diacritics", async () => {
    for (const [accented, plain] of [
      ["Lễ hội Sâm Ngọc Linh", "le hoi sam ngoc linh"],
      ["rác thải nhựa", "RAC THAI NHUA"],
      ["khu kinh tế cửa khẩu Bờ Y", "khu kinh te cua khau bo y"],
    ] as const) {
      const [a, b] = await Promise.all([search(accented), search(plain)]);
      expect(a.total).toBeGreaterThan(0);
      expect(b.hits.map((h) => h.id).sort()).toEqual(a.hits.map((h) => h.id).sort());
    }
  });

  it("matches a multi-syllable name as a phrase, and only in order", async () => {
    const phrase = await search('"Ngọc Linh"');
    expect(phrase.total).toBeGreaterThan(0);
    for (const hit of phrase.hits)
      expect(`${hit.article.title} ${hit.article.lead}`.toLowerCase()).toContain("ngọc linh");
    expect((await search('"Linh Ngọc"')).total).toBe(0);
  });

  it("highlights the words that matched, diacritics or not", async () => {
    const result = await search("mang den");
    expect(result.total).toBeGreaterThan(0);
    expect(result.hits[0]!.highlight.title?.[0]).toMatch(/<mark>Măng<\/mark> <mark>Đen<\/mark>/);
  });

  it("walks deep pages with a cursor without skipping or repeating", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    do {
      const page = await store.search({
        filters: { theme: ["economy"] },
        sort: "newest",
        size: 37,
        ...(after ? { after } : {}),
      });
      seen.push(...page.hits.map((h) => h.id));
      after = page.next;
    } while (after);
    const expected = docs.filter((d) => d.themes.some((t) => t.id === "economy")).length;
    expect(seen).toHaveLength(expected);
    expect(new Set(seen).size).toBe(expected);
  });

  it("filters and counts facets", async () => {
    const result = await store.search({
      filters: { outlet: ["vov"], tone: ["negative"] },
      sort: "newest",
      size: 5,
      facets: true,
    });
    const expected = docs.filter((d) => d.outlet === "vov" && d.tone.label === "negative").length;
    expect(result.total).toBe(expected);
    expect(result.facets?.outlet).toEqual([{ key: "vov", count: expected }]);
  });
});

describe("coverage", () => {
  it("equals a brute-force count for every theme × outlet × month", async () => {
    const response = await store.coverage({
      period: "month",
      from: "2024-01-01",
      to: "2024-12-31",
      filters: {},
      by: ["theme", "outlet"],
    });
    const brute = new Map<string, { raw: number; originals: number }>();
    for (const doc of docs) {
      if (!doc.published_at) continue;
      const month = vietnamMonth(doc.published_at);
      if (month < "2024-01-01" || month > "2024-12-01") continue;
      for (const theme of doc.themes) {
        const key = `${month}|${theme.id}|${doc.outlet}`;
        const cell = brute.get(key) ?? { raw: 0, originals: 0 };
        cell.raw++;
        if (doc.is_original) cell.originals++;
        brute.set(key, cell);
      }
    }
    const fromEngine = new Map(
      response.rows.map((row) => [
        `${row.period}|${row.theme}|${row.outlet}`,
        { raw: row.raw, unique: row.unique_stories },
      ]),
    );
    expect(fromEngine.size).toBe(brute.size);
    // The fixture has syndicated copies, so collapsing them changes some cells.
    expect([...brute.values()].some((cell) => cell.originals < cell.raw)).toBe(true);
    for (const [key, cell] of brute) {
      expect(fromEngine.get(key), key).toEqual({ raw: cell.raw, unique: cell.originals });
    }
  });

  it("counts an article at 23:30 Vietnam time on 31 March in March", async () => {
    const response = await store.coverage({
      period: "month",
      from: "2024-03-01",
      to: "2024-04-30",
      filters: { outlet: ["baokontum"], theme: ["tourism"] },
      by: [],
    });
    const march = docs.filter(
      (d) =>
        d.outlet === "baokontum" &&
        d.themes.some((t) => t.id === "tourism") &&
        d.published_at &&
        vietnamMonth(d.published_at) === "2024-03-01",
    ).length;
    expect(response.totals.find((t) => t.period === "2024-03-01")?.raw).toBe(march);
    expect(march).toBeGreaterThan(0);
  });

  it("gives share of voice and the change against the previous period", async () => {
    const response = await store.coverage({
      period: "month",
      from: "2024-02-01",
      to: "2024-03-31",
      filters: {},
      by: ["outlet"],
    });
    const feb = response.rows.filter((r) => r.period === "2024-02-01");
    const mar = response.rows.filter((r) => r.period === "2024-03-01");
    const febTotal = response.totals.find((t) => t.period === "2024-02-01")!.raw;
    expect(feb.reduce((sum, r) => sum + r.share_of_voice, 0)).toBeCloseTo(1, 6);
    for (const row of feb) expect(row.share_of_voice).toBeCloseTo(row.raw / febTotal, 9);
    for (const row of mar) {
      const before = feb.find((r) => r.outlet === row.outlet)?.raw ?? 0;
      expect(row.change).toBe(row.raw - before);
    }
    // January is outside the request but still feeds February's change.
    const january = docs.filter(
      (d) => d.outlet === "vov" && d.published_at && vietnamMonth(d.published_at) === "2024-01-01",
    ).length;
    const febVov = feb.find((r) => r.outlet === "vov")!;
    expect(febVov.change).toBe(febVov.raw - january);
  });
});
