/**
 * Lays out real article pages for the date benchmark from a fetched snapshot of flairNLP/fundus
 * (tests/resources/parser/test_data/<country>/<Publisher>_<date>.html.gz, one recent article per
 * publisher, with its URL in meta.info) into data/bench/dates/ (gitignored: the pages belong to
 * their publishers; none is committed).
 *
 *   node --import tsx tools/data/layout-dates.ts [--mirror /work/.mirror] [--out data/bench/dates]
 *
 * Fundus's own expected JSON is never read: its dates come from fundus's parsers, a program. The
 * labels in bench/data/date-labels.tsv were written by reading each page (its visible byline, or
 * where the page shows none, what it declares), and say so per page.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] ? args[at + 1]! : fallback;
};
const MIRROR = option("--mirror", "/work/.mirror");
const OUT = option("--out", "data/bench/dates");
const REPO = "flairNLP/fundus";
const COMMIT = option("--commit", "HEAD");
const BASE = "tests/resources/parser/test_data";

const gitDir = join(MIRROR, REPO.replace("/", "+"), "repo");
const tmp = mkdtempSync(join(tmpdir(), "pw-dates-"));
const tar = execFileSync("git", ["--git-dir", gitDir, "archive", "--format=tar", COMMIT, BASE], {
  maxBuffer: 2 ** 31,
});
execFileSync("tar", ["-x", "-C", tmp], { input: tar, maxBuffer: 2 ** 31 });

rmSync(OUT, { recursive: true, force: true });
const rows: string[] = [];
for (const country of readdirSync(join(tmp, BASE)).sort()) {
  const dir = join(tmp, BASE, country);
  let meta: Record<string, { url: string; crawl_date?: string }> = {};
  try {
    meta = JSON.parse(readFileSync(join(dir, "meta.info"), "utf8"));
  } catch {
    continue;
  }
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith(".html.gz")) continue;
    const id = `${country}/${file.replace(/\.html\.gz$/, "")}`;
    mkdirSync(join(OUT, country), { recursive: true });
    writeFileSync(join(OUT, `${id}.html`), gunzipSync(readFileSync(join(dir, file))));
    rows.push([id, meta[file]?.url ?? "", meta[file]?.crawl_date ?? ""].join("\t"));
  }
}
writeFileSync(join(OUT, "pages.tsv"), `id\turl\tcrawl_date\n${rows.join("\n")}\n`);
rmSync(tmp, { recursive: true });
console.log(`${rows.length} pages under ${OUT}`);
