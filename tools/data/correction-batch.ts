/**
 * Before and after a batch of coordinators' corrections, on the real labelled set's test split.
 *
 *   npx tsx tools/data/correction-batch.ts [--raw DIR] [--count 100] [--work DIR]
 *
 * Corrections are only ever made on TRAIN-split items; the test split is read only to score.
 * In each batch, the first `count` items (by id) whose primary theme or tone the model gets wrong
 * are indexed under a fresh prefix of the local OpenSearch node, corrected to their committed labels
 * (what was wrong: themes, tone) through the real API as a coordinator (the route the dashboard's
 * correction form calls, PUT /api/articles/:id/correction), and exported with
 * `presswatch analyze corrections export`.
 *
 * A. The shipped model, corrected on train items it gets wrong, retrained with
 *    `presswatch analyze train --corrections FILE`; a control is retrained without them.
 * B. A model trained without a third of the train split's stories (the articles coordinators will
 *    read), corrected on those it gets wrong, retrained with the corrections.
 *
 * The shipped model (config/models/analyzer.json.gz) is never written.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { appConfig, createDeps } from "../../api/context.ts";
import { buildServer } from "../../api/server.ts";
import { type Analyzer, analyzeArticle, createAnalyzer } from "../../src/analyze/analyze.ts";
import { parseCorrectionExamples, trainingOfCorrection } from "../../src/analyze/correctionExamples.ts";
import { fingerprint } from "../../src/analyze/hash.ts";
import type { LearnedModelData } from "../../src/analyze/learned.ts";
import { evaluateReal, type RealEvaluation, type RealItem } from "../../src/analyze/realSet.ts";
import { parseEnv } from "../../src/config/env.ts";
import type { ArticleDoc } from "../../src/model/article.ts";
import { readModelFile } from "../../src/pipeline/loadAnalyzer.ts";
import { toArticleDoc } from "../../src/pipeline/toArticleDoc.ts";
import { loadPlan } from "../../src/plan/load.ts";
import type { Plan } from "../../src/plan/schema.ts";
import { deleteKeys } from "../../src/queue/redisDump.ts";
import { createArticleStore } from "../../src/store/articles.ts";
import { newUserRecord } from "../../src/store/users.ts";
import { DEFAULT_RAW_DIR } from "./corpus.ts";
import {
  DEFAULT_MODEL_FILE,
  DEFAULT_PLAN,
  loadRealItems,
  provincePlans,
  TRAIN_NOTE,
  trainOnSplits,
  writeModel,
} from "./real-set.ts";

const ROOT = resolve(import.meta.dirname, "../..");

function articleOf(item: RealItem, plan: Plan, analyzer: ReturnType<typeof createAnalyzer>): ArticleDoc {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const id = sha(`correction-batch:${item.id}`).slice(0, 32);
  const url = `https://corpus.invalid/${encodeURI(item.path)}`;
  const analysis = analyzeArticle(item.input, analyzer);
  const hash = sha(`${item.input.title}\n${item.input.body}`);
  return toArticleDoc(
    {
      id,
      outlet_id: plan.outlets[0]!.id,
      source_id: "correction-batch",
      url,
      canonical_url: url,
      title: item.input.title ?? "",
      lead: item.input.lead ?? "",
      body: item.input.body ?? "",
      published_at: "2024-06-10T03:00:00.000Z",
      published_raw: null,
      language: "vi",
      fetched_at: "2024-06-10T03:05:00.000Z",
      content_hash: hash,
      snapshot: hash,
    },
    analysis,
    {
      outlet: plan.outlets[0],
      family: { family: id, original: id, isOriginal: true, demoted: null },
    },
  );
}

function cli(args: string[], env: Record<string, string>) {
  const run = spawnSync(process.execPath, [join(ROOT, "bin/presswatch.js"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`presswatch ${args.join(" ")} failed:\n${run.stderr}${run.stdout}`);
  process.stderr.write(run.stderr);
  return run.stdout;
}

function row(name: string, e: RealEvaluation): string {
  const rel = (k: string) => (e.relevance[k] ? e.relevance[k]!.accuracy.toFixed(3) : "–");
  return `| ${name} | ${e.themes.macroF1Plan.toFixed(3)} | ${e.themes.accuracy.toFixed(3)} | ${e.tone.accuracy.toFixed(3)} | ${e.agency.accuracy.toFixed(3)} (${e.agency.correct}/${e.agency.n}) | ${rel("gia_lai")} | ${rel("dak_lak")} |`;
}

type Chosen = Array<{ item: RealItem; fix: { themes?: string[]; tone?: string } }>;

/** The first `count` items (by id) whose primary theme or tone the analyzer gets wrong, with the fix. */
function wrongOnes(items: readonly RealItem[], analyzer: Analyzer, count: number): Chosen {
  const chosen: Chosen = [];
  for (const item of [...items].sort((a, b) => a.id.localeCompare(b.id))) {
    if (chosen.length >= count) break;
    const result = analyzeArticle(item.input, analyzer);
    const fix: { themes?: string[]; tone?: string } = {};
    if (result.primaryTheme !== item.themes[0]) fix.themes = [...new Set(item.themes)];
    if (result.tone.label !== item.tone) fix.tone = item.tone;
    if (fix.themes || fix.tone) chosen.push({ item, fix });
  }
  console.error(
    `chose ${chosen.length} items the model gets wrong (${chosen.filter((c) => c.fix.themes).length} primary theme, ${chosen.filter((c) => c.fix.tone).length} tone)`,
  );
  return chosen;
}

/**
 * Indexes the chosen items under a fresh prefix, corrects them through the real API as a
 * coordinator, exports the corrections with the CLI to `out`, and removes the prefix.
 */
async function correctAndExport(chosen: Chosen, plan: Plan, analyzer: Analyzer, out: string): Promise<void> {
  const prefix = `correction-batch-${Date.now().toString(36)}`;
  const env = parseEnv({ ...process.env, INDEX_PREFIX: prefix, QUEUE_PREFIX: prefix });
  const logger = pino({ level: "warn" }, new Writable({ write: (_c, _e, done) => done() }));
  const resources = await createDeps(env, logger);
  await resources.ready();
  const base = appConfig(env);
  const server = await buildServer(
    { deps: resources.deps, config: { ...base, rateLimit: { ...base.rateLimit, max: 100_000 } } },
    { logger, trustProxy: false },
  );
  await server.listen({ host: "127.0.0.1", port: 0 });
  const api = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const store = createArticleStore(resources.client, { prefix });
  try {
    const password = "correction batch — a coordinator's password";
    await resources.deps.users.create(
      await newUserRecord({ username: "coordinator", password, role: "coordinator", agency: null, createdBy: "correction-batch" }),
    );
    const docs = chosen.map((c) => articleOf(c.item, plan, analyzer));
    const indexed = await store.index(docs, { refresh: true });
    if (indexed.failed.length) throw new Error(`indexing failed: ${JSON.stringify(indexed.failed[0])}`);
    const login = await fetch(`${api}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "coordinator", password }),
    });
    const { token } = (await login.json()) as { token: string };
    for (const [i, { fix }] of chosen.entries()) {
      const response = await fetch(`${api}/api/articles/${docs[i]!.id}/correction`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(fix),
      });
      if (response.status !== 200) throw new Error(`correction ${docs[i]!.id}: ${response.status} ${await response.text()}`);
    }
    console.error(`${chosen.length} corrections made through PUT /api/articles/:id/correction`);
    cli(["analyze", "corrections", "export", "--out", out], { INDEX_PREFIX: prefix });
  } finally {
    await server.close();
    const listed = await resources.client.cat.indices({ index: `${prefix}-*`, format: "json" }, { ignore: [404] });
    for (const r of (listed.body as Array<{ index?: string }> | undefined) ?? [])
      if (r.index) await resources.client.indices.delete({ index: r.index }, { ignore: [404] });
    await resources.client.indices.deleteIndexTemplate({ name: `${prefix}-articles-template` }, { ignore: [404] });
    // Under the hash-tagged QUEUE_PREFIX (`{correction-batch-…}`), on every primary of a cluster.
    await deleteKeys(resources.deps.redis, env.QUEUE_PREFIX);
    await resources.close();
  }
}

const HEADER = [
  "| model | themes macro-F1 (7 plan themes) | primary theme acc | tone acc | agency acc | relevance Gia Lai | relevance Đắk Lắk |",
  "|---|---:|---:|---:|---:|---:|---:|",
];

async function main() {
  const { values } = parseArgs({
    options: {
      raw: { type: "string", default: DEFAULT_RAW_DIR },
      count: { type: "string", default: "100" },
      work: { type: "string" },
    },
  });
  const count = Number(values.count);
  const raw = resolve(values.raw);
  const work = values.work ? resolve(values.work) : await mkdtemp(join(tmpdir(), "presswatch-corrections-"));
  const plan = await loadPlan(DEFAULT_PLAN);
  const shipped = (await readModelFile(DEFAULT_MODEL_FILE)) as LearnedModelData;
  const items = loadRealItems(raw);
  const train = items.filter((i) => i.split === "train");
  const test = items.filter((i) => i.split === "test");
  const provinces = await provincePlans();
  const score = (model: LearnedModelData) => evaluateReal(createAnalyzer(plan, model), test, provinces, model);
  const read = async (file: string) => (await readModelFile(file)) as LearnedModelData;

  // A. The brief's batch: train-split items the shipped model gets wrong. The shipped model was
  // trained on them, so it gets few wrong, and a correction only repeats a label it already had.
  console.error("A. the shipped model, corrected on the train split it was trained on");
  const chosenA = wrongOnes(train, createAnalyzer(plan, shipped), count);
  const correctionsA = join(work, "corrections-shipped.jsonl");
  await correctAndExport(chosenA, plan, createAnalyzer(plan, shipped), correctionsA);
  const withA = join(work, "shipped-with-corrections.json.gz");
  const control = join(work, "control.json.gz");
  console.error(cli(["analyze", "train", "--raw", raw, "--corrections", correctionsA, "--out", withA], {}).trim());
  console.error(cli(["analyze", "train", "--raw", raw, "--out", control], {}).trim());

  // B. Articles the model has not seen, as in service: a third of the train split's stories is set
  // aside as "the articles coordinators read"; the model is trained without them, the coordinators
  // correct those it gets wrong, and it is trained again with the corrections.
  console.error("B. a model trained without a third of the train split's stories, corrected on them");
  const field = new Set(
    train.filter((i) => Number.parseInt(fingerprint(`field:${i.story}`).slice(0, 8), 16) % 3 === 0).map((i) => i.id),
  );
  const run = { plan: DEFAULT_PLAN, rawDir: raw, exclude: field };
  const note = `${TRAIN_NOTE}; without ${field.size} train items set aside for correction`;
  const before = await trainOnSplits(run, ["train", "dev"], note);
  const beforeFile = join(work, "unseen-before.json.gz");
  writeModel(beforeFile, before);
  const chosenB = wrongOnes(
    train.filter((i) => field.has(i.id)),
    createAnalyzer(plan, before),
    count,
  );
  const correctionsB = join(work, "corrections-unseen.jsonl");
  await correctAndExport(chosenB, plan, createAnalyzer(plan, before), correctionsB);
  const examples = parseCorrectionExamples(readFileSync(correctionsB, "utf8"), correctionsB);
  const after = await trainOnSplits(run, ["train", "dev"], `${note}; with ${examples.length} corrections`, examples.map(trainingOfCorrection));
  writeModel(join(work, "unseen-after.json.gz"), after);

  console.log(`\n## A. Test split (${test.length} items): the shipped model and ${chosenA.length} corrections of train items it got wrong\n`);
  console.log([...HEADER, row(`shipped (${shipped.id})`, score(shipped)), row(`retrained, no corrections (${(await read(control)).id})`, score(await read(control))), row(`retrained with the ${chosenA.length} corrections (${(await read(withA)).id})`, score(await read(withA)))].join("\n"));
  console.log(
    `\n## B. Test split (${test.length} items): trained without ${field.size} train items, then ${chosenB.length} of them corrected\n`,
  );
  console.log(
    [
      ...HEADER,
      row(`before: without the ${field.size} items (${before.id})`, score(before)),
      row(`after: with ${chosenB.length} corrections of them (${after.id})`, score(after)),
      row(`all ${field.size} items labelled (the shipped model, ${shipped.id})`, score(shipped)),
    ].join("\n"),
  );
  console.log(`\nfiles in ${work}`);
}

main().catch((error: Error) => {
  console.error(`correction-batch: ${error.stack ?? error.message}`);
  process.exit(1);
});
