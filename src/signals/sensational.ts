/**
 * Sensational writing: clickbait markers, shouting in capitals, calls to share urgently, and
 * phrasing that rests on an unverified source. Each cue is a reason with its own weight.
 *
 * Single-syllable markers ("nóng", "sốc") are only read as a tag at the start of a title
 * ("NÓNG:", "[Sốc]"), with their diacritics: folded, "nong" is also "nông" (farming) and a body
 * says "nắng nóng" (a heat wave). Multi-syllable phrases are searched folded anywhere.
 */
import { foldedPhrase, type PreparedText } from "./text.ts";

export type SensationalKind =
  | "clickbait"
  | "all_caps"
  | "share_urgently"
  | "unverified_source"
  | "exclamations";

export interface SensationalCue {
  kind: SensationalKind;
  detail: string;
  weight: number;
}

export const SENSATIONAL_WEIGHTS: Readonly<Record<SensationalKind, number>> = {
  clickbait: 0.15,
  all_caps: 0.15,
  share_urgently: 0.2,
  unverified_source: 0.2,
  exclamations: 0.05,
};

// A tag opening a title, with or without diacritics: "NÓNG:", "[Sốc]", "Khẩn cấp!", "HOT -".
const TITLE_TAG =
  /^\s*[[(【]?\s*(nóng|sốc|khẩn|khẩn cấp|hot|tin nóng|cực nóng|báo động|gấp|nong|soc|khan cap|bao dong)\s*(?:[\])】:!|–-]|$)/iu;

const CLICKBAIT = [
  "sự thật về",
  "sự thật đằng sau",
  "không thể tin nổi",
  "không thể tin được",
  "không ai ngờ",
  "rúng động",
  "chấn động",
  "rùng mình",
  "bàng hoàng",
  "hé lộ",
  "xem ngay",
  "đọc ngay",
  "trước khi bị xóa",
  "trước khi bị gỡ",
  "cực kỳ nguy hiểm",
  "gây phẫn nộ",
].map(foldedPhrase);

const SHARE_URGENTLY = [
  "chia sẻ gấp",
  "chia sẻ ngay",
  "hãy chia sẻ",
  "share gấp",
  "share ngay",
  "share cho",
  "lan tỏa gấp",
  "cho mọi người cùng biết",
  "cho bà con biết",
  "báo cho người thân",
].map(foldedPhrase);

const UNVERIFIED = [
  "nghe nói",
  "nghe đồn",
  "nghe bảo",
  "theo một nguồn tin chưa kiểm chứng",
  "nguồn tin chưa kiểm chứng",
  "chưa được kiểm chứng",
  "nguồn tin giấu tên",
  "nguồn tin riêng",
  "tin nội bộ",
  "rò rỉ",
  "người nhà làm",
  "người quen làm",
  "bạn tôi làm",
].map(foldedPhrase);

/** Share of upper-case letters among the letters of a string, and how many letters. */
function capitals(text: string): { share: number; letters: number } {
  let letters = 0;
  let upper = 0;
  for (const char of text) {
    const lower = char.toLowerCase();
    const upperCase = char.toUpperCase();
    if (lower === upperCase) continue; // not a cased letter
    letters++;
    if (char === upperCase) upper++;
  }
  return { share: letters ? upper / letters : 0, letters };
}

// A run of five or more capitalised words in a body ("ĐẬP ĐÃ VỠ RỒI BÀ CON ƠI"); acronyms come
// in ones and twos ("UBND tỉnh").
const CAPS_RUN = /(?:^|\s)(?:\p{Lu}[\p{Lu}\p{M}]*\s+){4,}\p{Lu}[\p{Lu}\p{M}]*(?=\s|$|[.,!?:])/u;

export function sensationalCues(
  parts: { title: string; body: string },
  text: PreparedText,
  weights: Readonly<Record<SensationalKind, number>> = SENSATIONAL_WEIGHTS,
): SensationalCue[] {
  const cues: SensationalCue[] = [];
  const found = (phrases: readonly string[]) =>
    phrases.filter((phrase) => phrase && text.joined.includes(phrase)).map((phrase) => phrase.trim());

  const tag = TITLE_TAG.exec(parts.title) ?? TITLE_TAG.exec(parts.body.slice(0, 40));
  const clickbait = [...(tag ? [`title tag "${tag[1]}"`] : []), ...found(CLICKBAIT)];
  if (clickbait.length)
    cues.push({ kind: "clickbait", detail: clickbait.join(", "), weight: weights.clickbait });

  const title = capitals(parts.title);
  if (title.letters >= 12 && title.share >= 0.7) {
    cues.push({ kind: "all_caps", detail: "title in capitals", weight: weights.all_caps });
  } else if (CAPS_RUN.test(parts.body)) {
    cues.push({ kind: "all_caps", detail: "a run of words in capitals", weight: weights.all_caps });
  }

  const share = found(SHARE_URGENTLY);
  if (share.length)
    cues.push({ kind: "share_urgently", detail: share.join(", "), weight: weights.share_urgently });

  const unverified = found(UNVERIFIED);
  if (unverified.length)
    cues.push({
      kind: "unverified_source",
      detail: unverified.join(", "),
      weight: weights.unverified_source,
    });

  const bangs =
    /!{3,}/.test(parts.title) || /!{3,}/.test(parts.body) || (parts.title.match(/!/g)?.length ?? 0) >= 2;
  if (bangs)
    cues.push({ kind: "exclamations", detail: "repeated exclamation marks", weight: weights.exclamations });
  return cues;
}
