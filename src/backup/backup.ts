/**
 * `presswatch backup` and `presswatch restore`: one snapshot holds a deployment's every index
 * (articles, alerts, cases, audit, users, API keys, claims, contracts, watchlists) and, in an index
 * of its own, every Redis key under its queue prefix (queues and failed jobs, crawl and detector
 * state). Restoring puts both back. Stop the API and the workers while restoring.
 */
import type { RedisClient } from "../queue/connection.ts";
import { countKeys, deleteKeys, dumpKeys, restoreKeys } from "../queue/redisDump.ts";
import type { SearchClient } from "../store/client.ts";
import {
  dropRedisCopy,
  readRedisCopy,
  redisCopyIndex,
  resetRedisCopy,
  writeRedisCopy,
} from "../store/redisCopy.ts";
import {
  ensureRepository,
  listSnapshots,
  type Progress,
  type RepositorySettings,
  restoreSnapshot,
  SnapshotError,
  type SnapshotInfo,
  snapshotName,
  storeIndices,
  takeSnapshot,
} from "../store/snapshots.ts";

export interface BackupDeps {
  client: SearchClient;
  redis: RedisClient;
  indexPrefix: string;
  queuePrefix: string;
  repository: RepositorySettings;
  progress?: Progress;
  /** Poll interval of the engine's progress (tests shorten it). */
  pollMs?: number;
}

export interface BackupResult {
  snapshot: SnapshotInfo;
  redisKeys: number;
}

export async function backup(deps: BackupDeps, now = new Date()): Promise<BackupResult> {
  const progress = deps.progress ?? (() => {});
  const { client, redis, indexPrefix, queuePrefix, repository } = deps;
  await ensureRepository(client, repository);
  const data = await storeIndices(client, indexPrefix);
  if (data.length === 0)
    throw new SnapshotError(`no index under the prefix "${indexPrefix}": nothing to back up`);
  progress(`copying the Redis keys under "${queuePrefix}:" into ${redisCopyIndex(indexPrefix)}…`);
  await resetRedisCopy(client, indexPrefix);
  try {
    const redisKeys = await writeRedisCopy(client, indexPrefix, dumpKeys(redis, queuePrefix), (written) =>
      progress(`  ${written} Redis keys copied`),
    );
    const name = snapshotName(indexPrefix, now);
    const indices = [...data, redisCopyIndex(indexPrefix)];
    progress(`snapshot ${name} of ${indices.length} indices in repository ${repository.name}…`);
    const snapshot = await takeSnapshot(client, repository.name, name, indices, progress, deps.pollMs);
    return { snapshot, redisKeys };
  } finally {
    await dropRedisCopy(client, indexPrefix);
  }
}

export async function snapshots(deps: Pick<BackupDeps, "client" | "indexPrefix" | "repository">) {
  await ensureRepository(deps.client, deps.repository);
  return listSnapshots(deps.client, deps.repository.name, deps.indexPrefix);
}

export interface RestoreOptions {
  /** A snapshot name; the newest successful one of the prefix by default. */
  snapshot?: string | undefined;
  /** Delete the prefix's current indices and Redis keys first (otherwise they must not exist). */
  replace?: boolean;
}

export interface RestoreResult {
  snapshot: SnapshotInfo;
  indices: string[];
  redisKeys: number;
  /** What --replace removed before restoring. */
  replaced: { indices: string[]; redisKeys: number };
}

export async function restore(deps: BackupDeps, options: RestoreOptions = {}): Promise<RestoreResult> {
  const progress = deps.progress ?? (() => {});
  const { client, redis, indexPrefix, queuePrefix, repository } = deps;
  const all = await snapshots(deps);
  const snapshot = options.snapshot
    ? all.find((s) => s.name === options.snapshot)
    : all.filter((s) => s.state === "SUCCESS").at(-1);
  if (!snapshot)
    throw new SnapshotError(
      options.snapshot
        ? `no snapshot ${options.snapshot} in ${repository.name}; there are: ${all.map((s) => s.name).join(", ") || "none"}`
        : `no successful snapshot of "${indexPrefix}" in ${repository.name}: run \`presswatch backup\` first`,
    );
  if (snapshot.state !== "SUCCESS")
    throw new SnapshotError(`snapshot ${snapshot.name} is ${snapshot.state}, not restorable`);

  const existing = await storeIndices(client, indexPrefix, [redisCopyIndex(indexPrefix)]);
  const keys = await countKeys(redis, queuePrefix);
  if ((existing.length || keys) && !options.replace)
    throw new SnapshotError(
      `"${indexPrefix}" still has ${existing.length} indices (${existing.slice(0, 4).join(", ")}${existing.length > 4 ? ", …" : ""}) and ${keys} Redis keys under "${queuePrefix}:"; stop the API and workers and rerun with --replace to delete them and restore ${snapshot.name}`,
    );
  const replaced = { indices: existing, redisKeys: 0 };
  if (existing.length) {
    progress(`deleting ${existing.length} current indices…`);
    await client.indices.delete({ index: existing.join(",") });
  }
  if (keys) {
    progress(`deleting ${keys} Redis keys under "${queuePrefix}:"…`);
    replaced.redisKeys = await deleteKeys(redis, queuePrefix);
  }

  progress(`restoring ${snapshot.indices.length} indices from ${snapshot.name}…`);
  await restoreSnapshot(client, repository.name, snapshot.name, snapshot.indices, progress, deps.pollMs);
  let redisKeys = 0;
  if (snapshot.indices.includes(redisCopyIndex(indexPrefix))) {
    for await (const entries of readRedisCopy(client, indexPrefix)) {
      redisKeys += await restoreKeys(redis, entries);
      progress(`  ${redisKeys} Redis keys restored`);
    }
    await dropRedisCopy(client, indexPrefix);
  }
  return {
    snapshot,
    indices: snapshot.indices.filter((index) => index !== redisCopyIndex(indexPrefix)),
    redisKeys,
    replaced,
  };
}
