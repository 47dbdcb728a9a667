/**
 * The article indices: the index template (mapping, analysis, the deployment's shards, replicas and
 * refresh interval, and the read alias every monthly index joins when it is created), the alias's
 * first index, and the move to a new mapping version.
 */

import { coerceError } from "../model/errors.ts";
import { articleIndices } from "./articleIndices.ts";
import { articleMappings, articleSettings, MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import { DEFAULT_LAYOUT, type IndexLayout } from "./layout.ts";
import { articleNames, INDEX_MONTH_TIME_ZONE, indexMonth, parseArticleIndex } from "./names.ts";

async function putTemplate(client: SearchClient, prefix: string, layout: IndexLayout): Promise<void> {
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
async function applyLayout(
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

/** Creates a monthly index (the template gives it everything, the alias included). */
async function createMonthIndex(client: SearchClient, index: string): Promise<void> {
  try {
    await client.indices.create({ index });
  } catch (error) {
    // Another process created it first: that is the same outcome.
    if (!coerceError(error).message.includes("resource_already_exists_exception")) throw error;
  }
  await client.cluster.health({ index, wait_for_status: "yellow", timeout: "30s" });
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
    await createMonthIndex(client, index);
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

/**
 * The month of a stored document, by the rule of `routingInstant` (names.ts), in painless: the
 * reindex must send every article to the index a later write of it would choose.
 */
const ROUTE_SCRIPT = `
  ZonedDateTime fetched = ZonedDateTime.parse(ctx._source.fetched_at);
  ZonedDateTime at = fetched;
  if (ctx._source.published_at != null) {
    ZonedDateTime published = ZonedDateTime.parse(ctx._source.published_at);
    if (!published.isAfter(fetched.plusDays(1))) { at = published; }
  }
  ctx._index = params.base + '-' + at.withZoneSameInstant(ZoneId.of(params.zone))
    .format(DateTimeFormatter.ofPattern('yyyy.MM'));
`;

/**
 * Copies every article of an older mapping version, or of the pre-monthly single index, into the
 * monthly indices of the current version, one source index at a time; each source leaves the alias
 * as soon as it is copied (while one is copied its articles count twice) and is kept for the
 * operator to delete. An article already written to the current version is never overwritten.
 */
export async function reindexArticles(
  client: SearchClient,
  prefix: string,
  log: (line: string) => void = () => {},
  layout: IndexLayout = DEFAULT_LAYOUT,
): Promise<{ from: string[]; to: string; copied: number }> {
  const names = articleNames(prefix);
  await putTemplate(client, prefix, layout);
  const indices = await articleIndices(client, names.alias);
  if (!indices.length) throw new Error(`no alias ${names.alias}: nothing to reindex`);
  const sources = indices.filter((index) => {
    const parsed = parseArticleIndex(index);
    return parsed.version !== MAPPING_VERSION || parsed.month === null;
  });
  const to = `${names.version(MAPPING_VERSION)}-*`;
  if (!sources.length)
    throw new Error(
      `${names.alias} already points to monthly indices ${to} (mapping version ${MAPPING_VERSION})`,
    );
  // The alias must never be left empty, even when every source turns out to hold nothing.
  if (sources.length === indices.length)
    await createMonthIndex(client, names.monthly(MAPPING_VERSION, indexMonth(new Date())));
  let copied = 0;
  for (const from of sources) {
    log(`copying ${from} → ${to}…`);
    const result = await client.reindex({
      body: {
        source: { index: from },
        dest: { index: names.version(MAPPING_VERSION), op_type: "create" },
        script: {
          lang: "painless",
          source: ROUTE_SCRIPT,
          params: { base: names.version(MAPPING_VERSION), zone: INDEX_MONTH_TIME_ZONE },
        },
        conflicts: "proceed",
      },
      refresh: true,
      wait_for_completion: true,
      timeout: "30m",
    });
    const outcome = result.body as { failures?: unknown[]; created?: number };
    const failures = outcome.failures ?? [];
    if (failures.length)
      throw new Error(`reindex of ${from} left ${failures.length} failures; alias not moved`);
    await client.indices.updateAliases({
      body: { actions: [{ remove: { index: from, alias: names.alias } }] },
    });
    copied += outcome.created ?? 0;
  }
  await applyLayout(client, names.alias, await articleIndices(client, names.alias), layout);
  return { from: sources, to, copied };
}
