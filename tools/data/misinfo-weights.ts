/**
 * Fits the weights of the sourcing cues (src/signals/sourcing.ts) on the dev split of a labelled
 * misinformation set (tools/data/reintel.ts) and prints them: a two-class logistic regression
 * (src/analyze/linear.ts) over the cues present in each item, the sensational cues included so
 * the fitted weights are what a cue adds beside them. A coefficient β becomes the noisy-OR weight
 * 1 − e^−β (evidence for) or e^β − 1 (evidence against; it scales the score by e^β). The test
 * split is never read here.
 *
 *   npx tsx tools/data/misinfo-weights.ts [--set data/misinfo/reintel.jsonl]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { trainLinear } from "../../src/analyze/linear.ts";
import { parseEvalSet } from "../../src/signals/evalSet.ts";
import { SENSATIONAL_WEIGHTS, sensationalCues } from "../../src/signals/sensational.ts";
import { SOURCING_WEIGHTS, sourcingCues } from "../../src/signals/sourcing.ts";
import { prepareText } from "../../src/signals/text.ts";
import { DEFAULT_REINTEL_FILE } from "./reintel.ts";

const { values } = parseArgs({ options: { set: { type: "string", default: DEFAULT_REINTEL_FILE } } });
const dev = parseEvalSet(readFileSync(values.set, "utf8"), values.set).filter((item) => item.split === "dev");
const ones = <K extends string>(weights: Readonly<Record<K, number>>) =>
  Object.fromEntries(Object.keys(weights).map((kind) => [kind, 1])) as Record<K, number>;

const examples = dev.map((item) => {
  const parts = { title: item.title, body: item.body };
  const text = prepareText(`${item.title}\n${item.body}`);
  const kinds = [
    ...sensationalCues(parts, text, ones(SENSATIONAL_WEIGHTS)),
    ...sourcingCues(parts, text, ones(SOURCING_WEIGHTS)),
  ].map((cue) => cue.kind);
  return { x: new Map<string, number>(kinds.map((kind) => [kind, 1])), y: item.misinformation ? 1 : 0 };
});
const model = trainLinear(examples, {
  classes: ["reliable", "misinformation"],
  epochs: 200,
  l2: 1e-3,
  minDocs: 5,
  prune: 0,
  seed: 1,
});
const bias = model.bias[1]! - model.bias[0]!;
if (bias >= 0) throw new Error(`intercept ${bias}: misinformation is not the rarer class here`);
console.log(
  `dev: ${dev.length} items, ${examples.filter((e) => e.y === 1).length} misinformation; intercept b = ${bias.toFixed(3)}`,
);
console.log("cue                 docs  beta    weight");
for (const kind of Object.keys(SOURCING_WEIGHTS)) {
  const row = model.weights[kind];
  const docs = examples.filter((e) => e.x.has(kind)).length;
  if (!row) {
    console.log(`${kind.padEnd(18)} ${String(docs).padStart(5)}  (too rare to fit)`);
    continue;
  }
  const beta = row[1]! - row[0]!;
  const weight = beta >= 0 ? 1 - 2 ** (beta / bias) : 2 ** (-beta / bias) - 1;
  console.log(`${kind.padEnd(18)} ${String(docs).padStart(5)}  ${beta.toFixed(3).padStart(6)}  ${weight.toFixed(2).padStart(6)}`);
}
