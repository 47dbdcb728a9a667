// A mapping change is a reindex behind the alias, not a data loss; it runs as an engine task and
// resumes after an interruption (the task id remembered in Redis).
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { redisTaskMemory, reindexTaskKey } from "../../../src/queue/taskMemory.ts";
import { MAPPING_VERSION } from "../../../src/store/articleMapping.ts";
import { createArticleStore, createSearchClient, reindexArticles } from "../../../src/store/index.ts";
import { articleIndexFor } from "../../../src/store/indexArticles.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("reindex");
const store = createArticleStore(client, { prefix });

const redis = new Redis(services().redisUrl);
const others: string[] = [];

afterAll(async () => {
  for (const p of [prefix, ...others]) {
    await client.indices.delete({ index: `${p}-*`, ignore_unavailable: true });
    await client.indices.deleteIndexTemplate({ name: `${p}-articles-template` }, { ignore: [404] });
    await redis.del(reindexTaskKey(p));
  }
  redis.disconnect();
});

/** An index as an older release would have left it, holding `docs`, behind the prefix's alias. */
async function oldIndex(p: string, docs: ReturnType<typeof syntheticArticles>) {
  const old = `${p}-articles-v0`;
  await client.indices.create({
    index: old,
    body: {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { dynamic: true, properties: { id: { type: "keyword" }, published_at: { type: "date" } } },
      aliases: { [`${p}-articles`]: { is_write_index: true } },
    },
  });
  for (let i = 0; i < docs.length; i += 1000)
    await client.bulk({
      refresh: true,
      body: docs.slice(i, i + 1000).flatMap((d) => [{ index: { _index: old, _id: d.id } }, d]),
    });
  return old;
}

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

describe("reindex as an engine task", () => {
  it("goes on in the engine when the command is interrupted, and a rerun attaches to it", async () => {
    const p = uniqueName("reindex-resume");
    others.push(p);
    const docs = syntheticArticles(3000, 11);
    const old = await oldIndex(p, docs);
    const memory = redisTaskMemory(redis, reindexTaskKey(p));
    const first: string[] = [];
    const stop = new AbortController();
    // Throttled so the copy is still running when the first run gives up waiting.
    const interrupted = reindexArticles(client, p, {
      memory,
      requestsPerSecond: 500,
      pollMs: 200,
      signal: stop.signal,
      log: (line) => {
        first.push(line);
        if (/^ {2}\d+ of /.test(line)) stop.abort();
      },
    });
    await expect(interrupted).rejects.toThrow();
    const remembered = await memory.get();
    expect(remembered).toMatchObject({ from: old, to: `${p}-articles-v${MAPPING_VERSION}-*` });
    expect(first.join("\n")).toContain(`as task ${remembered!.task}`);
    // The old index is still behind the alias.
    expect((await createArticleStore(client, { prefix: p }).ensureReady()).indices).toContain(old);

    const second: string[] = [];
    const result = await reindexArticles(client, p, {
      memory,
      pollMs: 200,
      log: (line) => second.push(line),
    });
    expect(second[0]).toBe(`attaching to the copy of ${old} already under way: task ${remembered!.task}`);
    expect(second.filter((line) => / of 3000 articles/.test(line)).length).toBeGreaterThan(0);
    expect(result).toEqual({ from: [old], to: `${p}-articles-v${MAPPING_VERSION}-*`, copied: 3000 });
    expect(await memory.get()).toBeNull();
    const store = createArticleStore(client, { prefix: p });
    expect(await store.ensureReady()).toMatchObject({ version: MAPPING_VERSION, current: true });
    expect(await store.count()).toBe(3000);
  });

  it("continues with a new copy when the engine no longer knows the remembered task", async () => {
    const p = uniqueName("reindex-lost");
    others.push(p);
    const docs = syntheticArticles(500, 12);
    const old = await oldIndex(p, docs);
    const to = `${p}-articles-v${MAPPING_VERSION}-*`;
    // A copy that got half way before the node restarted and forgot its task: 200 articles already
    // in the monthly indices a copy (or a new write) puts them in, made by the current template.
    await createArticleStore(client, { prefix: p }).ensureReady();
    await client.bulk({
      refresh: true,
      body: docs.slice(0, 200).flatMap((d) => [{ create: { _index: articleIndexFor(p, d), _id: d.id } }, d]),
    });
    const nodeId = Object.keys((await client.nodes.info()).body.nodes)[0];
    const memory = redisTaskMemory(redis, reindexTaskKey(p));
    await memory.set({ task: `${nodeId}:999999999`, from: old, to });

    const lines: string[] = [];
    const result = await reindexArticles(client, p, { memory, pollMs: 200, log: (line) => lines.push(line) });
    expect(lines[0]).toMatch(/is unknown to the engine/);
    expect(lines.join("\n")).toMatch(/resuming: documents already copied are skipped/);
    expect(lines.at(-1)).toMatch(/300 copied, 200 already there/);
    expect(result.copied).toBe(500);
    expect(await createArticleStore(client, { prefix: p }).count()).toBe(500);
  });
});
