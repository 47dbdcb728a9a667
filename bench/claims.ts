/**
 * Claim matching quality and speed on the labelled fixtures (tests/fixtures/claims): precision and
 * recall per set (dev was used while tuning, heldout was not), then articles matched per second.
 *
 *   npx tsx bench/claims.ts [--set dev|heldout|all] [--errors]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { compileClaims } from "../src/signals/claimMatch.ts";
import { evaluateClaimMatching, type LabelledText } from "../src/signals/claimMatchQuality.ts";
import { loadClaims } from "../src/signals/load.ts";
import { compileSignals, misinformationSignals } from "../src/signals/signals.ts";
import { percentile, printTable } from "./table.ts";

const { values } = parseArgs({
  options: { set: { type: "string", default: "all" }, errors: { type: "boolean", default: false } },
});
const sets = values.set === "all" ? ["dev", "heldout"] : [values.set];
const claims = await loadClaims("config/claims");
const index = compileClaims(claims);

function readSet(name: string): LabelledText[] {
  return readFileSync(`tests/fixtures/claims/${name}.jsonl`, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledText);
}

const rows: Array<Array<string | number>> = [];
const all: LabelledText[] = [];
for (const name of sets) {
  const items = readSet(name);
  all.push(...items);
  const result = evaluateClaimMatching(index, items);
  rows.push([
    name,
    result.items,
    result.positives,
    result.predicted,
    result.correct,
    result.precision.toFixed(3),
    result.recall.toFixed(3),
  ]);
  if (values.errors) for (const error of result.errors) console.log(`${name}: ${JSON.stringify(error)}`);
}
if (sets.length > 1) {
  const result = evaluateClaimMatching(index, all);
  rows.push([
    "all",
    result.items,
    result.positives,
    result.predicted,
    result.correct,
    result.precision.toFixed(3),
    result.recall.toFixed(3),
  ]);
}
console.log(`claim matching, ${claims.length} registered claims`);
printTable(["set", "texts", "spreading a claim", "predicted", "correct", "precision", "recall"], rows);

// Speed: the whole signal pass (claims, credibility, sensational) per article, texts padded to a
// typical article length by repeating unrelated sentences.
const signals = compileSignals({ claims });
const filler = readSet("dev")
  .filter((item) => item.label === null)
  .map((item) => item.text)
  .join(" ");
const articles = all.map((item) => ({ title: item.title, body: `${item.text} ${filler}`, outlet: "x" }));
const timings: number[] = [];
const started = performance.now();
for (let round = 0; round < 20; round++) {
  for (const article of articles) {
    const t0 = performance.now();
    misinformationSignals(article, { signals });
    timings.push(performance.now() - t0);
  }
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `\nsignal pass on ${articles.length} articles × 20 (≈${articles[0]!.body.length} characters each)`,
);
printTable(
  ["articles/s", "p50 ms", "p95 ms", "p99 ms"],
  [
    [
      Math.round(timings.length / seconds),
      percentile(timings, 50).toFixed(3),
      percentile(timings, 95).toFixed(3),
      percentile(timings, 99).toFixed(3),
    ],
  ],
);
