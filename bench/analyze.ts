/**
 * Throughput of `analyzeArticle` on one core for 800-word articles (goal: >= 500 articles/s).
 *
 *   npx tsx bench/analyze.ts [--seconds N]
 *
 * The articles are built from the synthetic development set (only their length and wording matter
 * here): each keeps an article's title and
 * lead, and its body is that article's body followed by the bodies of the next ones until it
 * reaches 800 words (space-separated syllables, as a word counter would count Vietnamese). The
 * same process runs everything, so it measures one core. Also times the near-duplicate fingerprint.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type ArticleInput, analyzeArticle, createAnalyzer } from "../src/analyze/analyze.ts";
import { fingerprintArticle } from "../src/analyze/dedupe.ts";
import { formatTable } from "../src/analyze/metrics.ts";
import { readModelFile } from "../src/pipeline/loadAnalyzer.ts";
import { loadPlan } from "../src/plan/load.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const WORDS = 800;
const secondsArg = process.argv.indexOf("--seconds");
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 3;

const plan = await loadPlan(join(ROOT, "config/plans/kon-tum-2024.yaml"));
// The shipped learned models (themes, tone, relevance), as the pipeline loads them.
const model = await readModelFile(join(ROOT, "config/models/analyzer.json.gz"));
const dir = join(ROOT, "tests/fixtures/analysis/themes");
const labelled: Array<{ title: string; lead: string; body: string }> = readdirSync(dir)
  .filter((f) => f.endsWith(".jsonl"))
  .sort()
  .flatMap((f) =>
    readFileSync(join(dir, f), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line)),
  );

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const articles: ArticleInput[] = labelled.map((a, i) => {
  const parts = [a.body];
  for (let j = i + 1; words(parts.join(" ")) < WORDS; j++) parts.push(labelled[j % labelled.length]!.body);
  const body = parts.join("\n").split(/\s+/).slice(0, WORDS).join(" ");
  return { title: a.title, lead: a.lead, body };
});
const meanWords = articles.reduce((n, a) => n + words(`${a.title} ${a.lead} ${a.body}`), 0) / articles.length;

function measure(run: (article: ArticleInput) => unknown): {
  n: number;
  seconds: number;
  cpuSeconds: number;
} {
  for (let i = 0; i < 1000; i++) run(articles[i % articles.length]!); // warm-up: let the JIT settle
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(SECONDS * 1e9));
  let n = 0;
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 50; k++) run(articles[(n + k) % articles.length]!);
    n += 50;
    now = process.hrtime.bigint();
  }
  const used = process.cpuUsage(cpu);
  return { n, seconds: Number(now - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

const vocabularyOnly = createAnalyzer(plan, null);
const withModel = createAnalyzer(plan, model);
const rows: Array<[string, number, number, number, number, number]> = [];
for (const [name, run] of [
  ["analyzeArticle, plan vocabulary only", (a: ArticleInput) => analyzeArticle(a, vocabularyOnly)],
  ["analyzeArticle, shipped learned models", (a: ArticleInput) => analyzeArticle(a, withModel)],
  ["near-duplicate fingerprint (MinHash)", (a: ArticleInput) => fingerprintArticle(a)],
] as const) {
  const { n, seconds, cpuSeconds } = measure(run);
  rows.push([name, n, Math.round(meanWords), n / seconds, n / cpuSeconds, (cpuSeconds * 1000) / n]);
}
const load = (await import("node:os")).loadavg()[0]!;
console.log(
  `one core (${process.version}), ${articles.length} distinct articles of ~${Math.round(meanWords)} words, ${SECONDS}s per row, load average ${load.toFixed(1)}`,
);
console.log(
  formatTable(
    ["what", "articles", "words/article", "articles/s (wall)", "articles/s (CPU)", "CPU ms/article"],
    rows,
  ),
);
console.log(
  "wall = articles per elapsed second; CPU = per second of this process's CPU time (what one free core would do).",
);
