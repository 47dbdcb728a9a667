/**
 * `presswatch store init|status|reindex`: the article index behind its alias.
 * `reindex` copies everything into the index of the current mapping version and moves the alias.
 */
import { parseEnv } from "../../src/config/env.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadAnalyzer } from "../../src/pipeline/loadAnalyzer.ts";
import { reanalyzeStored } from "../../src/pipeline/reanalyze.ts";
import {
  createArticleStore,
  createSearchClient,
  reindexArticles,
  searchOptions,
} from "../../src/store/index.ts";
import { outdatedArticles } from "../../src/store/outdatedArticles.ts";
import { parseCommand, pickSubcommand } from "../args.ts";
import { CliError } from "../errors.ts";
import { progress } from "../progress.ts";

const STORE = {
  name: "store",
  summary: "The article index behind its alias (INDEX_PREFIX-articles) in OpenSearch.",
  subcommands: {
    init: "create the index and its alias if missing; same output as status",
    status: "the index the alias points to, its mapping version and article count (exit 1 when outdated)",
    reindex: "copy every article into an index of the current mapping and move the alias (after an upgrade)",
    reanalyze: "analyse again every article analysed by an older analyzer (after a plan or model change)",
  },
};

export async function runStore(args: string[]): Promise<number> {
  const { subcommand, rest } = pickSubcommand(STORE, args);
  parseCommand(
    {
      name: `store ${subcommand}`,
      summary: STORE.subcommands[subcommand],
      usage: [""],
      options: {},
      notes: [
        "Reads OPENSEARCH_URL (and its credentials and CA), INDEX_PREFIX, PLAN_FILE, THEME_MODEL_FILE.",
      ],
    },
    rest,
  );
  const env = parseEnv();
  const client = createSearchClient(searchOptions(env));
  const store = createArticleStore(client, { prefix: env.INDEX_PREFIX });
  try {
    switch (subcommand) {
      case "init":
      case "status": {
        const state = await store.ensureReady();
        console.log(
          `${state.alias} → ${state.index} (mapping version ${state.version}${state.current ? ", current" : ", OUTDATED: run `presswatch store reindex`"}), ${await store.count()} articles`,
        );
        return state.current ? 0 : 1;
      }
      case "reindex": {
        const result = await reindexArticles(client, env.INDEX_PREFIX, (line) => console.error(line));
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
        const shown = progress("store reanalyze");
        shown.step(`re-analysing stored articles with analyzer ${analyzer.version}`);
        const result = await reanalyzeStored(
          outdatedArticles(client, store.alias, analyzer.version),
          analyzer,
          store,
          (done, failed) => shown.count(`${done} re-analysed, ${failed} failed`),
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
