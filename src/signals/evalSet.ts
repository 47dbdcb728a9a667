/**
 * A labelled misinformation set as `presswatch signals eval` reads it: one JSON object a line,
 * laid out by a script under tools/data/ from a public set (the texts stay under data/, which is
 * not committed). `split` is fixed by the layout script (dev for development, test for figures).
 */
import { z } from "zod";

export const evalItemSchema = z.object({
  id: z.string().min(1),
  split: z.enum(["dev", "test"]),
  /** The set's own label: true when the item is misinformation / unreliable. */
  misinformation: z.boolean(),
  title: z.string(),
  body: z.string(),
  url: z.string().nullable().optional(),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

export class EvalSetError extends Error {}

/** Parses a JSON-lines set; a bad line is an error naming its line, never silently skipped. */
export function parseEvalSet(text: string, source = "set"): EvalItem[] {
  const items: EvalItem[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (!line.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new EvalSetError(`${source}:${index + 1}: not JSON`);
    }
    const parsed = evalItemSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new EvalSetError(`${source}:${index + 1}: ${issue?.path.join(".") || "item"}: ${issue?.message}`);
    }
    items.push(parsed.data);
  }
  if (!items.length) throw new EvalSetError(`${source}: no items`);
  return items;
}
