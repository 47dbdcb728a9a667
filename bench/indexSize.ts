/**
 * Size on disk per article with real Vietnamese news text, for the capacity figures: real
 * articles from the VNTC corpus (after the Kon Tum filter, tools/data/corpus.ts) carried in
 * synthetic article records (outlet, themes, dates…) and indexed with the shipped mapping, beside
 * the synthetic records of bench/store.ts alone. Primaries only, after a merge to one segment per
 * shard; a replica doubles it.
 *
 *   npx tsx bench/indexSize.ts [--articles 20000] [--url URL] [--raw data/real/raw]
 *
 * Lay the corpus out first (tools/data/real-set.ts layout). Indices `bench-size-*`, deleted at the end.
 */
import { parseArgs } from "node:util";
import type { ArticleDoc } from "../src/model/article.ts";
import { createArticleStore, createSearchClient, DEFAULT_LAYOUT } from "../src/store/index.ts";
import { syntheticArticleStream } from "../tests/helpers/syntheticArticles.ts";
import { corpusDocs, DEFAULT_RAW_DIR } from "../tools/data/corpus.ts";
import { printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    articles: { type: "string", default: "20000" },
    url: { type: "string", default: "http://127.0.0.1:9200" },
    raw: { type: "string", default: DEFAULT_RAW_DIR },
  },
});
const count = Number(values.articles);
const client = createSearchClient({ url: values.url, requestTimeoutMs: 120_000 });

async function measure(label: string, docs: ArticleDoc[]): Promise<Array<string | number>> {
  const prefix = `bench-size-${label}`;
  const store = createArticleStore(client, { prefix, layout: { ...DEFAULT_LAYOUT, refreshInterval: "30s" } });
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await store.ensureReady();
  for (let at = 0; at < docs.length; at += 1000) {
    const result = await store.index(docs.slice(at, at + 1000));
    if (result.failed.length) throw new Error(`${result.failed.length} failed: ${result.failed[0]?.reason}`);
  }
  await store.refresh();
  await client.indices.forcemerge({ index: store.alias, max_num_segments: 1 });
  const stats = await client.indices.stats({ index: store.alias, metric: ["store", "docs"] });
  const primaries = stats.body._all.primaries as {
    store: { size_in_bytes: number };
    docs: { count: number };
  };
  const textChars = docs.reduce((sum, doc) => sum + doc.title.length + doc.lead.length + doc.body.length, 0);
  const sourceBytes = docs.reduce((sum, doc) => sum + Buffer.byteLength(JSON.stringify(doc)), 0);
  await client.indices.delete({ index: `${prefix}-*`, ignore_unavailable: true });
  await client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
  return [
    label,
    primaries.docs.count,
    Math.round(textChars / docs.length),
    Math.round(sourceBytes / docs.length),
    Math.round(primaries.store.size_in_bytes / primaries.docs.count),
  ];
}

const synthetic = [...syntheticArticleStream(count, 11)];
const real: ArticleDoc[] = [];
for (const doc of corpusDocs(values.raw)) {
  const carrier = synthetic[real.length]!;
  real.push({
    ...carrier,
    title: doc.title,
    lead: doc.lead,
    body: doc.body,
    word_count: doc.body.split(/\s+/).length,
  });
  if (real.length === count) break;
}
printTable(
  ["text", "articles", "text chars/article", "JSON bytes/article", "index bytes/article"],
  [await measure("real", real), await measure("synthetic", synthetic)],
);
await client.close();
