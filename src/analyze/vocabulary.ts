/**
 * The plan's theme vocabulary applied to an article: every term found, in which field, how often,
 * and what it adds to its theme. Title and lead weigh more than the body; repeats add less and less.
 */
import type { Plan } from "../plan/schema.ts";
import type { Field, PreparedDocument } from "./document.ts";
import { surface } from "./document.ts";
import { addPhrase, type DualMatcher, dualMatcher } from "./lexicon.ts";

export const FIELD_WEIGHT: Readonly<Record<Field, number>> = { title: 3, lead: 2, body: 1 };

interface TermEntry {
  theme: string;
  term: string;
  weight: number;
}

export interface CompiledVocabulary {
  themes: string[];
  matcher: DualMatcher<TermEntry>;
}

export function compileVocabulary(plan: Plan): CompiledVocabulary {
  const matcher = dualMatcher<TermEntry>();
  for (const theme of plan.themes) {
    for (const term of theme.terms)
      addPhrase(matcher, term.text, { theme: theme.id, term: term.text, weight: term.weight });
  }
  return { themes: plan.themes.map((t) => t.id), matcher };
}

export interface TermEvidence {
  term: string;
  /** As written in the article (first occurrence). */
  text: string;
  weight: number;
  counts: Partial<Record<Field, number>>;
  contribution: number;
}

export interface VocabularyScores {
  /** Raw weighted score per theme id. */
  scores: Record<string, number>;
  evidence: Record<string, TermEvidence[]>;
}

export function scoreVocabulary(vocabulary: CompiledVocabulary, doc: PreparedDocument): VocabularyScores {
  const matcher = doc.unmarked ? vocabulary.matcher.folded : vocabulary.matcher.exact;
  const byTerm = new Map<TermEntry, TermEvidence>();
  for (const field of doc.fields) {
    for (const match of matcher.match(field.tokens)) {
      for (const entry of match.values) {
        let evidence = byTerm.get(entry);
        if (!evidence) {
          evidence = {
            term: entry.term,
            text: surface(field, match.start, match.end),
            weight: entry.weight,
            counts: {},
            contribution: 0,
          };
          byTerm.set(entry, evidence);
        }
        evidence.counts[field.field] = (evidence.counts[field.field] ?? 0) + 1;
      }
    }
  }
  const scores: Record<string, number> = {};
  const evidence: Record<string, TermEvidence[]> = {};
  for (const theme of vocabulary.themes) {
    scores[theme] = 0;
    evidence[theme] = [];
  }
  for (const [entry, item] of byTerm) {
    let contribution = 0;
    for (const [field, count] of Object.entries(item.counts) as Array<[Field, number]>) {
      contribution += entry.weight * FIELD_WEIGHT[field] * (1 + Math.log(count));
    }
    item.contribution = round(contribution);
    scores[entry.theme] = (scores[entry.theme] ?? 0) + contribution;
    const list = evidence[entry.theme] ?? [];
    list.push(item);
    evidence[entry.theme] = list;
  }
  for (const theme of vocabulary.themes) {
    evidence[theme]!.sort((a, b) => b.contribution - a.contribution || a.term.localeCompare(b.term));
  }
  return { scores, evidence };
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
