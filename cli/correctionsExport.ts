/**
 * `presswatch analyze corrections export [--out FILE]`: every stored correction, with its article's
 * text as indexed, one labelled example per line (src/analyze/correctionExamples.ts), for
 * `presswatch analyze train --corrections FILE`. Reads OPENSEARCH_URL and INDEX_PREFIX.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { correctionExample } from "../src/analyze/correctionExamples.ts";
import { parseEnv } from "../src/config/env.ts";
import { coerceError } from "../src/model/errors.ts";
import { loadPlan } from "../src/plan/load.ts";
import { createArticleStore } from "../src/store/articles.ts";
import { createSearchClient } from "../src/store/client.ts";
import { createCorrectionStore } from "../src/store/corrections.ts";
import { CliError } from "./errors.ts";

export async function exportCorrections(options: { out: string | null }): Promise<number> {
  const env = parseEnv();
  const plan = await loadPlan(env.PLAN_FILE);
  const client = createSearchClient({
    url: env.OPENSEARCH_URL,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
  });
  const articles = createArticleStore(client, { prefix: env.INDEX_PREFIX });
  const corrections = createCorrectionStore(client, { prefix: env.INDEX_PREFIX });
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  let written = 0;
  let missing = 0;
  try {
    for await (const page of corrections.all()) {
      const docs = new Map((await articles.getMany(page.map((c) => c.article_id))).map((d) => [d.id, d]));
      for (const correction of page) {
        const article = docs.get(correction.article_id);
        // An article removed from the index since: its text is gone, so is the example.
        if (!article) {
          missing++;
          continue;
        }
        const line = `${JSON.stringify(correctionExample(correction, article, plan.province.name))}\n`;
        if (!out.write(line)) await once(out, "drain");
        written++;
      }
    }
  } catch (error) {
    throw new CliError(`OpenSearch at ${env.OPENSEARCH_URL}: ${coerceError(error).message}`);
  } finally {
    await client.close();
    if (out !== process.stdout) await new Promise<void>((resolve) => out.end(resolve));
  }
  console.error(
    `exported ${written} corrections${options.out ? ` to ${options.out}` : ""}${missing ? ` (${missing} of articles no longer indexed left out)` : ""}`,
  );
  return 0;
}
