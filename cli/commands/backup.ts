/**
 * `presswatch backup [--list]` and `presswatch restore [--snapshot NAME] [--replace]`: a snapshot of
 * the deployment's indices and Redis keys in the OpenSearch repository SNAPSHOT_REPOSITORY
 * (src/backup/backup.ts), with progress on standard error and the counts on standard output.
 */
import { parseArgs } from "node:util";
import { type BackupDeps, backup, restore, snapshots } from "../../src/backup/backup.ts";
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { createRedis } from "../../src/queue/connection.ts";
import { createSearchClient } from "../../src/store/client.ts";
import { familyCounts, SnapshotError } from "../../src/store/snapshots.ts";
import { CliError } from "../errors.ts";

const BACKUP_USAGE = "usage: presswatch backup [--list]";
const RESTORE_USAGE = "usage: presswatch restore [--snapshot NAME] [--replace]";

/** Unknown options and bad values end with the usage and exit code 2. */
function parsed<T>(usage: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new CliError(`${coerceError(error).message}\n${usage}`, 2);
  }
}

async function withDeps<T>(run: (deps: BackupDeps) => Promise<T>): Promise<T> {
  const env = parseEnv();
  const client = createSearchClient({
    url: env.OPENSEARCH_URL,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
    requestTimeoutMs: 120_000,
  });
  const redis = createRedis(env.REDIS_URL, "commands", "presswatch-backup");
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
  const { values } = parsed(BACKUP_USAGE, () =>
    parseArgs({ args, options: { list: { type: "boolean" }, help: { type: "boolean", short: "h" } } }),
  );
  if (values.help) {
    console.log(BACKUP_USAGE);
    return 0;
  }
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
  const { values } = parsed(RESTORE_USAGE, () =>
    parseArgs({
      args,
      options: {
        snapshot: { type: "string" },
        replace: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }),
  );
  if (values.help) {
    console.log(RESTORE_USAGE);
    return 0;
  }
  return withDeps(async (deps) => {
    const result = await restore(deps, { snapshot: values.snapshot, replace: values.replace ?? false });
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
