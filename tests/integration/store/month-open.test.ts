// Opening a monthly index on the real node before its first document (src/store/monthIndex.ts):
// the engine's health answer read as the opener expects, a month another process created taken as
// it is, and replicas the single node can never hold not waited for.
import { afterAll, describe, expect, it } from "vitest";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import { openMonthIndex } from "../../../src/store/monthIndex.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("month-open");
const month = (m: string) => `${prefix}-articles-v2-${m}`;

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  await client.close();
});

describe("opening a month", () => {
  it("does not wait for a replica a single node cannot hold, and writes the month at yellow", async () => {
    const nodes = (await client.cluster.health()).body.number_of_data_nodes as number;
    expect(nodes).toBe(1);
    const store = createArticleStore(client, {
      prefix,
      layout: { shards: 2, replicas: 1, refreshInterval: "1s" },
    });
    await store.ensureReady();
    const doc = { ...syntheticArticles(1, 5)[0]!, published_at: "2024-03-10T03:00:00.000Z" };
    const started = Date.now();
    const result = await store.index([doc], { refresh: true });
    // Waiting for the replica would last the opener's full minute before writing.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(result).toEqual({ indexed: 1, failed: [] });
    const health = await client.cluster.health({ index: month("2024.03"), level: "indices" });
    expect(health.body.indices?.[month("2024.03")]).toMatchObject({
      status: "yellow",
      number_of_replicas: 1,
      active_shards: 2,
    });
  });

  it("takes a month another writer already created", async () => {
    await openMonthIndex(client, month("2024.04"));
    await expect(openMonthIndex(client, month("2024.04"))).resolves.toBeUndefined();
    const aliases = await client.indices.getAlias({ index: month("2024.04") });
    expect(Object.keys(aliases.body[month("2024.04")]?.aliases ?? {})).toEqual([`${prefix}-articles`]);
  });
});
