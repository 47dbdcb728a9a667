/**
 * `presswatch store init|status|reindex`: the article index behind its alias.
 * `reindex` copies everything into the index of the current mapping version and moves the alias.
 */
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadAnalyzer } from "../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../src/pipeline/reanalyze.ts";
import { createCorrectionStore } from "../../src/store/corrections.ts";
import { createArticleStore, createSearchClient, reindexArticles } from "../../src/store/index.ts";
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
        const result = await reindexArticles(client, env.INDEX_PREFIX, (line) => console.log(line));
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
        // Coordinators' corrections outlive a new model: they are applied again on top of it.
        const corrections = createCorrectionStore(client, { prefix: env.INDEX_PREFIX });
        await corrections.ensureReady();
        console.log(`re-analysing stored articles with analyzer ${analyzer.version}…`);
        const result = await reanalyzeStored(
          outdatedArticles(client, store.alias, analyzer.version),
          analyzer,
          store,
          (done, failed) => process.stdout.write(`\r  ${done} re-analysed, ${failed} failed`),
          (ids) => corrections.correctionsOf(ids),
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
