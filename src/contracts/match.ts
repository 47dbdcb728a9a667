/**
 * Does one article count for one obligation? Pure checks, each with the reason it gives when it
 * fails: not the obligation's theme or column, the wrong kind of item, too short, a reprint of
 * another outlet's piece, not on the outlet's own site, not naming the province.
 */
import { foldDiacritics } from "../text/normalize.ts";
import type { DeliverableKind, Recognition } from "./schema.ts";
import type { Requirement } from "./specs.ts";

/** The fields of a stored article the evaluation reads (src/store's ArticleDoc has them all). */
export interface Candidate {
  id: string;
  outlet: string;
  url: string;
  canonical_url: string;
  title: string;
  lead: string;
  /** Full text; without it, only title and lead are searched for the province. */
  body?: string;
  section?: string | null;
  /** UTC ISO timestamp; null when the outlet printed no readable date. */
  published_at: string | null;
  themes: Array<{ id: string; score: number }>;
  primary_theme: string;
  word_count: number;
  cluster_id: string;
  is_original: boolean;
  snapshot?: string | null;
}

export type RejectionReason =
  | "outside_period"
  | "wrong_theme"
  | "wrong_kind"
  | "too_short"
  | "reprint"
  | "not_own_site"
  | "no_province_mention";

/** The original of a near-duplicate family, as the dedupe stage marked it. */
export interface FamilyOriginal {
  id: string;
  outlet: string;
}

export interface MatchContext {
  /** Domains of each outlet, from the plan. */
  outletDomains: ReadonlyMap<string, string[]>;
  /** cluster id → the family's original. */
  originals: ReadonlyMap<string, FamilyOriginal>;
}

export type MatchResult =
  | { counts: true; matched_by: Recognition }
  | { counts: false; reasons: RejectionReason[]; details: string[] };

/** A theme counts when it is the article's main theme or scored at least this. */
export const THEME_MIN_SCORE = 0.5;

export function matchCandidate(
  article: Candidate,
  requirement: Requirement,
  context: MatchContext,
): MatchResult {
  const reasons: RejectionReason[] = [];
  const details: string[] = [];
  const matchedBy = recognise(article, requirement);
  if (!matchedBy) {
    reasons.push("wrong_theme");
    details.push(
      `chủ đề ${article.primary_theme}${requirement.title_markers.length ? ", không có dấu hiệu chuyên mục" : ""}`,
    );
  }
  const kind = detectKind(article, matchedBy === "title_marker" || matchedBy === "section");
  if (!kindAccepted(kind, requirement.kind)) {
    reasons.push("wrong_kind");
    details.push(`loại ${kind}, cần ${requirement.kind}`);
  }
  if (requirement.min_words !== undefined && article.word_count < requirement.min_words) {
    reasons.push("too_short");
    details.push(`${article.word_count} chữ < ${requirement.min_words}`);
  }
  if (!requirement.allow_reprints) {
    const original = reprintOf(article, context.originals);
    if (original) {
      reasons.push("reprint");
      details.push(`bản gốc của ${original.outlet} (${original.id})`);
    }
  }
  if (requirement.own_site) {
    const domains = context.outletDomains.get(article.outlet) ?? [];
    const host = hostOf(article.url);
    if (domains.length > 0 && !(host && onDomains(host, domains))) {
      reasons.push("not_own_site");
      details.push(`đăng tại ${host ?? article.url}`);
    }
  }
  if (requirement.mention_terms && !mentionsAny(article, requirement.mention_terms)) {
    reasons.push("no_province_mention");
    details.push(`không có: ${requirement.mention_terms.join(", ")}`);
  }
  if (reasons.length === 0 && matchedBy) return { counts: true, matched_by: matchedBy };
  return { counts: false, reasons, details };
}

/** How the article is recognised as the obligation's item, in order of strength; null if not. */
export function recognise(article: Candidate, requirement: Requirement): Recognition | null {
  const by = new Set(requirement.recognize_by);
  if (by.has("title_marker") && requirement.title_markers.length > 0) {
    const text = fold(`${article.title}\n${article.lead}`);
    if (requirement.title_markers.some((marker) => containsPhrase(text, fold(marker)))) return "title_marker";
  }
  if (by.has("section") && article.section && requirement.sections.length > 0) {
    const section = fold(article.section);
    if (requirement.sections.some((name) => containsPhrase(section, fold(name)))) return "section";
  }
  if (by.has("theme") && onTheme(article, requirement.themes)) return "theme";
  return null;
}

export function onTheme(article: Candidate, themes: string[]): boolean {
  if (themes.length === 0) return true;
  if (themes.includes(article.primary_theme)) return true;
  return article.themes.some((t) => themes.includes(t.id) && t.score >= THEME_MIN_SCORE);
}

/**
 * The kind of item, from what the page says about itself: infographics and videos announce
 * themselves in the title, the section or the address; an item recognised by a column's marker is
 * that column; everything else is an article.
 */
export function detectKind(article: Candidate, isColumn: boolean): DeliverableKind {
  const title = fold(article.title);
  const section = fold(article.section ?? "");
  const path = pathOf(article.url);
  if (/\binfographics?\b|\bemagazine\b/.test(`${title} ${section}`) || /\bdo hoa\b/.test(section)) {
    return "infographic";
  }
  if (/infographic|do-hoa/.test(path)) return "infographic";
  // A title announces a video at its start ("[Video] …", "Video: …"); a section by its name.
  if (/^\W*(video|clip|phong su)\b/.test(title) || /\b(video|clip|phong su|truyen hinh)\b/.test(section)) {
    return "video";
  }
  if (/\/(video|videos|clip|tv|truyen-hinh)\//.test(path)) return "video";
  return isColumn ? "column" : "article";
}

function kindAccepted(kind: DeliverableKind, wanted: Requirement["kind"]): boolean {
  if (wanted === "any") return true;
  if (wanted === "article") return kind === "article" || kind === "column";
  return kind === wanted;
}

/** The original of another outlet that this article copies, if it is such a copy. */
export function reprintOf(
  article: Candidate,
  originals: ReadonlyMap<string, FamilyOriginal>,
): FamilyOriginal | null {
  if (article.is_original) return null;
  const original = originals.get(article.cluster_id);
  // An unknown original (not indexed) cannot be said to be another outlet's: the copy counts.
  if (!original || original.id === article.id || original.outlet === article.outlet) return null;
  return original;
}

function mentionsAny(article: Candidate, terms: string[]): boolean {
  const text = fold(`${article.title}\n${article.lead}\n${article.body ?? ""}`);
  return terms.some((term) => containsPhrase(text, fold(term)));
}

function fold(text: string): string {
  return foldDiacritics(text).replace(/\s+/g, " ");
}

/** `phrase` in `text` between word boundaries (both already folded). */
function containsPhrase(text: string, phrase: string): boolean {
  const needle = phrase.trim();
  if (!needle) return false;
  let from = 0;
  for (;;) {
    const at = text.indexOf(needle, from);
    if (at < 0) return false;
    const before = at === 0 ? "" : text[at - 1];
    const after = text[at + needle.length] ?? "";
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = at + 1;
  }
}

function isWordChar(char: string | undefined): boolean {
  return !!char && /[\p{L}\p{N}]/u.test(char);
}

export function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname.toLowerCase();
  } catch {
    return "";
  }
}

/** The host is one of the domains or a subdomain of one. */
export function onDomains(host: string, domains: string[]): boolean {
  return domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}
