/**
 * Creates the article index template, the current versioned index and its alias; moves the data
 * to a new version when the mapping changes.
 */

import { coerceError } from "../model/errors.ts";
import { articleMappings, articleSettings, MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import { articleNames } from "./names.ts";

async function putTemplate(client: SearchClient, prefix: string): Promise<void> {
  const names = articleNames(prefix);
  await client.indices.putIndexTemplate({
    name: names.template,
    body: {
      index_patterns: [names.pattern],
      template: { settings: articleSettings(), mappings: articleMappings() },
      _meta: { mapping_version: MAPPING_VERSION },
    } as Record<string, unknown>,
  });
}

/** Index names the alias points to now, newest first. */
async function aliasTargets(client: SearchClient, alias: string): Promise<string[]> {
  const exists = await client.indices.existsAlias({ name: alias });
  if (!exists.body) return [];
  const response = await client.indices.getAlias({ name: alias });
  return Object.keys(response.body).sort().reverse();
}

export interface ArticleIndexState {
  alias: string;
  index: string;
  version: number;
  current: boolean;
}

/** Idempotent: safe on every start of every process. */
export async function ensureArticleIndex(client: SearchClient, prefix: string): Promise<ArticleIndexState> {
  const names = articleNames(prefix);
  await putTemplate(client, prefix);
  const targets = await aliasTargets(client, names.alias);
  if (targets[0]) {
    const version = Number(/-v(\d+)$/.exec(targets[0])?.[1] ?? 0);
    return { alias: names.alias, index: targets[0], version, current: version === MAPPING_VERSION };
  }
  const index = names.version(MAPPING_VERSION);
  try {
    await client.indices.create({ index, body: { aliases: { [names.alias]: { is_write_index: true } } } });
  } catch (error) {
    // Another process created it first: that is the same outcome.
    if (!coerceError(error).message.includes("resource_already_exists_exception")) throw error;
  }
  await client.cluster.health({ index, wait_for_status: "yellow", timeout: "30s" });
  return { alias: names.alias, index, version: MAPPING_VERSION, current: true };
}

/**
 * Copies every article into the index of the current mapping version and swaps the alias in one
 * atomic step. The old index is kept (delete it by hand once satisfied).
 */
export async function reindexArticles(
  client: SearchClient,
  prefix: string,
  log: (line: string) => void = () => {},
): Promise<{ from: string; to: string; copied: number }> {
  const names = articleNames(prefix);
  await putTemplate(client, prefix);
  const [from] = await aliasTargets(client, names.alias);
  if (!from) throw new Error(`no alias ${names.alias}: nothing to reindex`);
  const to = names.version(MAPPING_VERSION);
  if (from === to)
    throw new Error(`${names.alias} already points to ${to} (mapping version ${MAPPING_VERSION})`);
  await client.indices.create({ index: to });
  log(`copying ${from} → ${to}…`);
  const result = await client.reindex({
    body: { source: { index: from }, dest: { index: to, op_type: "create" } },
    refresh: true,
    wait_for_completion: true,
    timeout: "30m",
  });
  const outcome = result.body as { failures?: unknown[]; created?: number };
  const failures = outcome.failures ?? [];
  if (failures.length) throw new Error(`reindex left ${failures.length} failures; alias not moved`);
  await client.indices.updateAliases({
    body: {
      actions: [
        { remove: { index: from, alias: names.alias } },
        { add: { index: to, alias: names.alias, is_write_index: true } },
      ],
    },
  });
  return { from, to, copied: outcome.created ?? 0 };
}
