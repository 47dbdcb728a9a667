// The archived-page index and the corrections index against the real node: a snapshot stored
// twice is one document and reads back byte for byte with its hash checked; a correction is applied
// to the indexed article at once, merged with a later one, kept through re-analysis and through
// the index job writing the article again.

import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../../src/config/env.ts";
import { crawlSettings } from "../../../src/crawl/settings.ts";
import { IndexBatcher } from "../../../src/pipeline/indexJob.ts";
import { loadAnalyzer } from "../../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../../src/pipeline/reanalyze.ts";
import { createCorrectionStore } from "../../../src/store/corrections.ts";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import { outdatedArticles } from "../../../src/store/outdatedArticles.ts";
import { createSnapshotStore } from "../../../src/store/pageSnapshots.ts";
import { CrawlRuntime } from "../../../workers/crawlRuntime.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("evidence");
const store = createArticleStore(client, { prefix });

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  await client.close();
});

describe("the snapshot index", () => {
  it("stores each distinct page once and reads it back intact, from any process", async () => {
    const html = Buffer.from("<html><body><p>Lễ hội cà phê Buôn Ma Thuột</p></body></html>");
    const writer = createSnapshotStore(client, { prefix });
    const meta = {
      url: "https://a.example/x",
      fetchedAt: "2024-06-18T01:02:03.000Z",
      contentType: "text/html",
    };
    const [a, b] = await Promise.all([
      writer.put(html, meta),
      writer.put(html, { ...meta, fetchedAt: "2025-01-01T00:00:00.000Z" }),
    ]);
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    // Another process (another store object) reads what this one wrote.
    const reader = createSnapshotStore(client, { prefix });
    const stored = await reader.get(a);
    expect(stored?.bytes.equals(html)).toBe(true);
    expect(stored?.intact).toBe(true);
    expect(stored?.url).toBe("https://a.example/x");
    await client.indices.refresh({ index: reader.index });
    const count = await client.count({ index: reader.index });
    expect(Number(count.body.count)).toBe(1);
    expect(await reader.get("0".repeat(64))).toBeNull();
    expect(await reader.get("../../etc/passwd")).toBeNull();
  });
});

describe("the crawl's archived pages", () => {
  it("go to the snapshot index by default, where the API reads them", async () => {
    const settings = crawlSettings(
      parseEnv({
        REDIS_URL: services().redisUrl,
        OPENSEARCH_URL: services().openSearchUrl,
        INDEX_PREFIX: prefix,
      }),
    );
    expect(settings.snapshots.kind).toBe("opensearch");
    const runtime = new CrawlRuntime({ ...settings, queuePrefix: prefix }, pino({ level: "silent" }));
    try {
      const page = Buffer.from("<html><body><p>Bài gốc của báo đối tác</p></body></html>");
      const hash = await runtime.articleJobDeps("http").storeSnapshot(page, {
        url: "https://baokontum.example.vn/a.htm",
        fetchedAt: "2024-06-18T01:02:03.000Z",
        contentType: "text/html; charset=utf-8",
      });
      const stored = await createSnapshotStore(client, { prefix }).get(hash);
      expect([stored?.bytes.equals(page), stored?.fetched_at, stored?.content_type]).toEqual([
        true,
        "2024-06-18T01:02:03.000Z",
        "text/html; charset=utf-8",
      ]);
    } finally {
      await runtime.close();
    }
  });
});

describe("corrections", () => {
  it("are applied at once, merged, and kept through re-analysis and re-indexing", async () => {
    await store.ensureReady();
    const corrections = createCorrectionStore(client, { prefix });
    await corrections.ensureReady();
    const docs = syntheticArticles(30, 5);
    await store.index(docs, { refresh: true });
    const target = docs.find((d) => d.primary_theme !== "agriculture" && d.tone.label !== "negative")!;

    const first = await corrections.correct(store, target.id, {
      fields: { themes: ["agriculture"] },
      note: null,
      by: "dieuphoi",
    });
    expect(first?.article.primary_theme).toBe("agriculture");
    const second = await corrections.correct(store, target.id, {
      fields: { tone: "negative" },
      note: "sâm giả",
      by: "truongphong",
    });
    expect(second?.correction.fields).toEqual({ themes: ["agriculture"], tone: "negative" });
    expect(second?.correction.history.map((h) => h.by)).toEqual(["dieuphoi", "truongphong"]);
    expect(second?.correction.analyzer.primary_theme).toBe(target.primary_theme);
    const stored = await store.get(target.id);
    expect([stored?.primary_theme, stored?.themes.map((t) => t.id), stored?.tone.label]).toEqual([
      "agriculture",
      ["agriculture"],
      "negative",
    ]);
    expect(
      await corrections.correct(store, "f".repeat(32), { fields: { tone: "neutral" }, note: null, by: "x" }),
    ).toBeNull();

    // A new model: every article analysed again, the corrected one keeps what a person said.
    const analyzer = await loadAnalyzer(
      "config/plans/kon-tum-2024.yaml",
      "tests/fixtures/analysis/themes-nb.json",
    );
    const result = await reanalyzeStored(
      outdatedArticles(client, store.alias, analyzer.version, 10),
      analyzer,
      store,
      () => {},
      (ids) => corrections.correctionsOf(ids),
    );
    expect(result.reanalyzed).toBe(30);
    const after = await store.get(target.id);
    expect([after?.primary_theme, after?.tone.label, after?.analyzer_version]).toEqual([
      "agriculture",
      "negative",
      analyzer.version,
    ]);

    // The article fetched again and indexed by the pipeline: still corrected.
    const batcher = new IndexBatcher(
      {
        store,
        originalsOf: async (families) => families.map(() => target.id),
        correctionsOf: (ids) => corrections.correctionsOf(ids),
      },
      { maxSize: 10, maxWaitMs: 10 },
    );
    await batcher.index({ ...target, title: `${target.title} (cập nhật)` }, null);
    await batcher.drain();
    await store.refresh();
    const again = await store.get(target.id);
    expect([again?.title.endsWith("(cập nhật)"), again?.primary_theme, again?.tone.label]).toEqual([
      true,
      "agriculture",
      "negative",
    ]);
  });
});
