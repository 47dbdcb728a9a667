/**
 * Finding an article among the monthly indices. Search and coverage read the alias and need none of
 * this; a read or an update by id must name one index, and only the document knows its month. So a
 * realtime multi-get asks the newest months first (where nearly every id the pipeline reads back
 * lives) and the older ones only for what is still missing.
 */
import type { SearchClient } from "./client.ts";
import { parseArticleIndex } from "./names.ts";

/** The indices behind the alias, newest month first, a pre-monthly index last. */
export async function articleIndices(client: SearchClient, alias: string): Promise<string[]> {
  const response = await client.indices.getAlias({ name: alias }, { ignore: [404] });
  if (response.statusCode === 404) return [];
  return Object.keys(response.body as Record<string, unknown>).sort(byMonthNewestFirst);
}

function byMonthNewestFirst(a: string, b: string): number {
  const [ma, mb] = [parseArticleIndex(a), parseArticleIndex(b)];
  const key = (p: { month: string | null; version: number }) =>
    `${p.month ?? "0000.00"}:${String(p.version).padStart(4, "0")}`;
  return key(mb).localeCompare(key(ma));
}

export interface Located<T> {
  index: string;
  source: T;
}

/** How many of the newest indices the first round asks. */
const RECENT = 2;
/** The alias's index list is read again after this long, and whenever an id is not found. */
const LIST_TTL_MS = 30_000;

export function createLocator(client: SearchClient, alias: string) {
  let cached: { indices: string[]; at: number } | null = null;

  async function indices(fresh: boolean): Promise<string[]> {
    if (fresh || !cached || Date.now() - cached.at > LIST_TTL_MS)
      cached = { indices: await articleIndices(client, alias), at: Date.now() };
    return cached.indices;
  }

  async function mgetIn<T>(ids: string[], within: string[], found: Map<string, Located<T>>): Promise<void> {
    const wanted = ids.filter((id) => !found.has(id));
    if (!wanted.length || !within.length) return;
    const response = await client.mget({
      body: { docs: within.flatMap((index) => wanted.map((id) => ({ _index: index, _id: id }))) },
    });
    const docs = response.body.docs as Array<{ _index: string; _id: string; found?: boolean; _source?: T }>;
    for (const doc of docs) {
      // Newest index first: after a date correction the newer copy wins until the sweep removes the other.
      if (doc.found && doc._source && !found.has(doc._id))
        found.set(doc._id, { index: doc._index, source: doc._source });
    }
  }

  return {
    /** Where each id is, realtime (sees a document written a moment ago); missing ids are left out. */
    async locate<T>(ids: string[]): Promise<Map<string, Located<T>>> {
      const found = new Map<string, Located<T>>();
      if (!ids.length) return found;
      let known = await indices(false);
      await mgetIn(ids, known.slice(0, RECENT), found);
      await mgetIn(ids, known.slice(RECENT), found);
      if (found.size < new Set(ids).size) {
        // A month this process has not seen yet may have been opened by another writer.
        const seen = new Set(known);
        known = await indices(true);
        await mgetIn(
          ids,
          known.filter((index) => !seen.has(index)),
          found,
        );
      }
      return found;
    },
  };
}
