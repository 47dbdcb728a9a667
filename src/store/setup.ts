/**
 * The article indices: the index template (mapping, analysis, the deployment's shards, replicas and
 * refresh interval, and the read alias every monthly index joins when it is created) and the alias's
 * first index; reindex.ts moves the data to a new mapping version.
 */

import { articleIndices } from "./articleIndices.ts";
import { articleMappings, articleSettings, MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import { DEFAULT_LAYOUT, type IndexLayout } from "./layout.ts";
import { openMonthIndex } from "./monthIndex.ts";
import { articleNames, indexMonth, parseArticleIndex } from "./names.ts";

export async function putTemplate(client: SearchClient, prefix: string, layout: IndexLayout): Promise<void> {
  const names = articleNames(prefix);
  await client.indices.putIndexTemplate({
    name: names.template,
    body: {
      index_patterns: [names.pattern],
      // Writers name the monthly index; the engine creates it from this template on its first
      // article, already behind the read alias, so a new month needs nobody to prepare it.
      template: {
        settings: articleSettings(layout),
        mappings: articleMappings(),
        aliases: { [names.alias]: {} },
      },
      _meta: { mapping_version: MAPPING_VERSION },
    } as Record<string, unknown>,
  });
}

/** The dynamic part of the layout (replicas, refresh) on indices that already exist, where it differs. */
export async function applyLayout(
  client: SearchClient,
  alias: string,
  indices: string[],
  layout: IndexLayout,
): Promise<void> {
  if (!indices.length) return;
  const response = await client.indices.getSettings({
    index: alias,
    name: "index.number_of_replicas,index.refresh_interval,index.auto_expand_replicas",
  });
  const current = response.body as Record<
    string,
    { settings: { index?: { number_of_replicas?: string; refresh_interval?: string } } }
  >;
  const stale = indices.filter((index) => {
    const settings = current[index]?.settings.index ?? {};
    return (
      settings.number_of_replicas !== String(layout.replicas) ||
      (settings.refresh_interval ?? "1s") !== layout.refreshInterval
    );
  });
  if (!stale.length) return;
  await client.indices.putSettings({
    index: stale.join(","),
    body: { index: { number_of_replicas: layout.replicas, refresh_interval: layout.refreshInterval } },
  });
}

export interface ArticleIndexState {
  alias: string;
  /** The indices behind the alias, newest month first (a pre-monthly index last). */
  indices: string[];
  /** The oldest mapping version behind the alias. */
  version: number;
  /** Every index has the current mapping. */
  current: boolean;
  /** Every index is a monthly one (false after an upgrade until `presswatch store reindex`). */
  monthly: boolean;
}

/** Idempotent: safe on every start of every process. */
export async function ensureArticleIndex(
  client: SearchClient,
  prefix: string,
  layout: IndexLayout = DEFAULT_LAYOUT,
): Promise<ArticleIndexState> {
  const names = articleNames(prefix);
  await putTemplate(client, prefix, layout);
  let indices = await articleIndices(client, names.alias);
  if (!indices.length) {
    // Searches and counts need one index behind the alias before the first article arrives.
    const index = names.monthly(MAPPING_VERSION, indexMonth(new Date()));
    await openMonthIndex(client, index);
    indices = [index];
  }
  await applyLayout(client, names.alias, indices, layout);
  const parsed = indices.map(parseArticleIndex);
  const version = Math.min(...parsed.map((p) => p.version));
  return {
    alias: names.alias,
    indices,
    version,
    current: version === MAPPING_VERSION,
    monthly: parsed.every((p) => p.month !== null),
  };
}
