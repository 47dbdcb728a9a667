/**
 * `presswatch store init|status|reindex`: the monthly article indices behind their alias.
 * `reindex` copies everything into the monthly indices of the current mapping version.
 */
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadAnalyzer } from "../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../src/pipeline/reanalyze.ts";
import {
  createArticleStore,
  createSearchClient,
  layoutFromEnv,
  reindexArticles,
} from "../../src/store/index.ts";
import { outdatedArticles } from "../../src/store/outdatedArticles.ts";
import { CliError } from "../errors.ts";

const USAGE = "usage: presswatch store init | status | reindex | reanalyze";

export async function runStore(args: string[]): Promise<number> {
  const env = parseEnv();
  const client = createSearchClient({
    url: env.OPENSEARCH_URL,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
  });
  const layout = layoutFromEnv(env);
  const store = createArticleStore(client, { prefix: env.INDEX_PREFIX, layout });
  try {
    switch (args[0]) {
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
        const result = await reindexArticles(client, env.INDEX_PREFIX, (line) => console.log(line), layout);
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
