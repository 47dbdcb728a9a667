/**
 * ReINTEL (VLSP 2020, "Reliable Intelligence Identification on Vietnamese SNSs"): Vietnamese
 * social-network posts labelled reliable (0) or unreliable (1) by the VLSP organisers' annotators.
 * The organisers' train file is not on GitHub; two stratified parts of it are, in
 * hiepnguyenduc2005/Massp_team2 (a MaSSP 2023 student project that split the organisers' file
 * with scikit-learn, labels untouched): `val.csv` and the first `test.csv` (before it was
 * word-segmented). Both are read from a fetched copy of that repository at pinned blobs.
 *
 * The set carries no licence of its own (VLSP distributes ReINTEL under its user agreement), so no
 * text is committed: `layout` writes data/misinfo/reintel.jsonl (gitignored). Posts that mention
 * Kon Tum are dropped (../shared/data/kontum-filter.mjs); word-segmented posts ("cho_biết") are
 * read with their syllables apart; repeated posts are kept once (and
 * dropped when their labels disagree); the split is fixed by a hash of the text, half dev, half
 * test, so it does not depend on the order of the files.
 *
 *   npx tsx tools/data/reintel.ts layout --repo /work/.mirror/hiepnguyenduc2005+Massp_team2/repo
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { parse } from "csv-parse/sync";
import type { EvalItem } from "../../src/signals/evalSet.ts";
import { mentionsKonTum } from "./corpus.ts";

export const REINTEL_REPO = "hiepnguyenduc2005/Massp_team2";
/** The two raw (not word-segmented) parts, by git blob id. */
export const REINTEL_PARTS = [
  { name: "val", blob: "123174f629a85172c26ca4321246b3d826f6f003", path: "val.csv @ 47742bc" },
  { name: "test", blob: "55ebc070f653df3033ce91f5176fb2fc6b64dddb", path: "test.csv @ 921bc4a" },
] as const;
export const DEFAULT_REINTEL_FILE = "data/misinfo/reintel.jsonl";

export interface ReintelPost {
  /** `part:id` (the organisers' id when the part has one, else the row number). */
  id: string;
  /** As published (NFC); the split is fixed on it. */
  message: string;
  /** The message as read: about half the posts come word-segmented ("Kon_Tum", "cho_biết"). */
  text: string;
  timestamp: string;
  unreliable: boolean;
}

export class ReintelError extends Error {}

/** Parses one ReINTEL CSV part (header with post_message and label; id optional). */
export function parseReintelCsv(text: string, part: string): ReintelPost[] {
  const rows = parse(text, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Array<
    Record<string, string>
  >;
  return rows.map((row, index) => {
    const message = (row.post_message ?? "").normalize("NFC");
    const label = (row.label ?? "").trim();
    if (label !== "0" && label !== "1")
      throw new ReintelError(`${part} row ${index + 2}: label "${row.label}" is neither 0 nor 1`);
    return {
      id: `${part}:${row.id?.trim() || `row${index + 2}`}`,
      message,
      text: unsegmented(message),
      timestamp: row.timestamp_post ?? "",
      unreliable: label === "1",
    };
  });
}

/** Undoes word segmentation: the underscore a segmenter puts between the syllables of a word. */
export const unsegmented = (text: string) => text.replace(/(?<=\p{L})_(?=\p{L})/gu, " ");

const normalised = (text: string) => text.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

/** dev or test from the post's text: fixed, and the same for a repeated post. */
export function splitOf(message: string): "dev" | "test" {
  return (createHash("sha256").update(normalised(message)).digest()[0]! & 1) === 0 ? "dev" : "test";
}

/** A post as an article: the first line is its title, the rest its body. */
export function toEvalItem(post: ReintelPost): EvalItem {
  const lines = post.text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim());
  return {
    id: post.id,
    split: splitOf(post.message),
    misinformation: post.unreliable,
    title: (lines[first] ?? "").trim(),
    body: lines
      .slice(first + 1)
      .join("\n")
      .trim(),
  };
}

export interface ReintelLayout {
  items: EvalItem[];
  read: number;
  empty: number;
  kontum: number;
  repeated: number;
  conflicting: number;
}

/** Filters, de-duplicates and splits the posts of every part. */
export function buildReintel(posts: readonly ReintelPost[]): ReintelLayout {
  const byText = new Map<string, ReintelPost[]>();
  let empty = 0;
  let kontum = 0;
  for (const post of posts) {
    if (!post.text.trim()) empty++;
    else if (mentionsKonTum(post.text)) kontum++;
    else {
      const key = normalised(post.text);
      byText.set(key, [...(byText.get(key) ?? []), post]);
    }
  }
  const items: EvalItem[] = [];
  let repeated = 0;
  let conflicting = 0;
  for (const group of byText.values()) {
    repeated += group.length - 1;
    if (new Set(group.map((post) => post.unreliable)).size > 1) conflicting++;
    else items.push(toEvalItem(group[0]!));
  }
  items.sort((a, b) => a.id.localeCompare(b.id));
  return { items, read: posts.length, empty, kontum, repeated, conflicting };
}

export function layoutReintel(gitDir: string, out = DEFAULT_REINTEL_FILE): ReintelLayout {
  const posts = REINTEL_PARTS.flatMap((part) =>
    parseReintelCsv(
      execFileSync("git", ["--git-dir", gitDir, "cat-file", "blob", part.blob], {
        maxBuffer: 2 ** 30,
      }).toString("utf8"),
      part.name,
    ),
  );
  const layout = buildReintel(posts);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, layout.items.map((item) => JSON.stringify(item)).join("\n") + "\n");
  return layout;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { repo: { type: "string" }, out: { type: "string", default: DEFAULT_REINTEL_FILE } },
  });
  if (positionals[0] !== "layout" || !values.repo) {
    console.error(`usage: npx tsx tools/data/reintel.ts layout --repo <git dir of ${REINTEL_REPO}> [--out FILE]`);
    process.exit(2);
  }
  const layout = layoutReintel(values.repo, values.out);
  const count = (split: string, positive: boolean) =>
    layout.items.filter((item) => item.split === split && item.misinformation === positive).length;
  console.log(
    `${values.out}: ${layout.items.length} posts of ${layout.read} read (${layout.empty} empty, ` +
      `${layout.kontum} mention Kon Tum, ${layout.repeated} repeats, ${layout.conflicting} with conflicting labels); ` +
      `dev ${count("dev", true)} unreliable / ${count("dev", false)} reliable, ` +
      `test ${count("test", true)} unreliable / ${count("test", false)} reliable`,
  );
}
