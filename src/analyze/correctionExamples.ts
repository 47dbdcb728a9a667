/**
 * Coordinators' corrections as labelled examples: the line `presswatch analyze corrections export`
 * writes (the shape of tests/fixtures/analysis/real/labels.jsonl, with the text included, since a
 * corrected article is not in any corpus), and what `presswatch analyze train --corrections FILE`
 * learns from it. Only what a person set is learned: a correction of the tone alone is no evidence
 * about the themes, which stay the analyzer's guess. Pure.
 */
import { z } from "zod";
import type { ArticleDoc } from "../model/article.ts";
import type { ArticleCorrection } from "../model/correction.ts";
import { foldDiacritics } from "../text/normalize.ts";
import type { ArticleInput } from "./document.ts";

const TONES = ["negative", "neutral", "positive"] as const;

export const correctionExampleSchema = z.object({
  id: z.string().min(1),
  /** Where the article was read (its URL): the example's reference. */
  path: z.string(),
  stratum: z.literal("correction"),
  /** Corrections are only ever trained on. */
  split: z.literal("train"),
  story: z.string(),
  themes: z.array(z.string()).min(1),
  tone: z.enum(TONES),
  /** "<agency id>@<province>", as in the real set's labels. */
  agencies: z.array(z.string()),
  relevance: z.record(z.string(), z.boolean()),
  note: z.string().optional(),
  /** Which of the labels a person set; the others are the analyzer's and are not learned. */
  corrected: z.array(z.enum(["themes", "tone", "agency", "relevant"])).min(1),
  corrected_by: z.string(),
  corrected_at: z.string(),
  article_id: z.string(),
  text: z.object({ title: z.string(), lead: z.string(), body: z.string() }),
});
export type CorrectionExample = z.infer<typeof correctionExampleSchema>;

/** The key a province's relevance is labelled under ("Đắk Lắk" → "dak_lak"). */
export function provinceKey(name: string): string {
  return foldDiacritics(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/** The export line of one corrected article (the article as indexed, corrections applied). */
export function correctionExample(
  correction: ArticleCorrection,
  article: ArticleDoc,
  province: string,
): CorrectionExample {
  const { fields } = correction;
  const relevant = fields.relevant ?? article.relevance >= 0.5;
  return {
    id: `correction-${article.id}`,
    path: article.url,
    stratum: "correction",
    split: "train",
    story: article.story_id,
    themes: fields.themes ?? article.themes.map((theme) => theme.id),
    tone: fields.tone ?? article.tone.label,
    agencies: (fields.agency === undefined
      ? article.agencies.slice(0, 1)
      : fields.agency
        ? [fields.agency]
        : []
    ).map((agency) => `${agency}@${province}`),
    relevance: { [provinceKey(province)]: relevant },
    ...(correction.note ? { note: correction.note } : {}),
    corrected: (["themes", "tone", "agency", "relevant"] as const).filter(
      (field) => fields[field] !== undefined,
    ),
    corrected_by: correction.by,
    corrected_at: correction.at,
    article_id: article.id,
    text: { title: article.title, lead: article.lead, body: article.body },
  };
}

/** What training takes from an example: only the labels a person set. */
export interface CorrectionTraining {
  input: ArticleInput;
  themes?: string[];
  tone?: (typeof TONES)[number];
  relevance?: Record<string, boolean>;
}

export function trainingOfCorrection(example: CorrectionExample): CorrectionTraining {
  const set = new Set(example.corrected);
  return {
    input: example.text,
    ...(set.has("themes") ? { themes: example.themes } : {}),
    ...(set.has("tone") ? { tone: example.tone } : {}),
    ...(set.has("relevant") ? { relevance: example.relevance } : {}),
  };
}

/** Parses an export file; a bad line is reported with its number. */
export function parseCorrectionExamples(text: string, file: string): CorrectionExample[] {
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => line.length > 0)
    .map(({ line, n }) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${n}: invalid JSON: ${(error as Error).message}`);
      }
      const parsed = correctionExampleSchema.safeParse(value);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`${file}:${n}: ${issue?.path.join(".") || "line"}: ${issue?.message ?? "invalid"}`);
      }
      return parsed.data;
    });
}
