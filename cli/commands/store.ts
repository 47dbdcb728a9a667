/**
 * `presswatch store init|status|reindex|reanalyze`: the monthly article indices behind their alias.
 * `reindex` copies everything into the monthly indices of the current mapping version (engine
 * tasks, with progress; rerun after an interruption to attach to the running one).
 */
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadAnalyzer } from "../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../src/pipeline/reanalyze.ts";
import { createRedis, redisTarget } from "../../src/queue/connection.ts";
import { redisTaskMemory, reindexTaskKey } from "../../src/queue/taskMemory.ts";
import { createCorrectionStore } from "../../src/store/corrections.ts";
import {
  createArticleStore,
  createSearchClient,
  layoutFromEnv,
  reindexArticles,
  searchOptions,
} from "../../src/store/index.ts";
import { outdatedArticles } from "../../src/store/outdatedArticles.ts";
import { type CommandSpec, integerOption, parseCommand, pickSubcommand, usageError } from "../args.ts";
import { CliError } from "../errors.ts";
import { progress } from "../progress.ts";

const STORE = {
  name: "store",
  summary: "The monthly article indices behind their alias (INDEX_PREFIX-articles) in OpenSearch.",
  subcommands: {
    init: "create the index and its alias if missing; same output as status",
    status: "the indices the alias reads, their mapping version and article count (exit 1 when outdated)",
    reindex: "copy every article into the monthly indices of the current mapping (after an upgrade)",
    reanalyze: "analyse again every article analysed by an older analyzer (after a plan or model change)",
  },
};

export async function runStore(args: string[]): Promise<number> {
  const { subcommand, rest } = pickSubcommand(STORE, args);
  const spec: CommandSpec = {
    name: `store ${subcommand}`,
    summary: STORE.subcommands[subcommand],
    usage: [subcommand === "reindex" ? "[--requests-per-second N]" : ""],
    options:
      subcommand === "reindex"
        ? {
            "requests-per-second": {
              type: "string",
              value: "N",
              help: "throttle the engine's copy to N documents a second",
            },
          }
        : {},
    notes: [
      "Reads OPENSEARCH_URL (and its credentials and CA), INDEX_PREFIX, PLAN_FILE, THEME_MODEL_FILE; reindex also REDIS_URL (where the running task's id waits).",
    ],
  };
  const { values } = parseCommand(spec, rest);
  const env = parseEnv();
  const client = createSearchClient(searchOptions(env));
  const layout = layoutFromEnv(env);
  const store = createArticleStore(client, { prefix: env.INDEX_PREFIX, layout });
  try {
    switch (subcommand) {
      case "init":
      case "status": {
        const state = await store.ensureReady();
        const [newest] = state.indices;
        const layoutNote = state.monthly
          ? ""
          : "; a single pre-monthly index: `presswatch store reindex` splits it by month";
        console.log(
          `${state.alias} → ${state.indices.length} ${state.indices.length === 1 ? "index" : "indices"}, newest ${newest} (mapping version ${state.version}${state.current ? ", current" : ", OUTDATED: run `presswatch store reindex`"}${layoutNote}), ${await store.count()} articles`,
        );
        console.log(
          `  layout: ${layout.shards} shard(s) per monthly index, ${layout.replicas} replica(s), refresh ${layout.refreshInterval}`,
        );
        return state.current ? 0 : 1;
      }
      case "reindex": {
        // The copy runs in the engine; its task id waits in Redis, so a rerun after an interruption
        // attaches to it.
        const redis = createRedis(redisTarget(env), "commands", "presswatch-reindex");
        const rps = integerOption(spec, values, "requests-per-second");
        if (rps === 0) throw usageError(spec, "--requests-per-second must be above 0");
        const result = await reindexArticles(client, env.INDEX_PREFIX, {
          log: (line) => console.error(line),
          memory: redisTaskMemory(redis, reindexTaskKey(env.QUEUE_PREFIX)),
          layout,
          ...(rps ? { requestsPerSecond: rps } : {}),
        }).finally(() => redis.disconnect());
        console.log(
          `copied ${result.copied} articles from ${result.from.join(", ")} to ${result.to}; the alias now reads ${result.to}`,
        );
        console.log(`the old indices ${result.from.join(", ")} are kept: delete them once satisfied`);
        return 0;
      }
      case "reanalyze": {
        // After a plan or model change: analyse again every article whose analysis is older.
        await store.ensureReady();
        const analyzer = await loadAnalyzer(env.PLAN_FILE, env.THEME_MODEL_FILE);
        // Coordinators' corrections outlive a new model: they are applied again on top of it.
        const corrections = createCorrectionStore(client, { prefix: env.INDEX_PREFIX });
        await corrections.ensureReady();
        const shown = progress("store reanalyze");
        shown.step(`re-analysing stored articles with analyzer ${analyzer.version}`);
        const result = await reanalyzeStored(
          outdatedArticles(client, store.alias, analyzer.version),
          analyzer,
          store,
          (done, failed) => shown.count(`${done} re-analysed, ${failed} failed`),
          (ids) => corrections.correctionsOf(ids),
        );
        shown.done();
        console.log(`${result.reanalyzed} articles re-analysed`);
        for (const failure of result.failed) console.error(`  ${failure.id}: ${failure.reason}`);
        return result.failed.length ? 1 : 0;
      }
    }
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`OpenSearch at ${env.OPENSEARCH_URL}: ${coerceError(error).message}`);
  } finally {
    await client.close();
  }
}
