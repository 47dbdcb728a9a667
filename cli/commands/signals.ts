/**
 * `presswatch signals eval --set FILE.jsonl [--config DIR]`: scores every item of a labelled
 * misinformation set (src/signals/evalSet.ts; e.g. ReINTEL laid out by tools/data/reintel.ts)
 * with the misinformation score the pipeline stores on an article (the configured claim registry
 * and credibility lists), and prints ROC-AUC and precision/recall at the flag threshold (the score
 * at which an article counts as flagged for spikes and rumours) for each split.
 */
import { readFile } from "node:fs/promises";
import { FLAGGED_SCORE } from "../../src/detect/keys.ts";
import { coerceError } from "../../src/model/errors.ts";
import { loadSignals, signalFiles } from "../../src/pipeline/loadSignals.ts";
import { EvalSetError, parseEvalSet } from "../../src/signals/evalSet.ts";
import { figuresBySplit, formatFigures, scoreItems } from "../../src/signals/evaluate.ts";
import { type CommandSpec, parseCommand, pickSubcommand, stringOption, usageError } from "../args.ts";
import { CliError } from "../errors.ts";

const SIGNALS = {
  name: "signals",
  summary: "The misinformation score measured on a labelled set.",
  subcommands: { eval: "ROC-AUC and precision/recall at the flag threshold, per split" },
};

const EVAL: CommandSpec = {
  name: "signals eval",
  summary:
    "Scores every item of a labelled misinformation set (JSON lines; e.g. ReINTEL laid out by tools/data/reintel.ts) with the pipeline's misinformation score and prints ROC-AUC and precision/recall at the flag threshold for each split.",
  usage: ["--set FILE.jsonl [--config DIR]"],
  options: {
    set: { type: "string", value: "FILE", help: "the labelled set (required)" },
    config: {
      type: "string",
      value: "DIR",
      help: "the claim registry and credibility lists (default CONFIG_DIR or config)",
    },
  },
};

export async function runSignals(args: string[]): Promise<number> {
  const { rest } = pickSubcommand(SIGNALS, args);
  const { values: parsed } = parseCommand(EVAL, rest);
  const values = { set: stringOption(parsed, "set"), config: stringOption(parsed, "config") };
  if (!values.set) throw usageError(EVAL, "--set FILE.jsonl is required");

  let text: string;
  try {
    text = await readFile(values.set, "utf8");
  } catch (error) {
    throw new CliError(
      `cannot read ${values.set}: ${(error as NodeJS.ErrnoException).code ?? coerceError(error).message}`,
    );
  }
  let items: ReturnType<typeof parseEvalSet>;
  try {
    items = parseEvalSet(text, values.set);
  } catch (error) {
    if (error instanceof EvalSetError) throw new CliError(error.message);
    throw error;
  }
  const configDir = values.config ?? process.env.CONFIG_DIR ?? "config";
  // No plan: the set's posts name no outlet, so the plan's outlet lists would not change a score.
  const { signalsOf, claimCount } = await loadSignals(signalFiles(configDir), { outlets: [] });
  const scored = scoreItems(items, (item) => signalsOf({ ...item, url: item.url ?? null }).score);
  console.log(`${values.set}: ${items.length} items, ${claimCount} registered claims from ${configDir}`);
  console.log(formatFigures(figuresBySplit(scored, FLAGGED_SCORE)));
  return 0;
}
