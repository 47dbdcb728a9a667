/**
 * The public Vietnamese news corpora the analyzer learns from (VNTC, 2003–06, and TC201805,
 * 2016–18, in magizbox/underthesea.classification at one pinned commit), read from a fetched copy
 * of that repository. The texts carry no licence, so none is committed: labelled sets commit each
 * item's corpus path and labels, and `layoutCorpus` lays the texts out again from the repository.
 *
 * Every document that names Kon Tum or one of its places is dropped here, by the shared filter
 * (../shared/data/kontum-filter.mjs): the province's independent evaluation is drawn from those.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
// @ts-expect-error: a plain ES module without types, shared by the project's data scripts.
import { mentionsKonTum } from "../../../shared/data/kontum-filter.mjs";

export const CORPUS_REPO = "magizbox/underthesea.classification";
export const CORPUS_COMMIT = "681d6f3b2ffeca51879c66c40d1f9f280bb9f090";
const CORPUS_PATHS = ["data/vntc/raw_data", "data/TC201805/corpus"];
export const DEFAULT_RAW_DIR = "data/real/raw";

export interface CorpusDoc {
  /** The file's path in the repository at CORPUS_COMMIT: the item's stable id. */
  path: string;
  corpus: "vntc" | "tc201805";
  /** The corpus' own topic folder (not a plan theme). */
  category: string;
  title: string;
  /** VNTC often runs the lead on after the title and the source tag: "Tiêu đề (NLĐ)- Sapô…". */
  lead: string;
  /** The rest, paragraphs joined by newlines. */
  body: string;
}

/** Extracts the corpora from a fetched git directory of CORPUS_REPO into `rawDir`. */
export function layoutCorpus(gitDir: string, rawDir = DEFAULT_RAW_DIR): void {
  mkdirSync(rawDir, { recursive: true });
  // Each folder's own tree, not the commit with a pathspec: git then walks the whole commit and
  // stops at any object a snapshot left out (its largest files, such as data/vntc/corpus/data.xlsx).
  for (const path of CORPUS_PATHS) {
    const tar = execFileSync(
      "git",
      ["--git-dir", gitDir, "archive", `--prefix=${path}/`, `${CORPUS_COMMIT}:${path}`],
      { maxBuffer: 2 ** 31 - 1 },
    );
    execFileSync("tar", ["-x", "-C", rawDir], { input: tar, maxBuffer: 2 ** 31 - 1 });
  }
}

function decode(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString("utf16le");
  return bytes.toString("utf8").replace(/^\uFEFF/, "");
}

const ENTITIES: Record<string, string> = { amp: "&", quot: '"', apos: "'", lt: "<", gt: ">", nbsp: " " };
const unescape = (s: string) =>
  s.replace(/&(amp|quot|apos|lt|gt|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "");
// "Tiêu đề (NLĐ)- Sapô": a source tag of a few letters, then a dash.
const RUN_ON_LEAD = /^(.{8,250}?)\s*\(([\p{Lu}\p{L}.&\s]{2,24})\)\s*[-–—]\s*(.+)$/u;

/** Parses one corpus file: the title (and a run-on lead), then the body. */
export function parseCorpusFile(path: string, bytes: Buffer): CorpusDoc {
  const lines = unescape(decode(bytes))
    .normalize("NFC")
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const parts = path.split("/");
  const corpus = path.startsWith("data/vntc/") ? "vntc" : "tc201805";
  const category = corpus === "vntc" ? (parts[4] ?? "") : (parts[3] ?? "");
  const first = lines[0] ?? "";
  const runOn = corpus === "vntc" ? RUN_ON_LEAD.exec(first) : null;
  if (runOn) return { path, corpus, category, title: runOn[1]!, lead: runOn[3]!, body: lines.slice(1).join("\n") };
  if (corpus === "tc201805")
    return { path, corpus, category, title: first, lead: lines[1] ?? "", body: lines.slice(2).join("\n") };
  return { path, corpus, category, title: first, lead: "", body: lines.slice(1).join("\n") };
}

/** Reads one document by its repository path from a laid-out corpus. */
export function readCorpusDoc(path: string, rawDir = DEFAULT_RAW_DIR): CorpusDoc {
  return parseCorpusFile(path, readFileSync(join(rawDir, path)));
}

/** Every document of the laid-out corpora that does not mention Kon Tum, in a stable order. */
export function* corpusDocs(rawDir = DEFAULT_RAW_DIR): Generator<CorpusDoc> {
  if (!existsSync(join(rawDir, CORPUS_PATHS[0] as string))) {
    throw new Error(
      `no corpus under ${rawDir}: lay it out first with 'npx tsx tools/data/real-set.ts layout --repo <git dir of ${CORPUS_REPO}>'`,
    );
  }
  for (const top of CORPUS_PATHS) {
    for (const file of walk(join(rawDir, top))) {
      const doc = parseCorpusFile(relative(rawDir, file), readFileSync(file));
      if (!doc.title || mentionsKonTum(`${doc.title}\n${doc.lead}\n${doc.body}`)) continue;
      yield doc;
    }
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith(".txt")) yield full;
  }
}

export { mentionsKonTum };
