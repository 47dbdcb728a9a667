/**
 * The extraction benchmark on real public pages: Presswatch beside Readability (and Defuddle when
 * installed), per dataset and overall, with pages per second, in one run. Never part of the tests.
 *
 *   node --import tsx tools/data/layout-extraction.ts            # once: lays the pages out in data/
 *   node --import tsx bench/extract.ts [--split dev|held-out|all] [--datasets a,b] [--limit N]
 *                                      [--title] [--only presswatch,readability,defuddle] [--worst N]
 *                                      [--dump scores.json] [--chunk 150]
 * --chunk N runs each N pages of a dataset in a fresh child process (jsdom holds memory across
 * thousands of pages: a whole split in one process runs out of heap) and merges their results.
 *
 * Score: the Web Content Extraction Benchmark's (chatnoir-eu/web-content-extraction-benchmark,
 * eval.py): ROUGE-LSum F1 with whitespace tokens, the union LCS of each reference sentence with the
 * candidate's sentences, counts clipped per token, averaged over a dataset's pages; an empty gold
 * counts recall 1 (and F1 1 when the answer is empty too). WCEB splits sentences with NLTK's punkt;
 * here a punctuation rule stands in for it (sentence ends at . ! ? before a capital or digit, common
 * abbreviations excepted), which changes how the LCS is cut, not which tokens are compared.
 * The trafilatura set has snippets, not a gold text: it is scored with trafilatura's own rule
 * (tests/eval_common.py: whitespace-normalised substring matches of its "with" and "without"
 * snippets, F1 over the summed confusion matrix) and kept out of the token-F1 overall.
 *
 * Pages per second count only the extraction call (parsing included: jsdom for Readability,
 * linkedom for Defuddle, htmlparser2 for Presswatch), not reading or decoding the file.
 * Defuddle is optional: `npm install --prefix data/npm defuddle` (data/ is gitignored).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Readability } from "@mozilla/readability";
import { load } from "cheerio";
import type { AnyNode } from "domhandler";
import { JSDOM, VirtualConsole } from "jsdom";
import { extractArticle } from "../src/extract/extract.ts";
import { decodeBody } from "../src/fetch/charset.ts";

// ---------------------------------------------------------------- scoring (WCEB's ROUGE-LSum)

export function tokenizeWs(text: string): string[] {
  const trimmed = text.trim();
  return trimmed ? trimmed.split(/\s+/u) : [];
}

const ABBREVIATIONS = new Set(
  "mr mrs ms dr prof st jr sr inc ltd co corp vs etc no fig jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e a.m p.m gov gen col lt sgt rep sen".split(
    " ",
  ),
);

/** Sentences as punkt would mostly cut them: after . ! ? (and closing quotes) before a capital or a digit. */
export function sentences(text: string): string[] {
  const out: string[] = [];
  const boundary = /[.!?…]+["'”’)\]]*\s+(?=["'“‘([]*[\p{Lu}\p{N}])/gu;
  let start = 0;
  for (let match = boundary.exec(text); match; match = boundary.exec(text)) {
    const end = match.index + match[0].trimEnd().length;
    const before = text.slice(start, end);
    const lastWord = /(\S+)$/.exec(before)?.[1] ?? "";
    const bare = lastWord.replace(/[.!?…"'”’)\]]+$/u, "").toLowerCase();
    if (lastWord.endsWith(".") && (ABBREVIATIONS.has(bare) || /^\p{L}$/u.test(bare))) continue;
    out.push(before);
    start = match.index + match[0].length;
  }
  out.push(text.slice(start));
  return out.filter((sentence) => sentence.length > 0);
}

/** Indices in `ref` of one LCS of ref and can (rouge_score's _lcs_table + _backtrack_norec). */
function lcsIndices(ref: number[], can: number[], out: Set<number>): void {
  const rows = ref.length + 1;
  const cols = can.length + 1;
  const table = new Int32Array(rows * cols);
  for (let i = 1; i < rows; i++) {
    const r = ref[i - 1];
    for (let j = 1; j < cols; j++) {
      table[i * cols + j] =
        r === can[j - 1]
          ? table[(i - 1) * cols + j - 1]! + 1
          : Math.max(table[(i - 1) * cols + j]!, table[i * cols + j - 1]!);
    }
  }
  let i = ref.length;
  let j = can.length;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      out.add(i - 1);
      i--;
      j--;
    } else if (table[i * cols + j - 1]! > table[(i - 1) * cols + j]!) j--;
    else i--;
  }
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/** ROUGE-LSum of a candidate against a reference, each a list of tokenised sentences. */
export function rougeLsum(target: string, prediction: string): Prf {
  const ids = new Map<string, number>();
  const encode = (text: string) =>
    sentences(text)
      .map((sentence) =>
        tokenizeWs(sentence).map((token) => ids.get(token) ?? ids.set(token, ids.size).get(token)!),
      )
      .filter((tokens) => tokens.length > 0);
  const ref = encode(target);
  const can = encode(prediction);
  const m = ref.reduce((sum, s) => sum + s.length, 0);
  const n = can.reduce((sum, s) => sum + s.length, 0);
  let score: Prf = { precision: 0, recall: 0, f1: 0 };
  if (m > 0 && n > 0) {
    const countR = new Map<number, number>();
    const countC = new Map<number, number>();
    for (const s of ref) for (const t of s) countR.set(t, (countR.get(t) ?? 0) + 1);
    for (const s of can) for (const t of s) countC.set(t, (countC.get(t) ?? 0) + 1);
    let hits = 0;
    for (const r of ref) {
      const union = new Set<number>();
      const inRef = new Set(r);
      for (const c of can) if (c.some((t) => inRef.has(t))) lcsIndices(r, c, union);
      for (const index of [...union].sort((a, b) => a - b)) {
        const t = r[index]!;
        if ((countC.get(t) ?? 0) > 0 && (countR.get(t) ?? 0) > 0) {
          hits++;
          countC.set(t, countC.get(t)! - 1);
          countR.set(t, countR.get(t)! - 1);
        }
      }
    }
    const recall = hits / m;
    const precision = hits / n;
    score = { precision, recall, f1: hits ? (2 * precision * recall) / (precision + recall) : 0 };
  }
  if (target.trim() === "") {
    score.recall = 1;
    if (prediction.trim() === "") score = { precision: 1, recall: 1, f1: 1 };
  }
  return score;
}

/** trafilatura's per-page counts: [tp, fp, fn, tn] from its with/without snippets. */
export function snippetCounts(
  item: { with: string[]; without: string[] },
  result: string,
): [number, number, number, number] {
  const norm = (text: string) => text.replace(/\s+/g, " ").trim();
  const found = norm(result);
  const tp = item.with.filter((w) => found.includes(norm(w))).length;
  const fp = item.without.filter((w) => found.includes(norm(w))).length;
  return [tp, fp, item.with.length - tp, item.without.length - fp];
}

// ---------------------------------------------------------------- extractors

const BLOCKS = new Set(
  "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table td th tr ul".split(
    " ",
  ),
);

/** A neutral HTML-to-text for the other extractors' HTML output: blocks on their own lines. */
export function htmlToText(html: string): string {
  const $ = load(html);
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === "text") parts.push(node.data);
      else if (node.type === "tag") {
        const block = BLOCKS.has(node.name);
        if (block) parts.push("\n");
        walk(node.children);
        if (block) parts.push("\n");
      }
    }
  };
  walk($.root().contents().toArray());
  return parts
    .join("")
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
}

type Extractor = (html: string, url: string) => Promise<string> | string;

function presswatch(withTitle: boolean): Extractor {
  return (html, url) => {
    const article = extractArticle(html, { url, fetchedAt: new Date("2025-01-01T00:00:00Z") });
    return [withTitle ? article.title : "", article.lead, article.body].filter(Boolean).join("\n\n");
  };
}

const virtualConsole = new VirtualConsole();

function readability(withTitle: boolean): Extractor {
  return (html, url) => {
    const dom = new JSDOM(html, { url, virtualConsole });
    const parsed = new Readability(dom.window.document).parse();
    dom.window.close();
    const text = parsed?.content ? htmlToText(parsed.content) : "";
    return withTitle && parsed?.title ? `${parsed.title}\n\n${text}` : text;
  };
}

async function defuddle(withTitle: boolean): Promise<Extractor | null> {
  const path = join(process.cwd(), "data/npm/node_modules/defuddle/dist/node.js");
  const linkedomPath = join(process.cwd(), "data/npm/node_modules/linkedom/esm/index.js");
  if (!existsSync(path) || !existsSync(linkedomPath)) return null;
  const { Defuddle } = (await import(pathToFileURL(path).href)) as {
    Defuddle: (
      document: unknown,
      url: string,
      options: { useAsync: boolean },
    ) => Promise<{ content: string; title?: string }>;
  };
  const { parseHTML } = (await import(pathToFileURL(linkedomPath).href)) as {
    parseHTML: (html: string) => { document: unknown };
  };
  return async (html, url) => {
    const { document } = parseHTML(html);
    // useAsync: false, or it may ask third-party APIs over the network for pages it cannot read.
    const result = await Defuddle(document, url, { useAsync: false });
    const text = result.content ? htmlToText(result.content) : "";
    return withTitle && result.title ? `${result.title}\n\n${text}` : text;
  };
}

// ---------------------------------------------------------------- run

interface Page {
  dataset: string;
  id: string;
  split: string;
}

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const split = option(args, "--split") ?? "dev";
  const datasets = option(args, "--datasets")?.split(",");
  const limit = Number(option(args, "--limit") ?? Infinity);
  const withTitle = args.includes("--title");
  const only = option(args, "--only")?.split(",");
  const worst = Number(option(args, "--worst") ?? 0);
  const skip = Number(option(args, "--skip") ?? 0);
  const chunk = Number(option(args, "--chunk") ?? 0);
  const root = option(args, "--data") ?? "data/bench/extract";
  const list = readFileSync("bench/data/extract-pages.tsv", "utf8").trim().split("\n").slice(1);
  const pages: Page[] = list
    .map((line) => {
      const [dataset, id, pageSplit] = line.split("\t");
      return { dataset: dataset!, id: id!, split: pageSplit! };
    })
    .filter((page) => split === "all" || page.split === split)
    .filter((page) => !datasets || datasets.includes(page.dataset));
  if (!existsSync(root)) {
    console.error(`${root} is missing: run node --import tsx tools/data/layout-extraction.ts first`);
    process.exit(1);
  }

  const extractors: Array<[string, Extractor]> = [
    ["presswatch", presswatch(withTitle)],
    ["readability", readability(withTitle)],
  ];
  const optional = await defuddle(withTitle);
  if (optional) extractors.push(["defuddle", optional]);
  const chosen = extractors.filter(([name]) => !only || only.includes(name));

  const tallies = new Map<string, Map<string, Tally>>();
  if (chunk > 0) {
    // One child process per chunk of a dataset's pages: jsdom keeps memory across thousands of
    // pages, and a fresh process per chunk keeps the run within the heap. Results are merged here.
    const merged = runChunks(args, pages, chunk, limit);
    printReport(
      merged,
      chosen.map(([name]) => name),
      split,
      withTitle,
      worst,
      option(args, "--dump"),
    );
    return;
  }
  const perPage: PageResult[] = [];
  const byDataset = new Map<string, Page[]>();
  for (const page of pages) byDataset.set(page.dataset, [...(byDataset.get(page.dataset) ?? []), page]);

  for (const [dataset, all] of byDataset) {
    const chosenPages = all.slice(skip, skip + limit);
    for (const page of chosenPages) {
      const bytes = readFileSync(join(root, dataset, `${page.id}.html`));
      const html = decodeBody(bytes).text;
      const url = `https://bench.invalid/${dataset}/${page.id}`;
      const snippets =
        dataset === "trafilatura"
          ? (JSON.parse(readFileSync(join(root, dataset, `${page.id}.snippets.json`), "utf8")) as {
              with: string[];
              without: string[];
            })
          : null;
      const gold = snippets ? "" : readFileSync(join(root, dataset, `${page.id}.gold.txt`), "utf8");
      const scores: Record<string, number> = {};
      const timings: Record<string, number> = {};
      const confusions: Record<string, [number, number, number, number]> = {};
      const failures: string[] = [];
      for (const [name, extractor] of chosen) {
        let output = "";
        let errored = false;
        const started = process.hrtime.bigint();
        try {
          output = await extractor(html, url);
        } catch {
          errored = true;
        }
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const perExtractor = tallies.get(name) ?? new Map<string, Tally>();
        tallies.set(name, perExtractor);
        const tally = perExtractor.get(dataset) ?? {
          f1: 0,
          pages: 0,
          seconds: 0,
          confusion: [0, 0, 0, 0],
          errors: 0,
        };
        perExtractor.set(dataset, tally);
        tally.pages++;
        tally.seconds += seconds;
        timings[name] = seconds;
        if (errored) {
          tally.errors++;
          failures.push(name);
        }
        if (snippets) {
          const counts = snippetCounts(snippets, output);
          for (let i = 0; i < 4; i++) tally.confusion[i]! += counts[i]!;
          confusions[name] = counts;
          scores[name] = (counts[0] + counts[3]) / (snippets.with.length + snippets.without.length);
        } else {
          const f1 = rougeLsum(gold, output).f1;
          tally.f1 += f1;
          scores[name] = f1;
        }
      }
      perPage.push({
        dataset,
        id: page.id,
        scores,
        seconds: timings,
        confusion: confusions,
        errors: failures,
      });
    }
  }

  if (option(args, "--child")) {
    writeFileSync(option(args, "--dump")!, JSON.stringify(perPage));
    return;
  }
  printReport(
    perPage,
    chosen.map(([name]) => name),
    split,
    withTitle,
    worst,
    option(args, "--dump"),
  );
}

interface Tally {
  f1: number;
  pages: number;
  seconds: number;
  confusion: [number, number, number, number];
  errors: number;
}

interface PageResult {
  dataset: string;
  id: string;
  scores: Record<string, number>;
  seconds: Record<string, number>;
  confusion: Record<string, [number, number, number, number]>;
  errors: string[];
}

function runChunks(args: string[], pages: Page[], chunk: number, limit: number): PageResult[] {
  const counts = new Map<string, number>();
  for (const page of pages) counts.set(page.dataset, (counts.get(page.dataset) ?? 0) + 1);
  const passOn: string[] = [];
  for (const name of ["--split", "--only", "--data"]) {
    const value = option(args, name);
    if (value) passOn.push(name, value);
  }
  if (args.includes("--title")) passOn.push("--title");
  const results: PageResult[] = [];
  const dir = mkdtempSync(join(tmpdir(), "pw-bench-"));
  for (const [dataset, total] of counts) {
    const upto = Math.min(total, limit);
    for (let skip = 0; skip < upto; skip += chunk) {
      const file = join(dir, `${dataset}-${skip}.json`);
      execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          fileURLToPath(import.meta.url),
          ...passOn,
          "--datasets",
          dataset,
          "--skip",
          String(skip),
          "--limit",
          String(Math.min(chunk, upto - skip)),
          "--child",
          "1",
          "--dump",
          file,
        ],
        { stdio: ["ignore", "ignore", "ignore"] },
      );
      results.push(...(JSON.parse(readFileSync(file, "utf8")) as PageResult[]));
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return results;
}

function printReport(
  perPage: PageResult[],
  names: string[],
  split: string,
  withTitle: boolean,
  worst: number,
  dump: string | undefined,
): void {
  const tallies = new Map<string, Map<string, Tally>>();
  const datasetsSeen: string[] = [];
  for (const page of perPage) {
    if (!datasetsSeen.includes(page.dataset)) datasetsSeen.push(page.dataset);
    for (const name of names) {
      const perExtractor = tallies.get(name) ?? new Map<string, Tally>();
      tallies.set(name, perExtractor);
      const tally = perExtractor.get(page.dataset) ?? {
        f1: 0,
        pages: 0,
        seconds: 0,
        confusion: [0, 0, 0, 0],
        errors: 0,
      };
      perExtractor.set(page.dataset, tally);
      tally.pages++;
      tally.seconds += page.seconds[name] ?? 0;
      if (page.errors.includes(name)) tally.errors++;
      const counts = page.confusion[name];
      if (counts) for (let i = 0; i < 4; i++) tally.confusion[i]! += counts[i]!;
      else tally.f1 += page.scores[name] ?? 0;
    }
  }
  const header = ["dataset", "pages", ...names.map((n) => `F1 ${n}`), ...names.map((n) => `pages/s ${n}`)];
  const rows: string[][] = [];
  const overall = new Map<string, Tally>();
  for (const dataset of datasetsSeen) {
    const first = tallies.get(names[0]!)?.get(dataset);
    if (!first) continue;
    const row = [dataset === "trafilatura" ? "trafilatura (snippet F1)" : dataset, String(first.pages)];
    for (const name of names) {
      const tally = tallies.get(name)!.get(dataset)!;
      if (dataset === "trafilatura") {
        const [tp, fp, fn] = tally.confusion;
        row.push((2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0).toFixed(3));
      } else {
        row.push((tally.f1 / tally.pages).toFixed(3));
        const sum = overall.get(name) ?? { f1: 0, pages: 0, seconds: 0, confusion: [0, 0, 0, 0], errors: 0 };
        sum.f1 += tally.f1;
        sum.pages += tally.pages;
        sum.seconds += tally.seconds;
        overall.set(name, sum);
      }
    }
    for (const name of names) {
      const tally = tallies.get(name)!.get(dataset)!;
      row.push((tally.pages / tally.seconds).toFixed(1));
    }
    rows.push(row);
  }
  if (overall.size > 0) {
    const first = overall.get(names[0]!)!;
    rows.push([
      "overall (token F1 sets, mean over pages)",
      String(first.pages),
      ...names.map((name) => (overall.get(name)!.f1 / overall.get(name)!.pages).toFixed(3)),
      ...names.map((name) => (overall.get(name)!.pages / overall.get(name)!.seconds).toFixed(1)),
    ]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (i < 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(" | ")} |`;
  console.log(`split: ${split}${withTitle ? ", title included" : ""}`);
  console.log(line(header));
  console.log(
    `|${widths.map((w, i) => (i < 1 ? `:${"-".repeat(w + 1)}` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
  );
  for (const row of rows) console.log(line(row));
  const errors = names
    .map((name) => [name, [...tallies.get(name)!.values()].reduce((sum, t) => sum + t.errors, 0)] as const)
    .filter(([, n]) => n > 0);
  if (errors.length) console.log(`errors: ${errors.map(([name, n]) => `${name} ${n}`).join(", ")}`);
  if (dump) writeFileSync(dump, JSON.stringify(perPage));
  if (worst > 0 && names.length >= 2) {
    const gap = perPage
      .filter((page) => page.dataset !== "trafilatura")
      .map((page) => ({ ...page, gap: page.scores[names[0]!]! - page.scores[names[1]!]! }))
      .sort((a, b) => a.gap - b.gap)
      .slice(0, worst);
    console.log(`\nworst ${names[0]} − ${names[1]} pages:`);
    for (const page of gap)
      console.log(
        `${page.dataset}/${page.id}\t${names.map((n) => `${n} ${page.scores[n]!.toFixed(3)}`).join("\t")}`,
      );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
