/** Recognising a name qualified by another province: "Sở Y tế tỉnh Gia Lai", "Chủ tịch UBND tỉnh Gia Lai". */
import type { PreparedField } from "./document.ts";

const QUALIFIERS = new Set(["tinh", "thanh pho", "tp"]);

/**
 * True when a mention is qualified by a province other than the plan's: the mention ends with, or
 * is directly followed by, "tỉnh" / "thành phố" / "TP", and then comes a capitalised name that is
 * not one of the province's. Punctuation in between ends the qualifier ("Sở Công Thương, Ban…").
 */
export function qualifiedElsewhere(
  field: PreparedField,
  start: number,
  end: number,
  provinceKeys: string[][],
): boolean {
  const tokens = field.tokens;
  const adjacent = (i: number): boolean => {
    const token = tokens[i];
    const previous = tokens[i - 1];
    return (
      !!token &&
      !!previous &&
      !token.sentenceStart &&
      field.text.slice(previous.end, token.start).trim() === ""
    );
  };
  const folded = (from: number, to: number) =>
    tokens
      .slice(from, to)
      .map((t) => t.folded)
      .join(" ");
  let i = end;
  let qualified =
    QUALIFIERS.has(tokens[end - 1]!.folded) || (end - start >= 2 && QUALIFIERS.has(folded(end - 2, end)));
  if (!qualified && adjacent(i)) {
    if (adjacent(i + 1) && QUALIFIERS.has(folded(i, i + 2))) {
      qualified = true;
      i += 2;
    } else if (QUALIFIERS.has(tokens[i]!.folded)) {
      qualified = true;
      i += 1;
    }
  }
  if (!qualified || !adjacent(i) || tokens[i]!.number) return false;
  for (const keys of provinceKeys) {
    if (keys.every((key, k) => tokens[i + k]?.folded === key)) return false;
  }
  const first = tokens[i]!;
  return /^\p{Lu}/u.test(field.text.slice(first.start, first.end));
}
