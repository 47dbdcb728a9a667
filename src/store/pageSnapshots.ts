/**
 * The archived pages (raw HTML as fetched: the evidence for contract payment and for a crisis) in
 * `<prefix>-snapshots`, so every host reads what any crawl worker stored. One document per distinct
 * content, id = sha256 of the bytes: storing the same page twice is a no-op (the first fetch is kept;
 * pages stored at the same time go in one bulk request, src/store/groupedCreates.ts). The bytes are kept
 * gzip-compressed and base64-encoded in a `binary` field, which the engine stores and never
 * indexes.
 */
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, gzip, gzipSync } from "node:zlib";
import type { SearchClient } from "./client.ts";
import { groupedCreates } from "./groupedCreates.ts";
import { ensureAliasedIndex } from "./users.ts";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * Pages up to this size are compressed on the spot: the thread-pool round trip of the
 * asynchronous form costs more than compressing a few kilobytes, and this much takes about a
 * millisecond. Larger pages go to the pool so that the event loop keeps serving the other jobs.
 * Both forms give the same bytes.
 */
const SYNC_GZIP_MAX_BYTES = 64 * 1024;

const compress = (bytes: Uint8Array): Promise<Buffer> | Buffer =>
  bytes.byteLength <= SYNC_GZIP_MAX_BYTES ? gzipSync(bytes) : gzipAsync(bytes);

export interface SnapshotMeta {
  url?: string;
  /** When the page was fetched (ISO, UTC). */
  fetchedAt?: string;
  contentType?: string;
}

export interface StoredSnapshot {
  hash: string;
  bytes: Buffer;
  url: string | null;
  fetched_at: string | null;
  content_type: string | null;
  /** Whether the bytes read back still hash to their name (they always should). */
  intact: boolean;
}

interface SnapshotDoc {
  hash: string;
  url: string | null;
  fetched_at: string | null;
  content_type: string | null;
  size: number;
  gz: string;
}

const keyword = { type: "keyword" } as const;
const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

export function createSnapshotStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-snapshots`;
  // Concurrent fetch jobs' pages share one bulk request (the store is made once per process).
  const creates = groupedCreates(client, index, { label: "snapshot" });
  let ready: Promise<void> | null = null;
  const ensureReady = () => {
    ready ??= ensureAliasedIndex(client, index, 1, {
      properties: {
        hash: keyword,
        url: { type: "keyword", index: false },
        fetched_at: { type: "date" },
        content_type: { type: "keyword", index: false },
        size: { type: "integer" },
        gz: { type: "binary" },
      },
    }).catch((error: unknown) => {
      ready = null;
      throw error;
    });
    return ready;
  };

  return {
    index,
    ensureReady,

    /** Stores the bytes if they are new; returns their hash either way (the first fetch is kept). */
    async put(bytes: Uint8Array, meta: SnapshotMeta = {}): Promise<string> {
      await ensureReady();
      const hash = sha256Hex(bytes);
      const doc: SnapshotDoc = {
        hash,
        url: meta.url ?? null,
        fetched_at: meta.fetchedAt ?? null,
        content_type: meta.contentType ?? null,
        size: bytes.byteLength,
        gz: (await compress(bytes)).toString("base64"),
      };
      // A create: a second writer of the same content is told it exists, which is the same outcome.
      await creates.create(hash, doc);
      return hash;
    },

    async get(hash: string): Promise<StoredSnapshot | null> {
      if (!/^[0-9a-f]{64}$/.test(hash)) return null;
      const response = await client.get({ index, id: hash }, { ignore: [404] });
      if (response.statusCode === 404 || !response.body.found) return null;
      const doc = response.body._source as SnapshotDoc;
      const bytes = await gunzipAsync(Buffer.from(doc.gz, "base64"));
      return {
        hash,
        bytes,
        url: doc.url,
        fetched_at: doc.fetched_at,
        content_type: doc.content_type,
        intact: sha256Hex(bytes) === hash,
      };
    },
  };
}

export type SnapshotStoreOS = ReturnType<typeof createSnapshotStore>;
