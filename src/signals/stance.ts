/**
 * Does a text assert what it talks about? A correction repeats the rumour's words ("thông tin thu
 * hồi toàn bộ đất ở Măng Đen là sai sự thật"), so matching alone would flag the correction itself;
 * a drill describes the very disaster a false alarm announces ("diễn tập ứng phó sự cố vỡ đập").
 * Cues, all on folded syllables: a refutation phrase anywhere in the text, a negation ("không có",
 * "không hề") just before one of the claim's key terms, or a drill or scenario phrase.
 */
import { foldedPhrase, type PreparedText } from "./text.ts";

/** Phrases that mark a text as correcting or warning against false information. */
export const REFUTATION_PHRASES: readonly string[] = [
  "sai sự thật",
  "không đúng sự thật",
  "không đúng với sự thật",
  "không chính xác",
  "bác bỏ",
  "bác tin",
  "tin đồn thất thiệt",
  "thông tin thất thiệt",
  "tin thất thiệt",
  "tin giả",
  "thông tin giả",
  "thông tin sai lệch",
  "thông tin sai",
  "tung tin",
  "đăng tin sai",
  "bịa đặt",
  "xuyên tạc",
  "mạo danh",
  "giả mạo",
  "cảnh báo lừa đảo",
  "thủ đoạn lừa đảo",
  "chiêu lừa",
  "cảnh giác",
  "đề phòng",
  "không hoang mang",
  "đừng hoang mang",
  "đính chính",
  "cải chính",
  "khẳng định không",
  "không có chuyện",
  "không có việc",
  "không có chủ trương",
  "không có kế hoạch",
  "không có quyết định",
  "không có thông báo",
  "không có bất kỳ",
  "hoàn toàn không",
];

/** Phrases of official reassurance that deny a disruption ("vẫn hoạt động bình thường"). */
const REASSURANCE_PHRASES: readonly string[] = [
  "hoạt động bình thường",
  "diễn ra bình thường",
  "vận hành an toàn",
  "vận hành bình thường",
];

/**
 * Phrases that make a text about a drill or a scenario, not an event. Matching is on folded text,
 * so bare "giả định" is left out: folded, it is "gia đình" (family), in countless real rumours
 * ("nhắn ngay cho gia đình").
 */
export const HYPOTHETICAL_PHRASES: readonly string[] = [
  "diễn tập",
  "tình huống giả định",
  "giả định rằng",
  "kịch bản giả định",
  "kịch bản",
  "phương án ứng phó",
];

/** Negations that, just before a key term, deny it ("không có dịch", "chưa hề thu hồi"). */
const NEGATIONS: readonly string[] = [
  "không có",
  "không hề",
  "chưa hề",
  "chưa có",
  "không phải",
  "không xảy ra",
];
// Syllables allowed between the negation and the key term: "không có [chủ trương] thu hồi".
const NEGATION_WINDOW = 2;

const FOLDED_REFUTATIONS = [...REFUTATION_PHRASES, ...REASSURANCE_PHRASES].map(foldedPhrase);
const FOLDED_HYPOTHETICAL = HYPOTHETICAL_PHRASES.map(foldedPhrase);
const FOLDED_NEGATIONS = NEGATIONS.map((phrase) => foldedPhrase(phrase).trim().split(" "));

export type StanceKind = "asserts" | "refutes" | "hypothetical";

export interface Stance {
  stance: StanceKind;
  /** The cues found, as folded phrases. */
  cues: string[];
}

/** Refutation phrases found anywhere in the text. */
export function refutationCues(text: PreparedText): string[] {
  return FOLDED_REFUTATIONS.filter((phrase) => text.joined.includes(phrase)).map((phrase) => phrase.trim());
}

/**
 * Key terms that follow a negation within a few syllables ("không có [chủ trương] thu hồi").
 * `keyTerms` are folded phrases as `foldedPhrase` returns them. Negations are rare, so they are
 * found first and only the syllables after each are compared with the terms.
 */
export function negatedTerms(text: PreparedText, keyTerms: readonly string[]): string[] {
  const syllables = text.syllables;
  const after: number[] = []; // where a negated phrase may start: just after a negation, up to the window
  for (let i = 0; i < syllables.length; i++) {
    if (syllables[i] !== "khong" && syllables[i] !== "chua") continue;
    for (const negation of FOLDED_NEGATIONS) {
      if (startsAt(syllables, i, negation)) after.push(i + negation.length);
    }
  }
  if (after.length === 0) return [];
  const found: string[] = [];
  for (const term of keyTerms) {
    const words = term.trim().split(" ");
    if (words.length === 0 || isNegationTerm(words)) continue;
    const hit = after.some((start) => {
      for (let at = start; at <= start + NEGATION_WINDOW; at++)
        if (startsAt(syllables, at, words)) return true;
      return false;
    });
    if (hit) found.push(term.trim());
  }
  return found;
}

/** A key term that is itself a negation ("không bồi thường") cannot be negated. */
function isNegationTerm(words: readonly string[]): boolean {
  return words[0] === "khong" || words[0] === "chua";
}

function startsAt(syllables: readonly string[], at: number, words: readonly string[]): boolean {
  for (let j = 0; j < words.length; j++) if (syllables[at + j] !== words[j]) return false;
  return true;
}

/** Refutation wins over a scenario: a drill held "to counter false rumours" still refutes. */
export function stanceOf(text: PreparedText, keyTerms: readonly string[] = []): Stance {
  const refuting = [
    ...refutationCues(text),
    ...negatedTerms(text, keyTerms).map((term) => `negated: ${term}`),
  ];
  if (refuting.length) return { stance: "refutes", cues: refuting };
  const hypothetical = FOLDED_HYPOTHETICAL.filter((phrase) => text.joined.includes(phrase)).map((p) =>
    p.trim(),
  );
  if (hypothetical.length) return { stance: "hypothetical", cues: hypothetical };
  return { stance: "asserts", cues: [] };
}
