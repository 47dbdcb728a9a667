/**
 * The Redis half of a backup kept inside the snapshot itself: before a snapshot, every key of the
 * deployment is written to `<prefix>-backup-redis` (one document per key, the DUMP payload as
 * binary), so one snapshot holds the index and the queues at the same moment, wherever the node
 * keeps its repository; after a restore the documents are read back. The index exists only
 * around a backup or a restore.
 */
import { createHash } from "node:crypto";
import type { RedisEntry } from "../queue/redisDump.ts";
import type { SearchClient } from "./client.ts";

export const redisCopyIndex = (prefix: string) => `${prefix}-backup-redis`;

/** Bulk requests stay well under the engine's 100 MB request limit. */
const MAX_BULK_BYTES = 8 * 1_048_576;

interface RedisDoc {
  key: string;
  ttl_ms: number;
  value: string;
}

export async function resetRedisCopy(client: SearchClient, prefix: string): Promise<string> {
  const index = redisCopyIndex(prefix);
  await client.indices.delete({ index }, { ignore: [404] });
  await client.indices.create({
    index,
    body: {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: {
        dynamic: "strict",
        properties: { key: { type: "keyword" }, ttl_ms: { type: "long" }, value: { type: "binary" } },
      },
    },
  });
  return index;
}

/** Writes the entries; returns how many were written. */
export async function writeRedisCopy(
  client: SearchClient,
  prefix: string,
  batches: AsyncIterable<RedisEntry[]>,
  progress: (written: number) => void = () => {},
): Promise<number> {
  const index = redisCopyIndex(prefix);
  let written = 0;
  let body: Array<Record<string, unknown>> = [];
  let bytes = 0;
  const flush = async () => {
    if (body.length === 0) return;
    const response = await client.bulk({ body, refresh: false });
    const result = response.body as {
      errors: boolean;
      items: Array<{ index?: { error?: { reason?: string } } }>;
    };
    if (result.errors) {
      const first = result.items.find((item) => item.index?.error)?.index?.error?.reason;
      throw new Error(`writing the Redis keys into ${index} failed: ${first ?? "unknown reason"}`);
    }
    written += body.length / 2;
    progress(written);
    body = [];
    bytes = 0;
  };
  for await (const entries of batches) {
    for (const entry of entries) {
      const doc: RedisDoc = { key: entry.key, ttl_ms: entry.ttlMs, value: entry.value.toString("base64") };
      body.push({ index: { _index: index, _id: keyId(entry.key) } }, { ...doc });
      bytes += doc.value.length + entry.key.length;
      if (bytes >= MAX_BULK_BYTES) await flush();
    }
  }
  await flush();
  await client.indices.refresh({ index });
  return written;
}

/** Reads the entries back in batches (a point-in-time-free scroll: the index is not written meanwhile). */
export async function* readRedisCopy(
  client: SearchClient,
  prefix: string,
  batch = 500,
): AsyncGenerator<RedisEntry[]> {
  const index = redisCopyIndex(prefix);
  let after: Array<string | number> | undefined;
  for (;;) {
    const response = await client.search({
      index,
      body: {
        size: batch,
        sort: [{ key: "asc" }],
        ...(after ? { search_after: after } : {}),
      },
    });
    const hits = (response.body as { hits: { hits: Array<{ _source: RedisDoc; sort: unknown[] }> } }).hits
      .hits;
    if (hits.length === 0) return;
    yield hits.map((hit) => ({
      key: hit._source.key,
      ttlMs: hit._source.ttl_ms,
      value: Buffer.from(hit._source.value, "base64"),
    }));
    after = hits.at(-1)!.sort as Array<string | number>;
  }
}

/** Deletes the copy; a snapshot still being finalised holds it for a moment, so that is waited out. */
export async function dropRedisCopy(client: SearchClient, prefix: string, attempts = 60): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.indices.delete({ index: redisCopyIndex(prefix) }, { ignore: [404] });
      return;
    } catch (error) {
      if (attempt >= attempts || !String(error).includes("snapshot_in_progress_exception")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

const keyId = (key: string) => createHash("sha256").update(key).digest("hex");
