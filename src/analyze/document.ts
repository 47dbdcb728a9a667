/**
 * One article made ready for analysis: each field cleaned to canonical form (so NFD input and the
 * "hoà"/"hòa" spellings become the same text) and tokenised into syllables, plus whether the text
 * was typed without diacritics, which decides how vocabularies are matched.
 */
import { cleanText } from "../text/clean.ts";
import { diacriticShare, type Token, tokenize, UNMARKED_TEXT_SHARE } from "../text/tokens.ts";

export type Field = "title" | "lead" | "body";
export const FIELDS: readonly Field[] = ["title", "lead", "body"];

export interface ArticleInput {
  title?: string | null;
  lead?: string | null;
  body?: string | null;
  url?: string | null;
  published_at?: string | null;
  /** The plan outlet that published it, when the caller knows; otherwise found from the URL. */
  outlet?: string | null;
}

export interface PreparedField {
  field: Field;
  text: string;
  tokens: Token[];
}

export interface PreparedDocument {
  fields: PreparedField[];
  /** True when the article as a whole carries (almost) no diacritics. */
  unmarked: boolean;
  /** Letter tokens across all fields. */
  length: number;
}

export function prepareDocument(input: ArticleInput): PreparedDocument {
  const fields: PreparedField[] = [];
  const all: Token[] = [];
  for (const field of FIELDS) {
    const raw = input[field];
    const text = typeof raw === "string" ? cleanText(raw) : "";
    const tokens = tokenize(text);
    fields.push({ field, text, tokens });
    for (const token of tokens) all.push(token);
  }
  const length = all.reduce((n, token) => n + (token.number ? 0 : 1), 0);
  return { fields, unmarked: length > 0 && diacriticShare(all) < UNMARKED_TEXT_SHARE, length };
}

/** The text a match covers, as written in the (normalised) field. */
export function surface(field: PreparedField, start: number, end: number): string {
  const first = field.tokens[start];
  const last = field.tokens[end - 1];
  if (!first || !last) return "";
  return field.text.slice(first.start, last.end);
}
