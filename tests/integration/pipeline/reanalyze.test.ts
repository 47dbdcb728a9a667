// After a plan or model change, stored articles are analysed again from their stored text.
import { afterAll, describe, expect, it } from "vitest";
import { loadAnalyzer } from "../../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../../src/pipeline/reanalyze.ts";
import { createArticleStore, createSearchClient } from "../../../src/store/index.ts";
import { outdatedArticles } from "../../../src/store/outdatedArticles.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";
import { syntheticArticles } from "../../helpers/syntheticArticles.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const prefix = uniqueName("reanalyze");
const store = createArticleStore(client, { prefix });

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
});

describe("store reanalyze", () => {
  it("re-analyses every outdated article once and keeps its family", async () => {
    await store.ensureReady();
    // Stored by an older analyzer: every article says "synthetic-1" and the tone is made up.
    const docs = syntheticArticles(700, 21);
    await store.index(docs, { refresh: true });
    const analyzer = await loadAnalyzer(
      "config/plans/kon-tum-2024.yaml",
      "tests/fixtures/analysis/themes-nb.json",
    );

    const first = await reanalyzeStored(
      outdatedArticles(client, store.alias, analyzer.version, 200),
      analyzer,
      store,
    );
    expect(first).toEqual({ reanalyzed: 700, failed: [] });
    expect(await store.count()).toBe(700);

    const after = await store.search({ filters: {}, sort: "newest", size: 1, facets: true });
    expect(after.total).toBe(700);
    const stored = await store.get(docs[0]!.id);
    expect(stored?.analyzer_version).toBe(analyzer.version);
    expect(stored?.cluster_id).toBe(docs[0]!.cluster_id);
    // The synthetic economy articles are about investment: the analyzer must say so.
    const economy = docs.filter((d) => d.primary_theme === "economy").map((d) => d.id);
    const hits = await Promise.all(economy.slice(0, 40).map((id) => store.get(id)));
    const agreeing = hits.filter((doc) => doc?.primary_theme === "economy").length;
    expect(agreeing / hits.length).toBeGreaterThan(0.8);

    const second = await reanalyzeStored(
      outdatedArticles(client, store.alias, analyzer.version),
      analyzer,
      store,
    );
    expect(second).toEqual({ reanalyzed: 0, failed: [] });
  });
});
