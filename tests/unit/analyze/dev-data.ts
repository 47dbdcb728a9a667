/** The development sets in tests/fixtures/analysis, read and parsed for the tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  type DedupeFixture,
  dedupeFixtureSchema,
  type LabelledArticle,
  labelledArticleSchema,
  type ToneExample,
  toneExampleSchema,
} from "../../../src/analyze/devsetScores.ts";

export const FIXTURES = join(import.meta.dirname, "../../fixtures/analysis");

function jsonLines(path: string): unknown[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line));
}

export function labelledArticles(): LabelledArticle[] {
  const dir = join(FIXTURES, "themes");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".jsonl"))
    .sort()
    .flatMap((f) => jsonLines(join(dir, f)).map((x) => labelledArticleSchema.parse(x)));
}

export function toneExamples(): ToneExample[] {
  return jsonLines(join(FIXTURES, "tone.jsonl")).map((x) => toneExampleSchema.parse(x));
}

export function dedupeFixture(): DedupeFixture {
  return dedupeFixtureSchema.parse(JSON.parse(readFileSync(join(FIXTURES, "dedupe.json"), "utf8")));
}
