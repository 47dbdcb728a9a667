/**
 * Opening a monthly article index before its first document. Left to itself the engine creates the
 * index from the template on the first bulk that names it, and answers as soon as the primaries
 * have started; the documents then land on primaries whose replicas are still being built (peer
 * recovery, a few shards at a time per node). A node lost in that window takes the only started
 * copy with it: the index is red until the node comes back, although it has a replica configured
 * (what the cluster drill saw). So a writer creates the month itself and waits until every shard
 * has as many started copies as the cluster can hold (replicas + 1, at most one per data node),
 * then writes. Each process does this once per month it writes to.
 */
import { coerceError } from "../model/errors.ts";
import type { SearchClient } from "./client.ts";

/** How long a new month's primaries may take to start: without them nothing can be written. */
const PRIMARIES_TIMEOUT = "30s";
/**
 * How long its replicas may take. Past this the month is written to anyway: a replica the cluster
 * cannot build within a minute must not stop the ingest, and the index is writable without it.
 */
const REPLICAS_TIMEOUT = "60s";

/** What `_cluster/health?level=indices` says of one index, the part read here. */
export interface IndexHealth {
  number_of_data_nodes: number;
  timed_out: boolean;
  indices?: Record<string, { number_of_shards: number; number_of_replicas: number; active_shards: number }>;
}

/**
 * The started shard copies to wait for: every shard with its replicas, but no more copies of a
 * shard than there are data nodes (a replica is never placed beside its primary, so on a single
 * node, or with a node down, more would never come).
 */
export function copiesToWaitFor(health: IndexHealth, index: string): { wanted: number; active: number } {
  const own = health.indices?.[index];
  if (health.timed_out || !own)
    throw new Error(`article index ${index}: its primary shards did not start within ${PRIMARIES_TIMEOUT}`);
  const copies = Math.min(own.number_of_replicas + 1, Math.max(health.number_of_data_nodes, 1));
  return { wanted: own.number_of_shards * copies, active: own.active_shards };
}

/** Creates the index if no one has (the template gives it everything) and waits for its copies. */
export async function openMonthIndex(client: SearchClient, index: string): Promise<void> {
  try {
    await client.indices.create({ index });
  } catch (error) {
    // Another process created it first: the same outcome; its copies are waited for below all the same.
    if (!coerceError(error).message.includes("resource_already_exists_exception")) throw error;
  }
  const primaries = await client.cluster.health(
    { index, level: "indices", wait_for_status: "yellow", timeout: PRIMARIES_TIMEOUT },
    { ignore: [408] },
  );
  const { wanted, active } = copiesToWaitFor(primaries.body as IndexHealth, index);
  if (active >= wanted) return;
  await client.cluster.health(
    { index, wait_for_active_shards: String(wanted), timeout: REPLICAS_TIMEOUT },
    { ignore: [408] },
  );
}

export interface MonthOpener {
  /** Opens the months not opened yet by this process (in parallel); resolves when all are ready. */
  open(indices: Iterable<string>): Promise<void>;
}

/** `open` is openMonthIndex on a client; another function only in the opener's own tests. */
export function createMonthOpener(
  client: SearchClient,
  open: (client: SearchClient, index: string) => Promise<void> = openMonthIndex,
): MonthOpener {
  const opened = new Map<string, Promise<void>>();
  const openOne = (index: string) => {
    let pending = opened.get(index);
    if (!pending) {
      pending = open(client, index);
      // A failure is not remembered: the next bulk for that month tries again.
      pending.catch(() => opened.delete(index));
      opened.set(index, pending);
    }
    return pending;
  };
  return {
    async open(indices) {
      await Promise.all([...new Set(indices)].map(openOne));
    },
  };
}
