/**
 * Lays out the public extraction benchmarks from fetched git snapshots into data/bench/extract/
 * (gitignored: the pages' licences are research-only or unknown, so no page is committed), and
 * writes the list of pages with their development / held-out split to bench/data/extract-pages.tsv.
 *
 *   node --import tsx tools/data/layout-extraction.ts [--mirror /work/.mirror] [--out data/bench/extract]
 *
 * Sources (owner/name at the pinned commit, read with `git archive`, never checked out):
 *   readability       mozilla/readability            test/test-pages/<case>/{source,expected}.html
 *   cleaneval         j-szulc/html-cleaning-dataset-merged  cleaneval-{dev,final}/{input,GoldStandard}
 *   cleanportaleval   ppke-nlpg/CleanPortalEval      {input,GoldStandard}
 *   dragnet           j-szulc/html-cleaning-dataset-merged dragnet_data/input (the HTML is absent from
 *                     seomoz/dragnet_data's snapshot: over 4 MiB) + seomoz/dragnet_data Corrected
 *   l3s-gn1           geodrome/page-signal           L3S-GN1-20100130203947-00001/{original,annotated}
 *   trafilatura       adbar/trafilatura              tests/evaldata.json + tests/cache|eval (snippets)
 *
 * Ground truth is made the way the Web Content Extraction Benchmark's dataset_readers.py makes it
 * (chatnoir-eu/web-content-extraction-benchmark): CleanEval gold is the text of the parsed clean
 * file with the URL line removed; Readability's is the text of expected.html; Dragnet's the
 * corrected text as is; L3S-GN1's the leaf spans of classes x-nc-sel1..3, a newline before those
 * whose parent is a block. Trafilatura's set has no full gold text: it keeps its own with/without
 * snippets, scored by its own rule. CETD and Google-Trends-2017 were not found in any public
 * repository reachable here; the Scrapinghub set is reserved and never read.
 *
 * Each page goes to dev or held-out by a hash of dataset/id (half each), fixed for all time.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { load } from "cheerio";
import { decodeBody } from "../../src/fetch/charset.ts";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const MIRROR = option("--mirror", "/work/.mirror");
const OUT = option("--out", "data/bench/extract");
const LIST = "bench/data/extract-pages.tsv";

const SOURCES = {
  readability: { repo: "mozilla/readability", commit: "ab4027a8b37669745016869a37a504727992b2ba" },
  merged: { repo: "j-szulc/html-cleaning-dataset-merged", commit: "46e01a04b47051838a228bf23631430b2c9de375" },
  cpe: { repo: "ppke-nlpg/CleanPortalEval", commit: "517726d64d8ded8846bf27ae2808853b1cd0ffe8" },
  dragnet: { repo: "seomoz/dragnet_data", commit: "95559bee8812387d8e2cca2e8090004319ab9602" },
  l3s: { repo: "geodrome/page-signal", commit: "186d8153b3d111f84865ddc180600a9cbe35ac7f" },
  trafilatura: { repo: "adbar/trafilatura", commit: "e90b0ef51ab026fdb905fb6c5b3c84dd3d784fd5" },
} as const;

type Source = keyof typeof SOURCES;

function gitDir(source: Source): string {
  return join(MIRROR, SOURCES[source].repo.replace("/", "+"), "repo");
}

/** Extracts `paths` of a snapshot at its pinned commit into a fresh temporary folder. */
function extract(source: Source, paths: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "pw-layout-"));
  const tar = execFileSync(
    "git",
    ["--git-dir", gitDir(source), "archive", "--format=tar", SOURCES[source].commit, ...paths],
    { maxBuffer: 2 ** 31 },
  );
  execFileSync("tar", ["-x", "-C", dir], { input: tar, maxBuffer: 2 ** 31 });
  return dir;
}

function text(bytes: Buffer): string {
  return decodeBody(bytes).text;
}

/** The body's text content, as resiliparse's `tree.body.text` gives it. */
function bodyText(html: string): string {
  const $ = load(html);
  const body = $("body");
  return body.length ? body.text() : $.root().text();
}

const BLOCK_PARENTS = new Set(
  "address article aside blockquote canvas dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav noscript ol p pre section table tfoot ul video".split(
    " ",
  ),
);

/** WCEB's L3S-GN1 gold: leaf spans of the selected classes, a newline before block children. */
function l3sGold(html: string): string {
  const $ = load(html);
  let content = "";
  for (const element of $(".x-nc-sel1, .x-nc-sel2, .x-nc-sel3").toArray()) {
    const children = element.children;
    if (children.length !== 1 || children[0]!.type !== "text") continue;
    const parent = element.parent;
    if (parent && parent.type === "tag" && BLOCK_PARENTS.has(parent.name)) content += "\n";
    content += `${$(element).text().trim()} `;
  }
  return content.trim();
}

function cleanevalGold(raw: string): string {
  const withoutUrl = raw.replace(/^\s*URL:[^\n]*\n?/, "");
  return bodyText(withoutUrl)
    .replace(/\n +/g, "\n")
    .replace(/^\s*URL:[^\n]+\s*/, "");
}

function split(dataset: string, id: string): "dev" | "held-out" {
  const byte = createHash("sha256").update(`${dataset}/${id}`).digest()[0]!;
  return byte % 2 === 0 ? "dev" : "held-out";
}

const rows: string[] = [];

function write(dataset: string, id: string, html: Buffer, gold: string, origin: string): void {
  const dir = join(OUT, dataset);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${id}.html`), html);
  writeFileSync(join(dir, `${id}.gold.txt`), gold);
  rows.push([dataset, id, split(dataset, id), origin].join("\t"));
}

function readability(): void {
  const root = extract("readability", ["test/test-pages"]);
  const base = join(root, "test/test-pages");
  for (const id of readdirSync(base).sort()) {
    let source: Buffer;
    let expected: Buffer;
    try {
      source = readFileSync(join(base, id, "source.html"));
      expected = readFileSync(join(base, id, "expected.html"));
    } catch {
      continue;
    }
    write("readability", id, source, bodyText(text(expected)), `mozilla/readability:test/test-pages/${id}`);
  }
  rmSync(root, { recursive: true });
}

function cleanevalLike(dataset: string, source: Source, prefix: string, ids: "txt"): void {
  const root = extract(source, [`${prefix}input`, `${prefix}GoldStandard`]);
  for (const file of readdirSync(join(root, `${prefix}GoldStandard`)).sort()) {
    if (!file.endsWith(`.${ids}`)) continue;
    const id = basename(file, ".txt");
    let html: Buffer;
    try {
      html = readFileSync(join(root, `${prefix}input`, `${id}.html`));
    } catch {
      continue;
    }
    const stripped = Buffer.from(text(html).replace(/(?:^<text [^>]+>\s*|\s*<\/text>$)/gm, ""));
    const gold = cleanevalGold(text(readFileSync(join(root, `${prefix}GoldStandard`, file))));
    const setName = prefix ? prefix.replace(/\/$/, "") : "";
    write(
      dataset,
      setName.startsWith("cleaneval-") ? `${setName.slice("cleaneval-".length)}-${id}` : id,
      stripped,
      gold,
      `${SOURCES[source].repo}:${prefix}input/${id}.html`,
    );
  }
  rmSync(root, { recursive: true });
}

function dragnet(): void {
  const htmlRoot = extract("merged", ["dragnet_data/input"]);
  const goldRoot = mkdtempSync(join(tmpdir(), "pw-layout-"));
  const archive = execFileSync(
    "git",
    ["--git-dir", gitDir("dragnet"), "show", `${SOURCES.dragnet.commit}:dragnet_Corrected.tar.gz`],
    { maxBuffer: 2 ** 30 },
  );
  execFileSync("tar", ["-xz", "-C", goldRoot], { input: archive });
  for (const file of readdirSync(join(goldRoot, "Corrected")).sort()) {
    const id = file.replace(/\.html\.corrected\.txt$/, "");
    let html: Buffer;
    try {
      html = readFileSync(join(htmlRoot, "dragnet_data/input", `${id}.html`));
    } catch {
      continue;
    }
    const gold = text(readFileSync(join(goldRoot, "Corrected", file)));
    write("dragnet", id, html, gold, `j-szulc/html-cleaning-dataset-merged:dragnet_data/input/${id}.html`);
  }
  rmSync(htmlRoot, { recursive: true });
  rmSync(goldRoot, { recursive: true });
}

function l3s(): void {
  const prefix = "L3S-GN1-20100130203947-00001";
  const root = extract("l3s", [`${prefix}/original`, `${prefix}/annotated`]);
  for (const file of readdirSync(join(root, prefix, "annotated")).sort()) {
    const id = basename(file, ".html");
    const html = readFileSync(join(root, prefix, "original", file));
    const gold = l3sGold(text(readFileSync(join(root, prefix, "annotated", file))));
    write("l3s-gn1", id, html, gold, `geodrome/page-signal:${prefix}/original/${file}`);
  }
  rmSync(root, { recursive: true });
}

function trafilatura(): void {
  const root = extract("trafilatura", ["tests/evaldata.json", "tests/cache", "tests/eval"]);
  const evaldata = JSON.parse(readFileSync(join(root, "tests/evaldata.json"), "utf8")) as Record<
    string,
    { file: string; with: string[]; without: string[] }
  >;
  const dir = join(OUT, "trafilatura");
  mkdirSync(dir, { recursive: true });
  for (const url of Object.keys(evaldata).sort()) {
    const item = evaldata[url]!;
    let html: Buffer | undefined;
    for (const sub of ["cache", "eval"]) {
      try {
        html = readFileSync(join(root, "tests", sub, item.file));
        break;
      } catch {}
    }
    if (!html) continue;
    const id = createHash("sha256").update(url).digest("hex").slice(0, 16);
    writeFileSync(join(dir, `${id}.html`), html);
    writeFileSync(
      join(dir, `${id}.snippets.json`),
      JSON.stringify({ url, with: item.with, without: item.without }),
    );
    rows.push(["trafilatura", id, split("trafilatura", id), `adbar/trafilatura:tests/${item.file}`].join("\t"));
  }
  rmSync(root, { recursive: true });
}

rmSync(OUT, { recursive: true, force: true });
readability();
cleanevalLike("cleaneval", "merged", "cleaneval-dev/", "txt");
cleanevalLike("cleaneval", "merged", "cleaneval-final/", "txt");
cleanevalLike("cleanportaleval", "cpe", "", "txt");
dragnet();
l3s();
trafilatura();
mkdirSync("bench/data", { recursive: true });
writeFileSync(LIST, `dataset\tid\tsplit\torigin\n${rows.join("\n")}\n`);
const counts = new Map<string, number>();
for (const row of rows) counts.set(row.split("\t")[0]!, (counts.get(row.split("\t")[0]!) ?? 0) + 1);
console.log([...counts].map(([dataset, n]) => `${dataset}: ${n}`).join("\n"));
console.log(`pages under ${OUT}, list in ${LIST}`);
