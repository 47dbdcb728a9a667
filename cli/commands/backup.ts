/**
 * `presswatch backup [--list]` and `presswatch restore [--snapshot NAME] [--replace]`: a snapshot of
 * the deployment's indices and Redis keys in the OpenSearch repository SNAPSHOT_REPOSITORY
 * (src/backup/backup.ts), with progress on standard error and the counts on standard output.
 */
import { type BackupDeps, backup, restore, snapshots } from "../../src/backup/backup.ts";
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { createRedis, redisTarget } from "../../src/queue/connection.ts";
import { createSearchClient, searchOptions } from "../../src/store/client.ts";
import { familyCounts, SnapshotError } from "../../src/store/snapshots.ts";
import { type CommandSpec, parseCommand, stringOption } from "../args.ts";
import { CliError } from "../errors.ts";

const NOTES = [
  "Reads OPENSEARCH_URL (and its credentials and CA), REDIS_URL, INDEX_PREFIX, QUEUE_PREFIX, SNAPSHOT_REPOSITORY, SNAPSHOT_LOCATION.",
];

const BACKUP: CommandSpec = {
  name: "backup",
  summary:
    "A snapshot of every index of INDEX_PREFIX and every Redis key under QUEUE_PREFIX in the OpenSearch repository SNAPSHOT_REPOSITORY. Progress goes to standard error.",
  usage: ["[--list]"],
  options: { list: { type: "boolean", help: "list the repository's snapshots instead of taking one" } },
  notes: NOTES,
};

const RESTORE: CommandSpec = {
  name: "restore",
  summary:
    "Restore a snapshot taken by `presswatch backup` (the latest by default). Progress goes to standard error.",
  usage: ["[--snapshot NAME] [--replace]"],
  options: {
    snapshot: { type: "string", value: "NAME", help: "the snapshot to restore (default: the latest)" },
    replace: {
      type: "boolean",
      help: "delete the deployment's indices and Redis keys first (without it, restore refuses while they hold data)",
    },
  },
  notes: NOTES,
};

async function withDeps<T>(run: (deps: BackupDeps) => Promise<T>): Promise<T> {
  const env = parseEnv();
  const client = createSearchClient({ ...searchOptions(env), requestTimeoutMs: 120_000 });
  const redis = createRedis(redisTarget(env), "commands", "presswatch-backup");
  try {
    return await run({
      client,
      redis,
      indexPrefix: env.INDEX_PREFIX,
      queuePrefix: env.QUEUE_PREFIX,
      repository: { name: env.SNAPSHOT_REPOSITORY, location: env.SNAPSHOT_LOCATION },
      progress: (line) => console.error(line),
    });
  } catch (error) {
    if (error instanceof SnapshotError || error instanceof CliError) throw new CliError(error.message);
    throw new CliError(`OpenSearch at ${env.OPENSEARCH_URL} or Redis: ${coerceError(error).message}`);
  } finally {
    await client.close();
    redis.disconnect();
  }
}

const countsLine = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([family, count]) => `${family} ${count}`)
    .join(", ");

export async function runBackup(args: string[]): Promise<number> {
  const { values } = parseCommand(BACKUP, args);
  return withDeps(async (deps) => {
    if (values.list) {
      for (const s of await snapshots(deps))
        console.log(`${s.name}\t${s.state}\t${s.startedAt}\t${s.indices.length} indices`);
      return 0;
    }
    const counts = await familyCounts(deps.client, deps.indexPrefix);
    const result = await backup(deps);
    console.log(
      `snapshot ${result.snapshot.name} in ${deps.repository.name}: ${result.snapshot.indices.length} indices (${countsLine(counts)}), ${result.redisKeys} Redis keys`,
    );
    return 0;
  });
}

export async function runRestore(args: string[]): Promise<number> {
  const { values } = parseCommand(RESTORE, args);
  return withDeps(async (deps) => {
    const result = await restore(deps, {
      snapshot: stringOption(values, "snapshot"),
      replace: values.replace === true,
    });
    const counts = await familyCounts(deps.client, deps.indexPrefix);
    if (result.replaced.indices.length || result.replaced.redisKeys)
      console.error(
        `replaced: ${result.replaced.indices.length} indices and ${result.replaced.redisKeys} Redis keys deleted before restoring`,
      );
    console.log(
      `restored ${result.snapshot.name}: ${result.indices.length} indices (${countsLine(counts)}), ${result.redisKeys} Redis keys`,
    );
    return 0;
  });
}
