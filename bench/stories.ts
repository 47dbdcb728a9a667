/**
 * Story candidates: the Redis story-term index (src/pipeline/storyTermIndex.ts) against the
 * engine's `more_like_this` search (src/store/storyCandidates.ts) it replaces, on the same articles
 * in the same order, each with its own index and Redis keys, on the real services. Articles go in
 * publication order in small groups (the pipeline analyses a few at once, and neither lookup sees
 * the articles of its own group), each group indexed and refreshed before the next; `pickStory`
 * decides on the candidates either lookup returns, the family's first story wins (as in the
 * pipeline). Families come from `findFamilies` over the whole set, the same for both.
 *
 * Printed: pairwise story precision and recall of the Redis lookup taking the engine's stories as
 * the reference, and of each against the gold stories (the fixture's labels; the stream's gold is
 * its construction: copies and same-event reports with their first article, everything else
 * alone), with candidates per article and lookup time (under this machine's load).
 *
 * Three lookups: the engine's search; the term index with the candidates' texts read back from the
 * engine and counted again; the term index with the candidates' story cards (src/analyze/
 * storyCard.ts: hashed term counts in Redis, the heaviest --card-terms of them), as the pipeline runs.
 *
 *   npx tsx bench/stories.ts [--set fixture|stream|both] [--articles 3000] [--group 10] [--card-terms 256]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { findFamilies } from "../src/analyze/dedupe.ts";
import { dedupeFixtureSchema, materializeDedupe } from "../src/analyze/devsetScores.ts";
import {
  DEFAULT_STORY_SETTINGS,
  hashCounts,
  pickStory,
  type StoryArticle,
  termCounts,
} from "../src/analyze/stories.ts";
import { CARD_TERMS, type StoryCard } from "../src/analyze/storyCard.ts";
import { storyTerms } from "../src/analyze/storyTerms.ts";
import { parseEnv } from "../src/config/env.ts";
import { StoryTermIndex } from "../src/pipeline/storyTermIndex.ts";
import { type ArticleStore, createArticleStore, createSearchClient } from "../src/store/index.ts";
import type { StoryCandidateDoc } from "../src/store/storyCandidates.ts";
import type { StreamArticle } from "../tools/data/bench-stream.ts";
import { printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    set: { type: "string", default: "both" },
    articles: { type: "string", default: "3000" },
    group: { type: "string", default: "10" },
    "card-terms": { type: "string", default: String(CARD_TERMS) },
    stream: { type: "string", default: "data/bench/stream.jsonl" },
  },
});
const REPO = join(import.meta.dirname, "..");
const METHODS = ["engine", "redis", "cards"] as const;
const CARD_LIMIT = Number(values["card-terms"]);

interface Item extends StoryArticle {
  title: string;
  lead: string;
  body: string;
  published_at: string;
  outlet: string;
  url: string;
  gold: string;
}

function fixtureItems(): Item[] {
  const fixture = dedupeFixtureSchema.parse(
    JSON.parse(readFileSync(join(REPO, "tests/fixtures/analysis/dedupe.json"), "utf8")),
  );
  return materializeDedupe(fixture).map((it) => ({ ...it, gold: it.story }));
}

function streamItems(limit: number): Item[] {
  const lines = readFileSync(join(REPO, values.stream), "utf8").split("\n").filter(Boolean).slice(0, limit);
  return lines.map((line) => {
    const a = JSON.parse(line) as StreamArticle;
    return {
      id: `s${a.n}`,
      title: a.title,
      lead: a.lead,
      body: a.body,
      published_at: new Date(a.published).toISOString(),
      outlet: `bench${a.outlet}`,
      url: `http://bench${a.outlet}.test/bai/${a.n}.html`,
      gold: `s${a.story}`,
    };
  });
}

/** Pairs placed together by both, over pairs placed together by `predicted` and by `reference`. */
function pairwise(predicted: Map<string, string>, reference: Map<string, string>) {
  const pairs = (groups: Iterable<number>) => [...groups].reduce((sum, n) => sum + (n * (n - 1)) / 2, 0);
  const count = (key: (id: string) => string) => {
    const sizes = new Map<string, number>();
    for (const id of predicted.keys()) sizes.set(key(id), (sizes.get(key(id)) ?? 0) + 1);
    return pairs(sizes.values());
  };
  const both = count((id) => `${predicted.get(id)}|${reference.get(id)}`);
  const p = count((id) => predicted.get(id)!);
  const r = count((id) => reference.get(id)!);
  return { precision: p ? both / p : 1, recall: r ? both / r : 1 };
}

type Candidate = StoryCandidateDoc | StoryCard;
type Lookup = (article: Item) => Promise<Candidate[]>;
type Method = "engine" | "redis" | "cards";

async function run(name: string, items: Item[], group: number) {
  const env = parseEnv();
  const client = createSearchClient({ url: env.OPENSEARCH_URL, requestTimeoutMs: 60_000 });
  const redis = new Redis(env.REDIS_URL);
  const tag = `bench-stories-${Date.now().toString(36)}`;
  const windowHours = DEFAULT_STORY_SETTINGS.windowHours;
  const families = new Map<string, string>();
  for (const f of findFamilies(items)) for (const m of f.members) families.set(m.id, f.id);
  const ordered = [...items].sort(
    (a, b) => Date.parse(a.published_at) - Date.parse(b.published_at) || a.id.localeCompare(b.id),
  );
  const terms = new StoryTermIndex(redis, `${tag}-redis`, windowHours);
  const cardTerms = new StoryTermIndex(redis, `${tag}-cards`, windowHours, undefined, CARD_LIMIT);
  const stores: Record<Method, ArticleStore> = {
    engine: createArticleStore(client, { prefix: `${tag}-engine` }),
    redis: createArticleStore(client, { prefix: `${tag}-redis` }),
    cards: createArticleStore(client, { prefix: `${tag}-cards` }),
  };
  const entry = (a: Item) => ({ id: a.id, at: Date.parse(a.published_at), terms: storyTerms(a) });
  const lookups: Record<Method, Lookup> = {
    engine: (a) => stores.engine.storyCandidates(a, { windowHours, size: 20 }),
    redis: async (a) => stores.redis.storyDocs(await terms.candidates(entry(a))),
    cards: async (a) => (await cardTerms.cards(await cardTerms.candidates(entry(a)))).flatMap((c) => c ?? []),
  };
  const result: Record<string, { story: Map<string, string>; candidates: number; ms: number }> = {};
  try {
    for (const method of METHODS) {
      const store = stores[method];
      await store.ensureReady();
      const story = new Map<string, string>();
      const familyStory = new Map<string, string>();
      let candidates = 0;
      let ms = 0;
      for (let start = 0; start < ordered.length; start += group) {
        const chunk = ordered.slice(start, start + group);
        const t0 = performance.now();
        const found = await Promise.all(chunk.map((a) => lookups[method](a)));
        const picks = chunk.map((a, i) =>
          pickStory(
            {
              ...a,
              family: families.get(a.id) ?? a.id,
            },
            found[i]!.map((c) => ({ ...c, family: c.cluster_id })),
            DEFAULT_STORY_SETTINGS,
          ),
        );
        ms += performance.now() - t0;
        const docs = chunk.map((a, i) => {
          const family = families.get(a.id) ?? a.id;
          candidates += found[i]!.length;
          const pick = picks[i];
          const settled = familyStory.get(family) ?? pick?.story_id ?? family;
          familyStory.set(family, settled);
          story.set(a.id, settled);
          return {
            id: a.id,
            story_id: settled,
            cluster_id: family,
            title: a.title,
            lead: a.lead ?? "",
            body: a.body ?? "",
            outlet: a.outlet,
            url: a.url,
            canonical_url: a.url,
            published_at: a.published_at,
          };
        });
        if (method === "redis") await Promise.all(chunk.map((a) => terms.add(entry(a))));
        if (method === "cards")
          await Promise.all(
            docs.map((doc, i) =>
              cardTerms.add({
                ...entry(chunk[i]!),
                card: { ...doc, counts: hashCounts(termCounts(chunk[i]!)) },
              }),
            ),
          );
        await client.bulk({
          refresh: true,
          body: docs.flatMap((doc) => [{ index: { _index: store.alias, _id: doc.id } }, doc]),
        });
      }
      result[method] = { story, candidates: candidates / ordered.length, ms: ms / ordered.length };
    }
  } finally {
    for (const method of ["redis", "cards"]) {
      const keys = await redis.keys(`${tag}-${method}:*`);
      for (let i = 0; i < keys.length; i += 1000) await redis.del(...keys.slice(i, i + 1000));
    }
    redis.disconnect();
    await client.indices.delete({ index: `${tag}-*`, ignore_unavailable: true }).catch(() => undefined);
    for (const method of Object.keys(stores))
      await client.indices
        .deleteIndexTemplate({ name: `${tag}-${method}-articles-template` }, { ignore: [404] })
        .catch(() => undefined);
    await client.close();
  }
  const gold = new Map(items.map((a) => [a.id, a.gold]));
  const label: Record<Method, string> = {
    engine: "engine more_like_this",
    redis: "Redis story terms, texts from the engine",
    cards: `Redis story terms, story cards (${CARD_LIMIT} terms)`,
  };
  const rows = METHODS.map((method) => {
    const vsGold = pairwise(result[method]!.story, gold);
    const agreement =
      method === "engine"
        ? { precision: 1, recall: 1 }
        : pairwise(result[method]!.story, result.engine!.story);
    return [
      `${name} (${items.length}), ${label[method]}`,
      agreement.precision.toFixed(3),
      agreement.recall.toFixed(3),
      vsGold.precision.toFixed(3),
      vsGold.recall.toFixed(3),
      new Set(result[method]!.story.values()).size,
      result[method]!.candidates.toFixed(1),
      result[method]!.ms.toFixed(2),
    ];
  });
  return rows;
}

const group = Number(values.group);
const rows: Array<Array<string | number>> = [];
if (values.set === "fixture" || values.set === "both")
  rows.push(...(await run("story fixture", fixtureItems(), 1)));
if (values.set === "stream" || values.set === "both")
  rows.push(...(await run("real-text stream", streamItems(Number(values.articles)), group)));
printTable(
  [
    "set, lookup",
    "P vs engine",
    "R vs engine",
    "P vs gold",
    "R vs gold",
    "stories",
    "candidates/article",
    "lookup + pick ms/article",
  ],
  rows.map((row) => row.map(String)),
);
