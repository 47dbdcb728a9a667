/**
 * `presswatch store init|status|reindex`: the article index behind its alias.
 * `reindex` copies everything into the index of the current mapping version (an engine task, with
 * progress; rerun after an interruption to attach to it) and moves the alias.
 */
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadAnalyzer } from "../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../src/pipeline/reanalyze.ts";
import { createRedis } from "../../src/queue/connection.ts";
import { redisTaskMemory, reindexTaskKey } from "../../src/queue/taskMemory.ts";
import { createArticleStore, createSearchClient, reindexArticles } from "../../src/store/index.ts";
import { outdatedArticles } from "../../src/store/outdatedArticles.ts";
import { CliError } from "../errors.ts";

const USAGE = "usage: presswatch store init | status | reindex [--requests-per-second N] | reanalyze";
const REINDEX_USAGE = "usage: presswatch store reindex [--requests-per-second N]";

export async function runStore(args: string[]): Promise<number> {
  const env = parseEnv();
  const client = createSearchClient({
    url: env.OPENSEARCH_URL,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
  });
  const store = createArticleStore(client, { prefix: env.INDEX_PREFIX });
  try {
    switch (args[0]) {
      case "init":
      case "status": {
        const state = await store.ensureReady();
        console.log(
          `${state.alias} → ${state.index} (mapping version ${state.version}${state.current ? ", current" : ", OUTDATED: run `presswatch store reindex`"}), ${await store.count()} articles`,
        );
        return state.current ? 0 : 1;
      }
      case "reindex": {
        // The copy runs in the engine; its task id waits in Redis, so a rerun after an interruption
        // attaches to it.
        const redis = createRedis(env.REDIS_URL, "commands", "presswatch-reindex");
        const rps = args[1] === "--requests-per-second" ? Number(args[2]) : undefined;
        if (args[1] !== undefined && !(rps && Number.isFinite(rps) && rps > 0))
          throw new CliError(`${REINDEX_USAGE}`, 2);
        const result = await reindexArticles(client, env.INDEX_PREFIX, {
          log: (line) => console.log(line),
          memory: redisTaskMemory(redis, reindexTaskKey(env.QUEUE_PREFIX)),
          ...(rps ? { requestsPerSecond: rps } : {}),
        }).finally(() => redis.disconnect());
        console.log(
          `copied ${result.copied} articles from ${result.from} to ${result.to}; the alias now points to ${result.to}`,
        );
        console.log(`the old index ${result.from} is kept: delete it once satisfied`);
        return 0;
      }
      case "reanalyze": {
        // After a plan or model change: analyse again every article whose analysis is older.
        await store.ensureReady();
        const analyzer = await loadAnalyzer(env.PLAN_FILE, env.THEME_MODEL_FILE);
        console.log(`re-analysing stored articles with analyzer ${analyzer.version}…`);
        const result = await reanalyzeStored(
          outdatedArticles(client, store.alias, analyzer.version),
          analyzer,
          store,
          (done, failed) => process.stdout.write(`\r  ${done} re-analysed, ${failed} failed`),
        );
        console.log(`\n${result.reanalyzed} articles re-analysed`);
        for (const failure of result.failed) console.error(`  ${failure.id}: ${failure.reason}`);
        return result.failed.length ? 1 : 0;
      }
      default:
        throw new CliError(USAGE, 2);
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`OpenSearch at ${env.OPENSEARCH_URL}: ${coerceError(error).message}`);
  } finally {
    await client.close();
  }
}
