/**
 * The archived pages as a reader sees them, whichever store holds them (SNAPSHOT_STORE): the
 * OpenSearch index every host reads, or the crawl worker's own disk.
 */
import type { SearchClient } from "../store/client.ts";
import { createSnapshotStore, type SnapshotMeta, type StoredSnapshot } from "../store/pageSnapshots.ts";
import { SnapshotStore as FileSnapshots, sha256Hex } from "./snapshots.ts";

export interface Snapshots {
  put(bytes: Uint8Array, meta?: SnapshotMeta): Promise<string>;
  get(hash: string): Promise<StoredSnapshot | null>;
}

export function snapshotsFor(
  kind: "opensearch" | "files",
  options: { client: SearchClient; prefix: string; dataDir: string },
): Snapshots {
  if (kind === "opensearch") return createSnapshotStore(options.client, { prefix: options.prefix });
  const files = new FileSnapshots(options.dataDir);
  return {
    put: (bytes) => files.put(bytes),
    async get(hash) {
      if (!/^[0-9a-f]{64}$/.test(hash)) return null;
      try {
        const bytes = await files.get(hash);
        return {
          hash,
          bytes,
          url: null,
          fetched_at: null,
          content_type: null,
          intact: sha256Hex(bytes) === hash,
        };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
  };
}
