/**
 * The fuzz drill: mutated feeds, sitemaps, listing pages and article pages from the fixture corpus
 * through the real discovery run (`discoverSource`) and the real fetch job (`runArticleJob`), with
 * the network replaced by the corpus (no sockets). Mutations: truncation, bad bytes, wrong or
 * bogus charsets, entity bombs, deep nesting, huge attributes, bad dates, broken markup, BOMs.
 *
 * Every input must end in a value or a specific error (a CrawlError with its kind); anything else
 * thrown (TypeError, RangeError, ZodError…) is a crash, counted and listed. The unmutated corpus is
 * run before and after, and must give the same result both times.
 *
 *   npx tsx tools/drills/fuzz.ts [--count 10000] [--from 0] [--seed 1] [--only N] [--progress]
 *
 * Prints one JSON summary line at the end (and, with --progress, `{"start":N}` before and one result line after each input, so a
 * watchdog can tell a hang from slow progress and name the input).
 */
import { createHash } from "node:crypto";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { type ArticleJobResult, runArticleJob } from "../../src/crawl/articleJob.ts";
import { discoverSource } from "../../src/discover/discover.ts";
import type { FetchResult } from "../../src/fetch/http.ts";
import type { ExtractedArticle } from "../../src/model/article.ts";
import { CrawlError, TooLargeError } from "../../src/model/errors.ts";
import { buildCorpus, type Corpus, type CorpusDoc } from "./corpus.ts";

type Rng = () => number;

function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Doc {
  body: Buffer;
  headers: Record<string, string>;
}

type Mutator = (doc: Doc, r: Rng, kind: CorpusDoc["kind"]) => Doc;

const int = (r: Rng, max: number) => Math.floor(r() * max);
const pick = <T>(r: Rng, list: readonly T[]): T => list[int(r, list.length)]!;

function insertAt(body: Buffer, at: number, piece: Buffer | string): Buffer {
  const bytes = typeof piece === "string" ? Buffer.from(piece, "utf8") : piece;
  return Buffer.concat([body.subarray(0, at), bytes, body.subarray(at)]);
}

/** A position just after a tag opening ("<body…>", "<item>") when there is one, else anywhere. */
function insideTag(text: string, r: Rng, names: string[]): number {
  const positions: number[] = [];
  for (const name of names) {
    const re = new RegExp(`<${name}\\b[^>]*>`, "gi");
    for (const m of text.matchAll(re)) positions.push(m.index + m[0].length);
  }
  return positions.length ? pick(r, positions) : int(r, text.length + 1);
}

const BAD_DATES = [
  "32/13/2024",
  "2024-02-30T25:61:99+07:00",
  "Thứ Hai, 31/02/2024 - 99:99",
  "99999999999999999999",
  "-271821-04-20T00:00:00Z",
  "+275760-09-13T00:00:01Z",
  "NaN",
  "",
  "   ",
  "Mon, 45 Foo 2024 12:00:00 +9999",
  "1e309",
  "0000-00-00 00:00:00",
  "2 giờ trước trước trước",
  "hôm qua lúc 25:00",
  "١٢/٠٣/٢٠٢٤",
  "2024-03-01T10:00:00.000000000000000000000000Z",
  "x".repeat(10_000),
  "2024-03-01".repeat(500),
];

export const MUTATORS: Record<string, Mutator> = {
  truncate: (doc, r) => ({ ...doc, body: doc.body.subarray(0, int(r, doc.body.length + 1)) }),
  badBytes: (doc, r) => {
    let body = doc.body;
    const count = 1 + int(r, 64);
    for (let i = 0; i < count; i++) {
      const junk = Buffer.from(
        pick(r, [
          [0x00],
          [0xff, 0xfe],
          [0xc3],
          [0xe2, 0x82],
          [0xed, 0xa0, 0x80],
          [0xf4, 0x90, 0x80, 0x80],
          [0x1b],
          [0x80 + int(r, 128)],
        ]),
      );
      body = insertAt(body, int(r, body.length + 1), junk);
    }
    return { ...doc, body };
  },
  wrongCharset: (doc, r) => {
    const charset = pick(r, [
      "windows-1258",
      "iso-8859-1",
      "shift_jis",
      "utf-16le",
      "utf-16",
      "x-bogus-42",
      "",
      "utf-7",
      "gb18030",
    ]);
    const type = (doc.headers["content-type"] ?? "text/html").split(";")[0]!;
    let text = doc.body.toString("latin1");
    // The markup's own declaration lies too, sometimes.
    if (r() < 0.5) {
      text = text
        .replace(/charset=["']?[\w-]+/i, `charset=${charset}`)
        .replace(/encoding=["'][\w-]+["']/i, `encoding="${charset}"`);
    }
    return {
      body: Buffer.from(text, "latin1"),
      headers: { ...doc.headers, "content-type": `${type}; charset=${charset}` },
    };
  },
  reencode: (doc, r) => {
    const text = doc.body.toString("utf8");
    const encoding = pick(r, ["latin1", "utf16le", "ascii"] as const);
    return { ...doc, body: Buffer.from(text, encoding) };
  },
  entityBomb: (doc, r, kind) => {
    const text = doc.body.toString("utf8");
    if (kind !== "page" && kind !== "listing" && r() < 0.7) {
      // Billion laughs: a DOCTYPE with nested entities, referenced in the first title.
      const levels = Array.from({ length: 10 }, (_, n) =>
        n === 0 ? `<!ENTITY lol0 "lol">` : `<!ENTITY lol${n} "${`&lol${n - 1};`.repeat(10)}">`,
      ).join("");
      const withDoctype = text.replace(
        /(<\?xml[^>]*\?>)?/,
        (decl) => `${decl}<!DOCTYPE r [${levels}<!ENTITY ext SYSTEM "file:///etc/passwd">]>`,
      );
      return { ...doc, body: Buffer.from(withDoctype.replace(/<title>/i, "<title>&lol9;&ext;"), "utf8") };
    }
    const entity = pick(r, [
      "&amp;",
      "&#x1F600;",
      "&#0;",
      "&#xFFFFFFFF;",
      "&#99999999999;",
      "&nbsp;",
      "&bogus;",
      "&#x110000;",
      "&",
    ]);
    const at = insideTag(text, r, ["p", "title", "description", "loc", "h1"]);
    return {
      ...doc,
      body: Buffer.from(text.slice(0, at) + entity.repeat(20_000 + int(r, 200_000)) + text.slice(at), "utf8"),
    };
  },
  deepNesting: (doc, r, kind) => {
    const text = doc.body.toString("utf8");
    // Mostly what a broken CMS template produces; now and then what an attacker would send.
    const depth = r() < 0.9 ? 200 + int(r, 4_800) : 10_000 + int(r, 50_000);
    const tag =
      kind === "page" || kind === "listing"
        ? pick(r, ["div", "b", "span", "p", "table", "a"])
        : pick(r, ["item", "x", "url", "entry", "description"]);
    const close = r() < 0.5 ? `</${tag}>`.repeat(depth) : "";
    const at = insideTag(text, r, ["body", "article", "item", "channel", "urlset", "feed", "entry"]);
    return {
      ...doc,
      body: Buffer.from(`${text.slice(0, at)}${`<${tag}>`.repeat(depth)}x${close}${text.slice(at)}`, "utf8"),
    };
  },
  hugeAttribute: (doc, r) => {
    const text = doc.body.toString("utf8");
    const size = pick(r, [1_000, 10_000, 10_000, 100_000, 100_000, 100_000, 1_000_000, 4_000_000]);
    const value = pick(r, ["a", '"', "'", "<", "&amp;", "đ"]).repeat(size);
    const name = pick(r, ["class", "href", "content", "data-x", "style", "src", "xmlns:n"]);
    const tags = [...text.matchAll(/<([a-zA-Z][\w:-]*)(?=[\s>/])/g)];
    if (!tags.length) return doc;
    const m = pick(r, tags);
    const at = m.index + m[0].length;
    const quote = r() < 0.8 ? '"' : "";
    return {
      ...doc,
      body: Buffer.from(`${text.slice(0, at)} ${name}=${quote}${value}${quote}${text.slice(at)}`, "utf8"),
    };
  },
  badDates: (doc, r) => {
    let text = doc.body.toString("utf8");
    const bad = () => pick(r, BAD_DATES);
    text = text
      .replace(
        /<(pubDate|published|updated|lastmod|dc:date|news:publication_date|publication_date)>[^<]*<\//g,
        (_m, tag) => `<${tag}>${bad()}</`,
      )
      .replace(
        /(property="article:(?:published|modified)_time"\s+content=")[^"]*"/g,
        (_m, head) => `${head}${bad()}"`,
      )
      .replace(/("date(?:Published|Modified)"\s*:\s*")[^"]*"/g, (_m, head) => `${head}${bad()}"`)
      .replace(/\b\d{1,2}\/\d{1,2}\/\d{4}\b/g, () => bad())
      .replace(/datetime="[^"]*"/g, () => `datetime="${bad()}"`);
    return { ...doc, body: Buffer.from(text, "utf8") };
  },
  brokenMarkup: (doc, r) => {
    let text = doc.body.toString("utf8");
    const ops = 1 + int(r, 20);
    for (let i = 0; i < ops && text.length; i++) {
      const at = int(r, text.length);
      const op = int(r, 5);
      if (op === 0)
        text = text.replace(/<\/[a-zA-Z][^>]*>/, ""); // a closing tag gone
      else if (op === 1)
        text =
          text.slice(0, at) +
          pick(r, ["<", ">", "</", "<![CDATA[", "]]>", "<!--", "-->", '"', "<?"]) +
          text.slice(at);
      else if (op === 2)
        text = text.slice(0, at) + text.slice(at, at + 2000) + text.slice(at); // a slice doubled
      else if (op === 3)
        text = text.slice(0, at) + text.slice(at + int(r, 500)); // a slice cut
      else text = text.replace(/<(\w+)/, "<$1$1"); // a renamed element
    }
    return { ...doc, body: Buffer.from(text, "utf8") };
  },
  boms: (doc, r) => {
    const bom = pick(r, [
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from([0xff, 0xfe]),
      Buffer.from([0xfe, 0xff]),
      Buffer.from([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf]),
    ]);
    return {
      ...doc,
      body: Buffer.concat([bom, r() < 0.3 ? Buffer.from("\u0000\n  ") : Buffer.alloc(0), doc.body]),
    };
  },
  badUrls: (doc, r) => {
    let text = doc.body.toString("utf8");
    const bad = () =>
      pick(r, [
        "javascript:alert(1)",
        "http://",
        "//",
        "http://[::1",
        "http://a b.vn/x",
        "file:///etc/passwd",
        "http://127.0.0.1:99999/x",
        "%%%",
        `http://x.vn/${"a".repeat(100_000)}`,
        "data:text/html,hi",
        "",
      ]);
    text = text
      .replace(/<(link|loc|guid)>[^<]*<\//g, (m, tag) => (r() < 0.5 ? `<${tag}>${bad()}</` : m))
      .replace(/href="[^"]*"/g, (m) => (r() < 0.3 ? `href="${bad()}"` : m))
      .replace(/(rel="canonical"\s+href=")[^"]*"/g, (_m, head) => `${head}${bad()}"`);
    return { ...doc, body: Buffer.from(text, "utf8") };
  },
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

export interface FuzzCase {
  index: number;
  doc: CorpusDoc;
  mutations: string[];
}

export function fuzzCase(docs: CorpusDoc[], seed: number, index: number): FuzzCase & { r: Rng } {
  const r = rng(seed * 1_000_003 + index);
  // Half discovery documents, half article pages: there are far fewer of the first.
  const discovery = docs.filter((d) => d.kind !== "page");
  const pages = docs.filter((d) => d.kind === "page");
  const doc = index % 2 === 0 ? pick(r, discovery) : pick(r, pages);
  const mutations = Array.from({ length: 1 + int(r, 3) }, () => pick(r, MUTATOR_NAMES));
  return { index, doc, mutations, r };
}

export type Outcome =
  | { class: "ok"; detail: string }
  | { class: "error"; kind: string; message: string }
  | { class: "crash"; name: string; message: string };

const logger = pino({ level: "silent" });
/** The fetcher's default body limit (src/fetch/http.ts). */
const MAX_BYTES = 5 * 1024 * 1024;

function classify(thrown: unknown): Outcome {
  if (thrown instanceof CrawlError) return { class: "error", kind: thrown.kind, message: thrown.message };
  const error = thrown instanceof Error ? thrown : new Error(String(thrown));
  return { class: "crash", name: error.name, message: error.message.slice(0, 300) };
}

/** One document through discovery or the fetch job, with `override` answering its own URL. */
export async function runDoc(corpus: Corpus, doc: CorpusDoc, override: Doc | null): Promise<Outcome> {
  const fetch = async (url: string, accept?: string): Promise<FetchResult> => {
    // The fetcher refuses bodies over its limit before anything parses them.
    if (override && url === doc.url && override.body.length > MAX_BYTES)
      return { ok: false, error: new TooLargeError(url, MAX_BYTES), redirects: [] };
    if (override && url === doc.url)
      return {
        ok: true,
        page: {
          requestedUrl: url,
          url,
          status: 200,
          headers: override.headers,
          body: override.body,
          redirects: [],
        },
      };
    // The fixture firewall of one outlet (406 without text/html) is not what is fuzzed here.
    void accept;
    return corpus.fetch(url);
  };
  try {
    if (doc.kind !== "page") {
      const outcome = await discoverSource(doc.source, {
        fetch: (request) => fetch(request.url, request.accept),
        validators: { get: async () => null, put: async () => undefined },
      });
      if (!outcome.ok) return { class: "error", kind: outcome.error.kind, message: outcome.error.message };
      return { class: "ok", detail: outcome.entries.map((e) => e.url).join(" ") };
    }
    const produced: ExtractedArticle[] = [];
    const result: ArticleJobResult = await runArticleJob(
      {
        url: doc.url,
        outlet_id: doc.source.outletId,
        source_id: doc.source.id,
        discovered_at: "2024-03-01T00:00:00.000Z",
        hint: {},
      },
      {
        source: async () => doc.source,
        getPage: async (_source, url) => {
          const answer = await fetch(url);
          return answer.ok ? { ok: true, page: answer.page } : { ok: false, error: answer.error };
        },
        storeSnapshot: async (bytes) => createHash("sha256").update(bytes).digest("hex"),
        produce: async (article) => {
          produced.push(article);
        },
        markSeen: async () => undefined,
        recordError: async () => undefined,
        now: () => new Date("2024-12-31T00:00:00.000Z"),
        logger,
      },
      new AbortController().signal,
    );
    if (result.outcome === "error") return { class: "error", kind: result.kind, message: result.message };
    if (result.outcome === "skipped") return { class: "error", kind: "skipped", message: result.reason };
    const article = produced[0]!;
    return {
      class: "ok",
      detail: JSON.stringify([article.canonical_url, article.title, article.body, article.published_at]),
    };
  } catch (thrown) {
    return classify(thrown);
  }
}

export interface Baseline {
  /** Discovery documents with at least one entry, and pages extracted with the exact body. */
  discoveryOk: number;
  discoveryTotal: number;
  pagesExtracted: number;
  pagesExactBody: number;
  pagesTotal: number;
  outputs: string[];
}

export async function baseline(corpus: Corpus): Promise<Baseline> {
  const result: Baseline = {
    discoveryOk: 0,
    discoveryTotal: 0,
    pagesExtracted: 0,
    pagesExactBody: 0,
    pagesTotal: 0,
    outputs: [],
  };
  for (const doc of corpus.docs) {
    const outcome = await runDoc(corpus, doc, null);
    result.outputs.push(JSON.stringify(outcome));
    if (doc.kind === "page") {
      result.pagesTotal++;
      if (outcome.class === "ok") {
        result.pagesExtracted++;
        const body = (JSON.parse(outcome.detail) as string[])[2];
        if (body === doc.truth?.body) result.pagesExactBody++;
      }
    } else {
      result.discoveryTotal++;
      if (outcome.class === "ok" && outcome.detail.length > 0) result.discoveryOk++;
    }
  }
  return result;
}

export interface FuzzSummary {
  seed: number;
  count: number;
  discoveryInputs: number;
  pageInputs: number;
  outcomes: { ok: number; error: number; crash: number };
  errorKinds: Record<string, number>;
  byMutation: Record<string, { n: number; ok: number; error: number; crash: number }>;
  crashes: Array<{
    index: number;
    url: string;
    kind: string;
    mutations: string[];
    name: string;
    message: string;
  }>;
  crashKinds: Record<string, number>;
  slowest: Array<{ index: number; ms: number; url: string; mutations: string[]; bytes: number }>;
  totalSeconds: number;
  baselineBefore: Omit<Baseline, "outputs">;
  baselineAfter: Omit<Baseline, "outputs">;
  baselineStable: boolean;
}

export async function runFuzz(options: {
  count: number;
  seed: number;
  from?: number;
  only?: number;
  progress?: (index: number) => void;
  result?: (line: { at: number; c: Outcome["class"]; k?: string; ms: number; m: string[] }) => void;
}): Promise<FuzzSummary> {
  const corpus = await buildCorpus();
  const before = await baseline(corpus);
  const summary: FuzzSummary = {
    seed: options.seed,
    count: 0,
    discoveryInputs: 0,
    pageInputs: 0,
    outcomes: { ok: 0, error: 0, crash: 0 },
    errorKinds: {},
    byMutation: {},
    crashes: [],
    crashKinds: {},
    slowest: [],
    totalSeconds: 0,
    baselineBefore: strip(before),
    baselineAfter: strip(before),
    baselineStable: true,
  };
  const started = performance.now();
  const from = options.from ?? 0;
  const indices =
    options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => from + i);
  for (const index of indices) {
    options.progress?.(index);
    const { doc, mutations, r } = fuzzCase(corpus.docs, options.seed, index);
    const original = await corpus.reply(doc.url);
    let mutated: Doc = {
      body: original.body,
      headers: Object.fromEntries(Object.entries(original.headers).map(([k, v]) => [k.toLowerCase(), v])),
    };
    for (const name of mutations) mutated = MUTATORS[name]!(mutated, r, doc.kind);
    const t0 = performance.now();
    const outcome = await runDoc(corpus, doc, mutated);
    const ms = performance.now() - t0;
    summary.count++;
    options.result?.({
      at: index,
      c: outcome.class,
      ...(outcome.class === "error"
        ? { k: outcome.kind }
        : outcome.class === "crash"
          ? { k: `${outcome.name}: ${outcome.message.slice(0, 80)}` }
          : {}),
      ms: Math.round(ms),
      m: mutations,
    });
    if (doc.kind === "page") summary.pageInputs++;
    else summary.discoveryInputs++;
    summary.outcomes[outcome.class]++;
    for (const name of new Set(mutations)) {
      summary.byMutation[name] ??= { n: 0, ok: 0, error: 0, crash: 0 };
      const row = summary.byMutation[name];
      row.n++;
      row[outcome.class]++;
    }
    if (outcome.class === "error")
      summary.errorKinds[outcome.kind] = (summary.errorKinds[outcome.kind] ?? 0) + 1;
    if (outcome.class === "crash") {
      const key = `${doc.kind}: ${outcome.name}: ${outcome.message.replace(/[0-9a-f]{32,}|\d+/g, "N").slice(0, 120)}`;
      summary.crashKinds[key] = (summary.crashKinds[key] ?? 0) + 1;
      if (summary.crashes.length < 50)
        summary.crashes.push({
          index,
          url: doc.url,
          kind: doc.kind,
          mutations,
          name: outcome.name,
          message: outcome.message,
        });
    }
    summary.slowest.push({ index, ms: Math.round(ms), url: doc.url, mutations, bytes: mutated.body.length });
    summary.slowest.sort((a, b) => b.ms - a.ms);
    summary.slowest.length = Math.min(summary.slowest.length, 10);
  }
  summary.totalSeconds = (performance.now() - started) / 1000;
  const after = await baseline(corpus);
  summary.baselineAfter = strip(after);
  summary.baselineStable = after.outputs.every((output, i) => output === before.outputs[i]);
  return summary;
}

function strip({ outputs: _outputs, ...rest }: Baseline): Omit<Baseline, "outputs"> {
  return rest;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "10000" },
      seed: { type: "string", default: "1" },
      from: { type: "string", default: "0" },
      only: { type: "string" },
      progress: { type: "boolean", default: false },
    },
  });
  const summary = await runFuzz({
    count: Number(values.count),
    seed: Number(values.seed),
    ...(values.only !== undefined ? { only: Number(values.only) } : {}),
    from: Number(values.from),
    ...(values.progress
      ? {
          progress: (index: number) => process.stdout.write(`{"start":${index}}\n`),
          result: (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`),
        }
      : {}),
  });
  process.stdout.write(`${JSON.stringify({ summary })}\n`);
}
