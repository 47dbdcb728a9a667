/**
 * Lays out the real-text stream of the end-to-end bench (bench/e2e.ts --web real): real Vietnamese
 * news from VNTC and TC201805 (tools/data/corpus.ts; every document naming Kon Tum dropped by the
 * shared filter), re-dated onto a week of a provincial monitoring stream:
 *
 * - mostly distinct stories, each its own corpus document;
 * - about 15% syndicated copies of an earlier article on another outlet, within hours: a new
 *   headline (a prefix, a clause dropped, words swapped), a byline ("Theo …" at the end or
 *   "(Outlet) - " before the lead), sometimes the last paragraphs trimmed;
 * - about 3% same-event reports: another outlet's own article that carries a third of the first
 *   report's sentences (its names and figures) among sentences of its own (another document of the
 *   same corpus topic), under a headline of its own;
 * - publication times that follow a newsroom's day (quiet nights, morning and afternoon peaks) with
 *   a few bursts (an hour at four times the rate).
 *
 * The stream goes to data/bench/stream.jsonl (gitignored: the corpus carries no licence, so no text
 * is committed), one article per line with its gold story and family.
 *
 *   npx tsx tools/data/bench-stream.ts [--articles 20000] [--outlets 8] [--raw data/real/raw] [--out data/bench/stream.jsonl]
 */
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fnv1a32 } from "../../src/analyze/hash.ts";
import { type CorpusDoc, DEFAULT_RAW_DIR, mentionsKonTum, readCorpusDoc } from "./corpus.ts";

export interface StreamArticle {
  /** Position in the stream: also the page's number. */
  n: number;
  outlet: number;
  /** Vietnam local time, ISO with +07:00. */
  published: string;
  title: string;
  lead: string;
  /** Paragraphs separated by newlines. */
  body: string;
  kind: "original" | "copy" | "same_event";
  /** Gold: the stream number of the story's first article and of the family's original. */
  story: number;
  family: number;
  /** The corpus file(s) the text came from. */
  source: string;
}

export const DEFAULT_STREAM_FILE = "data/bench/stream.jsonl";
const ARTICLES_PER_DAY = 3_000;
// A roll that finds no recent article on another outlet publishes an original: about 15% result.
const COPY_SHARE = 0.175;
const SAME_EVENT_SHARE = 0.03;
/** Hours of a Vietnamese newsroom's day, relative weights (00h … 23h). */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.5, 1, 3, 6, 8, 7, 6, 7, 5, 4, 5, 6, 7, 6, 4, 3, 3, 3, 2, 1.5];
const PREFIXES = ["Nóng:", "Tin mới:", "Cập nhật:", "Thời sự:", "Toàn cảnh:"];
const BYLINE_OUTLETS = ["TTXVN", "VOV", "Báo Nhân Dân", "Báo Tuổi Trẻ", "VnExpress", "Báo Thanh Niên"];

/** mulberry32: a small seeded generator, so the stream is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith(".txt")) yield full;
  }
}

/** `count` usable corpus documents in an order fixed by a hash of their paths. */
function pickDocs(rawDir: string, count: number): CorpusDoc[] {
  const paths = [...walk(join(rawDir, "data"))]
    .map((file) => relative(rawDir, file))
    .sort((a, b) => fnv1a32(a) - fnv1a32(b) || a.localeCompare(b));
  const docs: CorpusDoc[] = [];
  for (const path of paths) {
    if (docs.length >= count) break;
    const doc = readCorpusDoc(path, rawDir);
    const words = `${doc.lead} ${doc.body}`.split(/\s+/).length;
    // Kon Tum's documents are the province's independent evaluation: never read further.
    if (!doc.title || words < 80 || mentionsKonTum(`${doc.title}\n${doc.lead}\n${doc.body}`)) continue;
    docs.push(doc);
  }
  if (docs.length < count) throw new Error(`only ${docs.length} usable documents under ${rawDir}`);
  return docs;
}

const sentences = (text: string) => text.match(/[^.!?\n]+[.!?]*/gu)?.map((s) => s.trim()).filter(Boolean) ?? [];

function editHeadline(title: string, rnd: () => number): string {
  const words = title.split(" ");
  const pick = rnd();
  if (pick < 0.35) return `${PREFIXES[Math.floor(rnd() * PREFIXES.length)]} ${title}`;
  if (pick < 0.65 && title.includes(",")) return title.slice(0, title.lastIndexOf(",")).trim();
  if (pick < 0.85 && words.length > 4) {
    const i = 1 + Math.floor(rnd() * (words.length - 2));
    [words[i], words[i + 1]] = [words[i + 1]!, words[i]!];
    return words.join(" ");
  }
  return words.slice(0, Math.max(4, words.length - 2)).join(" ");
}

function syndicate(original: StreamArticle, rnd: () => number): Pick<StreamArticle, "title" | "lead" | "body"> {
  const credit = BYLINE_OUTLETS[Math.floor(rnd() * BYLINE_OUTLETS.length)]!;
  let paragraphs = original.body.split("\n");
  if (rnd() < 0.4 && paragraphs.length > 3) paragraphs = paragraphs.slice(0, Math.ceil(paragraphs.length * 0.7));
  const creditFirst = rnd() < 0.5;
  return {
    title: editHeadline(original.title, rnd),
    lead: creditFirst && original.lead ? `(${credit}) - ${original.lead}` : original.lead,
    body: creditFirst ? paragraphs.join("\n") : `${paragraphs.join("\n")}\nTheo ${credit}`,
  };
}

/** Another outlet's own report of the event: a third of the first report's sentences among its own. */
function sameEvent(first: StreamArticle, own: CorpusDoc, rnd: () => number): Pick<StreamArticle, "title" | "lead" | "body"> {
  const theirs = sentences(`${first.lead} ${first.body}`);
  const kept = theirs.filter((_, i) => i === 0 || rnd() < 0.33);
  const mine = sentences(own.body);
  const mixed: string[] = [];
  while (kept.length || mine.length) {
    if (mine.length && (rnd() < 0.6 || !kept.length)) mixed.push(mine.shift()!);
    if (kept.length && rnd() < 0.5) mixed.push(kept.shift()!);
  }
  const paragraphs: string[] = [];
  for (let i = 0; i < mixed.length; i += 3) paragraphs.push(mixed.slice(i, i + 3).join(" "));
  return { title: own.title, lead: kept.length ? kept[0]! : (sentences(own.lead)[0] ?? own.lead), body: paragraphs.join("\n") };
}

/** Publication times over the stream's days: a newsroom's hours, with one burst hour a day. */
function timeline(count: number, rnd: () => number): number[] {
  const days = Math.max(1, Math.ceil(count / ARTICLES_PER_DAY));
  const start = Date.parse("2024-06-03T00:00:00+07:00");
  const slots: number[] = [];
  for (let d = 0; d < days; d++) {
    const burst = 7 + Math.floor(rnd() * 12);
    for (let h = 0; h < 24; h++) slots.push(HOUR_WEIGHTS[h]! * (h === burst ? 4 : 1));
  }
  const total = slots.reduce((a, b) => a + b, 0);
  const times: number[] = [];
  slots.forEach((weight, hour) => {
    const n = Math.round((weight / total) * count);
    for (let k = 0; k < n; k++) times.push(start + hour * 3_600_000 + Math.floor(rnd() * 3_600_000));
  });
  while (times.length < count) times.push(start + Math.floor(rnd() * days * 86_400_000));
  return times.slice(0, count).sort((a, b) => a - b);
}

function localIso(ms: number): string {
  return `${new Date(ms + 7 * 3_600_000).toISOString().slice(0, 19)}+07:00`;
}

export function layoutStream(rawDir: string, count: number, outlets: number, seed = 18): StreamArticle[] {
  const rnd = random(seed);
  const docs = pickDocs(rawDir, count);
  const times = timeline(count, rnd);
  const stream: StreamArticle[] = [];
  let next = 0;
  const recent: StreamArticle[] = [];
  const categoryOf = new Map<number, string>();
  for (let n = 0; n < count; n++) {
    const at = times[n]!;
    // Copies and same-event reports follow an article published within the last twelve hours.
    while (recent.length && at - Date.parse(recent[0]!.published) > 12 * 3_600_000) recent.shift();
    const roll = rnd();
    const first = recent.length ? recent[Math.floor(rnd() * recent.length)]! : null;
    const outlet = Math.floor(rnd() * outlets);
    if (first && roll < COPY_SHARE && outlet !== first.outlet) {
      stream.push({ n, outlet, published: localIso(at), kind: "copy", story: first.story, family: first.n, source: first.source, ...syndicate(first, rnd) });
    } else if (first && roll < COPY_SHARE + SAME_EVENT_SHARE && outlet !== first.outlet) {
      // Its own sentences come from a document of the same corpus topic.
      const topic = categoryOf.get(first.n);
      const j = docs.findIndex((d, k) => k >= next && d.category === topic);
      if (j > next) [docs[next], docs[j]] = [docs[j]!, docs[next]!];
      const own = docs[next++]!;
      stream.push({ n, outlet, published: localIso(at), kind: "same_event", story: first.story, family: n, source: `${first.source} + ${own.path}`, ...sameEvent(first, own, rnd) });
    } else {
      const doc = docs[next++]!;
      stream.push({ n, outlet, published: localIso(at), kind: "original", story: n, family: n, source: doc.path, title: doc.title, lead: doc.lead, body: doc.body });
      recent.push(stream[n]!);
      categoryOf.set(n, doc.category);
    }
  }
  return stream;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      articles: { type: "string", default: "20000" },
      outlets: { type: "string", default: "8" },
      raw: { type: "string", default: DEFAULT_RAW_DIR },
      out: { type: "string", default: DEFAULT_STREAM_FILE },
    },
  });
  const stream = layoutStream(values.raw, Number(values.articles), Number(values.outlets));
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, `${stream.map((a) => JSON.stringify(a)).join("\n")}\n`);
  const count = (kind: StreamArticle["kind"]) => stream.filter((a) => a.kind === kind).length;
  console.log(
    `${stream.length} articles to ${values.out}: ${count("original")} distinct, ${count("copy")} syndicated copies, ${count("same_event")} same-event reports`,
  );
}
