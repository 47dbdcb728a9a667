/**
 * The analyzer's learned models, as shipped in one file (config/models/analyzer.json, made by
 * `presswatch analyze train` from the real labelled set): themes and tone, both bound to the plan
 * they were trained for, and relevance, which reads only where and how the province is named and
 * so serves any plan.
 *
 * A theme model knows its plan's theme ids and reads its plan's vocabulary as features, so it is
 * valid only for that plan: given another plan (or the same plan edited), the analyzer falls back
 * to the vocabulary and the tone lexicon and says so in `warnings`, which the loader logs.
 */
import { z } from "zod";
import type { Plan } from "../plan/schema.ts";
import { type CompiledLinear, compileLinear, linearModelSchema } from "./linear.ts";
import { planFingerprint } from "./version.ts";

export const LEARNED_FORMAT = "presswatch-analyzer/2";

export const learnedModelSchema = z.object({
  format: z.literal(LEARNED_FORMAT),
  id: z.string(),
  trained_at: z.string(),
  note: z.string().optional(),
  /** The plan the theme and tone models were trained for. */
  plan: z.object({ id: z.string(), fingerprint: z.string() }),
  examples: z.record(z.string(), z.number().int().nonnegative()),
  themes: linearModelSchema,
  tone: linearModelSchema,
  /** Classes ["no", "yes"]; plan-independent. */
  relevance: linearModelSchema.optional(),
  settings: z
    .object({
      /** A theme beside the primary is reported from this probability. */
      secondaryFrom: z.number(),
    })
    .default({ secondaryFrom: 0.3 }),
});
export type LearnedModelData = z.infer<typeof learnedModelSchema>;

export interface CompiledLearned {
  id: string;
  themes: CompiledLinear | null;
  tone: CompiledLinear | null;
  relevance: CompiledLinear | null;
  secondaryFrom: number;
  /** Why a part of the model is not used with this plan. */
  warnings: string[];
}

export function parseLearnedModel(value: unknown): LearnedModelData {
  const parsed = learnedModelSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`not a ${LEARNED_FORMAT} model: ${issue?.path.join(".") || "(root)"}: ${issue?.message}`);
  }
  return parsed.data;
}

export function compileLearned(data: LearnedModelData, plan: Plan): CompiledLearned {
  const warnings: string[] = [];
  const fingerprint = planFingerprint(plan);
  let bound = true;
  if (data.plan.id !== plan.id) {
    bound = false;
    warnings.push(
      `model ${data.id} was trained for plan ${data.plan.id}, not ${plan.id}: themes and tone fall back to the plan vocabulary and the tone lexicon (train a model for this plan with 'presswatch analyze train --plan …')`,
    );
  } else if (data.plan.fingerprint !== fingerprint) {
    bound = false;
    warnings.push(
      `model ${data.id} was trained for another version of plan ${plan.id} (${data.plan.fingerprint}, now ${fingerprint}): themes and tone fall back to the plan vocabulary and the tone lexicon until it is retrained`,
    );
  }
  const planThemes = new Set(plan.themes.map((t) => t.id));
  const unknown = data.themes.classes.filter((c) => !planThemes.has(c));
  if (bound && unknown.length > 0) {
    bound = false;
    warnings.push(
      `model ${data.id} knows themes the plan lacks (${unknown.join(", ")}): themes fall back to the vocabulary`,
    );
  }
  return {
    id: data.id,
    themes: bound ? compileLinear(data.themes) : null,
    tone: bound ? compileLinear(data.tone) : null,
    relevance: data.relevance ? compileLinear(data.relevance) : null,
    secondaryFrom: data.settings.secondaryFrom,
    warnings,
  };
}
