/**
 * Creates the article index template, the current versioned index and its alias (reindex.ts moves
 * the data to a new version when the mapping changes).
 */

import { coerceError } from "../model/errors.ts";
import { articleMappings, articleSettings, MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import { articleNames } from "./names.ts";

export async function putTemplate(client: SearchClient, prefix: string): Promise<void> {
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
export async function aliasTargets(client: SearchClient, alias: string): Promise<string[]> {
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
