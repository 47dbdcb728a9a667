// A mapping change is a reindex behind the alias, not a data loss.
import { afterAll, describe, expect, it } from "vitest";
import { MAPPING_VERSION } from "../../../src/store/articleMapping.ts";
import { createArticleStore, createSearchClient, reindexArticles } from "../../../src/store/index.ts";
import { articleIndexFor } from "../../../src/store/indexArticles.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("reindex");
const store = createArticleStore(client, { prefix });

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
});

describe("reindex", () => {
  it("moves every article of an older version to the current mapping and swaps the alias", async () => {
    // An index as an older release would have left it: version 0, a looser mapping, behind the alias.
    const old = `${prefix}-articles-v0`;
    await client.indices.create({
      index: old,
      body: {
        settings: { number_of_shards: 1, number_of_replicas: 0 },
        mappings: { dynamic: true, properties: { id: { type: "keyword" }, published_at: { type: "date" } } },
        aliases: { [store.alias]: { is_write_index: true } },
      },
    });
    const docs = syntheticArticles(300, 5);
    await client.bulk({
      refresh: true,
      body: docs.flatMap((d) => [{ index: { _index: old, _id: d.id } }, d]),
    });

    const before = await store.ensureReady();
    expect(before).toMatchObject({ indices: [old], version: 0, current: false, monthly: false });
    // The old mapping knows nothing of folded text: a search without diacritics misses.
    expect((await store.search({ q: "mang den", filters: {}, sort: "relevance", size: 1 })).total).toBe(0);

    const result = await reindexArticles(client, prefix);
    expect(result).toEqual({ from: [old], to: `${prefix}-articles-v${MAPPING_VERSION}-*`, copied: 300 });
    const after = await store.ensureReady();
    expect(after).toMatchObject({ version: MAPPING_VERSION, current: true, monthly: true });
    expect(after.indices).not.toContain(old);
    expect(await store.count()).toBe(300);
    // Each article sits in the month a new write of it would choose (the same rule in painless).
    for (const doc of docs.slice(0, 20)) {
      const hits = await client.search({
        index: store.alias,
        body: { query: { ids: { values: [doc.id] } } },
      });
      expect((hits.body.hits.hits as Array<{ _index: string }>).map((hit) => hit._index)).toEqual([
        articleIndexFor(prefix, doc),
      ]);
    }
    const expected = docs.filter((d) => /Măng Đen/.test(`${d.title} ${d.lead} ${d.body}`)).length;
    expect(expected).toBeGreaterThan(0);
    expect((await store.search({ q: "mang den", filters: {}, sort: "relevance", size: 1 })).total).toBe(
      expected,
    );
    // The old index is kept for the operator to delete.
    expect((await client.indices.exists({ index: old })).body).toBe(true);
  });

  it("refuses to reindex onto itself", async () => {
    await expect(reindexArticles(client, prefix)).rejects.toThrow(/already points to/);
  });
});
