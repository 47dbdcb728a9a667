/**
 * OpenSearch snapshots of one deployment's indices (everything under its INDEX_PREFIX that the store
 * creates): a filesystem repository registered by the project, snapshots taken and restored as
 * engine tasks (never waiting on one long request), with progress read from the engine.
 */
import type { SearchClient } from "./client.ts";

/** Every index family the store keeps under a prefix (each an index, or an alias over versions). */
export const STORE_FAMILIES = [
  "articles",
  "alerts",
  "cases",
  "audit",
  "users",
  "api-keys",
  "claims",
  "contracts",
  "watchlists",
  "corrections",
  "snapshots",
] as const;

export interface RepositorySettings {
  name: string;
  /** A folder under the node's `path.repo` (relative to it, or absolute inside it). */
  location: string;
}

export class SnapshotError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SnapshotError";
  }
}

const reason = (error: unknown): string => {
  const body = (error as { meta?: { body?: { error?: { reason?: string } } } }).meta?.body;
  return body?.error?.reason ?? (error instanceof Error ? error.message : String(error));
};

/** Registers the filesystem repository (idempotent); says plainly when the node lacks path.repo. */
export async function ensureRepository(client: SearchClient, repo: RepositorySettings): Promise<void> {
  try {
    await client.snapshot.createRepository({
      repository: repo.name,
      body: { type: "fs", settings: { location: repo.location, compress: true } },
    });
  } catch (error) {
    const text = reason(error);
    if (/path\.repo|doesn't match any of the locations/i.test(text))
      throw new SnapshotError(
        `the OpenSearch node has no path.repo covering "${repo.location}" (${text}); set path.repo on every node (the local node started by \`presswatch services up\` has data/opensearch/snapshots) or change SNAPSHOT_LOCATION`,
      );
    throw new SnapshotError(`cannot register snapshot repository ${repo.name}: ${text}`);
  }
}

/** The concrete indices holding a prefix's data now (aliases resolved to their versions). */
export async function storeIndices(
  client: SearchClient,
  prefix: string,
  extra: string[] = [],
): Promise<string[]> {
  const names = [...STORE_FAMILIES.map((family) => `${prefix}-${family}`), ...extra];
  const patterns = names.flatMap((name) => [name, `${name}-v*`]);
  const response = await client.indices.get({
    index: patterns.join(","),
    ignore_unavailable: true,
    allow_no_indices: true,
    expand_wildcards: "open",
  });
  return Object.keys(response.body).sort();
}

export interface SnapshotInfo {
  name: string;
  state: string;
  indices: string[];
  startedAt: string;
  shards: { total: number; successful: number; failed: number };
}

/** The prefix's snapshots in the repository, oldest first. */
export function listSnapshots(
  client: SearchClient,
  repository: string,
  prefix: string,
): Promise<SnapshotInfo[]> {
  return readSnapshots(client, repository, `${prefix}-*`);
}

async function readSnapshots(
  client: SearchClient,
  repository: string,
  snapshot: string,
): Promise<SnapshotInfo[]> {
  const response = await client.snapshot.get({ repository, snapshot }, { ignore: [404] });
  const body = response.body as {
    snapshots?: Array<{
      snapshot: string;
      state: string;
      indices: string[];
      start_time_in_millis: number;
      shards?: { total: number; successful: number; failed: number };
    }>;
  };
  return (body.snapshots ?? [])
    .map((s) => ({
      name: s.snapshot,
      state: s.state,
      indices: [...s.indices].sort(),
      startedAt: new Date(s.start_time_in_millis).toISOString(),
      shards: s.shards ?? { total: 0, successful: 0, failed: 0 },
    }))
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.name.localeCompare(b.name));
}

/** A snapshot name that sorts by time: `<prefix>-20261202t163500z`. */
export function snapshotName(prefix: string, at: Date): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "z")
    .toLowerCase();
  return `${prefix}-${stamp}`;
}

export type Progress = (line: string) => void;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** Takes a snapshot of `indices` and waits for it, reporting shards and bytes as they are written. */
export async function takeSnapshot(
  client: SearchClient,
  repository: string,
  name: string,
  indices: string[],
  progress: Progress,
  pollMs = 1_000,
): Promise<SnapshotInfo> {
  await client.snapshot.create({
    repository,
    snapshot: name,
    wait_for_completion: false,
    body: { indices: indices.join(","), include_global_state: false, ignore_unavailable: false },
  });
  let info: SnapshotInfo | undefined;
  for (;;) {
    const status = await client.snapshot.status({ repository, snapshot: name });
    const snap = (
      status.body as {
        snapshots: Array<{
          state: string;
          shards_stats: { done: number; total: number; failed: number };
          stats: { processed?: { size_in_bytes: number }; total?: { size_in_bytes: number } };
        }>;
      }
    ).snapshots[0];
    if (snap) {
      const done = snap.stats.processed?.size_in_bytes ?? 0;
      const total = snap.stats.total?.size_in_bytes ?? 0;
      progress(
        `  snapshot ${name}: ${snap.shards_stats.done}/${snap.shards_stats.total} shards, ${mb(done)} of ${mb(total)}`,
      );
    }
    // The snapshot's own record says when it is finished (its shards finish first, then the
    // snapshot is finalised; until then its indices cannot be deleted).
    [info] = await readSnapshots(client, repository, name);
    if (!info) throw new SnapshotError(`snapshot ${name} disappeared from ${repository}`);
    if (info.state !== "IN_PROGRESS") break;
    await sleep(pollMs);
  }
  // The record read last says how it ended.
  if (info.state !== "SUCCESS")
    throw new SnapshotError(
      `snapshot ${name} ended ${info.state} (${info.shards.failed} of ${info.shards.total} shards failed)`,
    );
  return info;
}

/** Restores `indices` (with their aliases) from a snapshot and waits until every shard is back. */
export async function restoreSnapshot(
  client: SearchClient,
  repository: string,
  name: string,
  indices: string[],
  progress: Progress,
  pollMs = 1_000,
): Promise<void> {
  await client.snapshot.restore({
    repository,
    snapshot: name,
    wait_for_completion: false,
    body: { indices: indices.join(","), include_aliases: true, include_global_state: false },
  });
  for (;;) {
    const recovery = await client.indices.recovery({ index: indices.join(","), active_only: false });
    const shards = Object.values(
      recovery.body as Record<
        string,
        { shards: Array<{ stage: string; index: { size: { percent: string } } }> }
      >,
    ).flatMap((entry) => entry.shards);
    const done = shards.filter((shard) => shard.stage === "DONE").length;
    progress(`  restore ${name}: ${done}/${shards.length} shards recovered`);
    if (shards.length > 0 && done === shards.length) break;
    await sleep(pollMs);
  }
  await client.cluster.health({ index: indices.join(","), wait_for_status: "yellow", timeout: "60s" });
}

/** Documents per index family of a prefix (a family without an index is left out). */
export async function familyCounts(client: SearchClient, prefix: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const family of STORE_FAMILIES) {
    const response = await client.count({ index: `${prefix}-${family}` }, { ignore: [404] });
    if (response.statusCode === 404) continue;
    counts[family] = Number((response.body as { count: number }).count);
  }
  return counts;
}
