// The monthly article indices on the real node: one index per month of publication behind the read
// alias, search and coverage reading them all, writes that stay idempotent across months (a retry,
// a date corrected by a re-fetch, an article left in the single index of an older release), reads
// and updates by id that see a document written a moment ago, and the deployment's layout applied.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ArticleDoc } from "../../../src/model/article.ts";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import { articleIndexFor } from "../../../src/store/indexArticles.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("monthly");
const store = createArticleStore(client, {
  prefix,
  layout: { shards: 2, replicas: 0, refreshInterval: "2s" },
});
const index = (month: string) => `${prefix}-articles-v2-${month}`;

const at = (doc: ArticleDoc, published: string, fetched = published): ArticleDoc => ({
  ...doc,
  published_at: published,
  fetched_at: fetched,
});

async function copiesOf(id: string): Promise<string[]> {
  await store.refresh();
  const response = await client.search({ index: store.alias, body: { query: { ids: { values: [id] } } } });
  return (response.body.hits.hits as Array<{ _index: string }>).map((hit) => hit._index).sort();
}

beforeAll(async () => {
  await store.ensureReady();
});

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  await client.close();
});

describe("monthly article indices", () => {
  const docs = syntheticArticles(300, 41).map((doc, i) =>
    // Three months, and the month boundary in Vietnam time: 2024-03-31T17:30Z is already 1 April there.
    at(doc, ["2024-02-10T03:00:00.000Z", "2024-03-31T17:30:00.000Z", "2024-05-20T09:00:00.000Z"][i % 3]!),
  );

  it("writes each article into the index of its month, which joins the alias with the layout", async () => {
    const result = await store.index(docs, { refresh: true });
    expect(result).toEqual({ indexed: 300, failed: [] });
    const state = await store.ensureReady();
    for (const month of ["2024.02", "2024.04", "2024.05"]) expect(state.indices).toContain(index(month));
    expect(state).toMatchObject({ current: true, monthly: true });
    const settings = await client.indices.getSettings({ index: index("2024.04") });
    expect(settings.body[index("2024.04")]?.settings?.index).toMatchObject({
      number_of_shards: "2",
      number_of_replicas: "0",
      refresh_interval: "2s",
    });
    const count = await client.count({ index: index("2024.04") });
    expect(count.body.count).toBe(100);
    expect(articleIndexFor(prefix, docs[1]!)).toBe(index("2024.04"));
  });

  it("counts and searches across every month through the alias", async () => {
    expect(await store.count()).toBe(300);
    const coverage = await store.coverage({
      period: "month",
      from: "2024-01-01",
      to: "2024-06-30",
      filters: {},
      by: [],
    });
    const byMonth = Object.fromEntries(coverage.totals.map((row) => [row.period, row.raw]));
    expect(byMonth).toMatchObject({
      "2024-02-01": 100,
      "2024-03-01": 0,
      "2024-04-01": 100,
      "2024-05-01": 100,
    });
    const search = await store.search({
      filters: { from: "2024-04-01", to: "2024-05-31" },
      sort: "newest",
      size: 5,
    });
    expect(search.total).toBe(200);
  });

  it("stays idempotent: the same articles again, from a retry or another worker, land once", async () => {
    await Promise.all([store.index(docs.slice(0, 150)), store.index(docs.slice(100))]);
    await store.refresh();
    expect(await store.count()).toBe(300);
  });

  it("moves an article whose date a re-fetch corrected, leaving no copy in the old month", async () => {
    const doc = docs[0]!;
    expect(await copiesOf(doc.id)).toEqual([index("2024.02")]);
    const corrected = at(doc, "2024-05-02T01:00:00.000Z", "2024-05-03T01:00:00.000Z");
    expect(await store.index([corrected], { refresh: true })).toEqual({ indexed: 1, failed: [] });
    expect(await copiesOf(doc.id)).toEqual([index("2024.05")]);
    expect(await store.count()).toBe(300);
  });

  it("sends a date far ahead of the fetch to the fetch's month rather than opening a future index", async () => {
    const doc = at(docs[3]!, "2031-01-01T00:00:00.000Z", "2024-05-21T00:00:00.000Z");
    expect(articleIndexFor(prefix, doc)).toBe(index("2024.05"));
    await store.index([doc], { refresh: true });
    expect(await copiesOf(doc.id)).toEqual([index("2024.05")]);
  });

  it("reads and marks by id in realtime, whatever the month", async () => {
    const fresh = at(
      { ...docs[4]!, id: "f".repeat(32), cluster_id: "f".repeat(32) },
      "2023-11-11T11:00:00.000Z",
    );
    await store.index([fresh]);
    // No refresh: the multi-get sees it anyway.
    expect((await store.get(fresh.id))?.published_at).toBe("2023-11-11T11:00:00.000Z");
    expect((await store.getMany([docs[1]!.id, "missing", fresh.id])).map((doc) => doc.id)).toEqual([
      docs[1]!.id,
      fresh.id,
    ]);
    expect(await store.get("0".repeat(32))).toBeNull();
    await store.markCopies([fresh.id, docs[2]!.id, "missing"]);
    expect((await store.get(fresh.id))?.is_original).toBe(false);
    expect((await store.get(docs[2]!.id))?.is_original).toBe(false);
  });

  it("applies a changed replica count and refresh interval to the months that exist", async () => {
    const relaid = createArticleStore(client, {
      prefix,
      layout: { shards: 1, replicas: 0, refreshInterval: "5s" },
    });
    await relaid.ensureReady();
    const settings = await client.indices.getSettings({ index: `${prefix}-articles-v2-*` });
    const intervals = Object.values(settings.body).map(
      (entry) =>
        (entry as { settings: { index: { refresh_interval: string } } }).settings.index.refresh_interval,
    );
    expect(intervals.length).toBeGreaterThanOrEqual(4);
    expect(new Set(intervals)).toEqual(new Set(["5s"]));
  });
});

describe("an article left in the single index of an older release", () => {
  const legacyPrefix = uniqueName("legacy");
  const legacy = createArticleStore(client, { prefix: legacyPrefix });
  const old = `${legacyPrefix}-articles-v2`;
  const docs = syntheticArticles(40, 43);

  afterAll(async () => {
    await client.indices.delete({ index: `${legacyPrefix}-*`, ignore_unavailable: true });
    await client.indices.deleteIndexTemplate(
      { name: `${legacyPrefix}-articles-template` },
      { ignore: [404] },
    );
  });

  it("is read through the alias, and a new write of it leaves one copy, in its month", async () => {
    await client.indices.create({
      index: old,
      body: { aliases: { [legacy.alias]: { is_write_index: true } } },
    });
    await client.bulk({
      refresh: true,
      body: docs.flatMap((d) => [{ index: { _index: old, _id: d.id } }, d]),
    });
    const state = await legacy.ensureReady();
    expect(state).toMatchObject({ indices: [old], current: true, monthly: false });
    expect((await legacy.get(docs[0]!.id))?.id).toBe(docs[0]!.id);

    await legacy.index(docs.slice(0, 10), { refresh: true });
    await legacy.refresh();
    expect(await legacy.count()).toBe(40);
    const month = articleIndexFor(legacyPrefix, docs[0]!);
    const hits = await client.search({
      index: legacy.alias,
      body: { query: { ids: { values: [docs[0]!.id] } } },
    });
    expect((hits.body.hits.hits as Array<{ _index: string }>).map((hit) => hit._index)).toEqual([month]);
  });
});
