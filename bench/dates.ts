/**
 * The date benchmark on real article pages: is the publication day Presswatch reads the day the
 * page gives? Never part of the tests.
 *
 *   node --import tsx tools/data/layout-dates.ts          # once: lays the pages out in data/
 *   node --import tsx bench/dates.ts [--split dev|held-out|all] [--misses]
 *
 * Pages: flairNLP/fundus's test pages (one recent article for each of ~150 publishers in ~40
 * countries and many languages), labels in bench/data/date-labels.tsv written by reading each page.
 * The day compared is the one written in what was read (`published_raw`): its own offset when it has
 * one, the date as written when it has none (a date-only string keeps its day), which is the
 * publisher's local day the labels give. Accuracy counts a page right when the day matches, a page
 * labelled "none" right when no date is given; precision is over the pages where a date is given.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { extractArticle } from "../src/extract/extract.ts";
import { decodeBody } from "../src/fetch/charset.ts";

/** The calendar day an instant has at the offset written in `raw` (+07:00 when it names none). */
export function writtenDay(publishedAt: string, raw: string | null): string {
  const instant = new Date(publishedAt).getTime();
  const text = raw ?? "";
  let offset = 7 * 60;
  const iso = /\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(z|[+-]\d{2}:?\d{2})\b/i.exec(text);
  const dateOnly = /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(text);
  if (iso) {
    const zone = iso[1]!.toLowerCase();
    if (zone === "z") offset = 0;
    else {
      const sign = zone[0] === "-" ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
    }
  } else if (/\b(gmt|utc)\b(?!\s*[+-])/i.test(text) || / z$/i.test(text)) offset = 0;
  if (dateOnly) return text.trim();
  return new Date(instant + offset * 60_000).toISOString().slice(0, 10);
}

interface Label {
  id: string;
  day: string;
  basis: string;
  split: string;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf("--split");
  const split = at >= 0 ? args[at + 1]! : "dev";
  const showMisses = args.includes("--misses");
  const root = "data/bench/dates";
  const pages = new Map(
    readFileSync(join(root, "pages.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => {
        const [id, url, crawl] = line.split("\t");
        return [id!, { url: url!, crawl: crawl! }] as const;
      }),
  );
  const labels: Label[] = readFileSync("bench/data/date-labels.tsv", "utf8")
    .split("\n")
    .filter((line) => line && !line.startsWith("#") && !line.startsWith("id\t"))
    .map((line) => {
      const [id, day, basis, pageSplit] = line.split("\t");
      return { id: id!, day: day!, basis: basis!, split: pageSplit! };
    })
    .filter((label) => label.day !== "x" && (split === "all" || label.split === split));

  const tally = (name: string) => ({ name, pages: 0, right: 0, given: 0, givenRight: 0, missing: 0 });
  const groups = { all: tally("all"), visible: tally("visible"), declared: tally("declared") };
  const misses: string[] = [];
  let seconds = 0;
  for (const label of labels) {
    const page = pages.get(label.id);
    if (!page) continue;
    const html = decodeBody(readFileSync(join(root, `${label.id}.html`))).text;
    const started = process.hrtime.bigint();
    const article = extractArticle(html, {
      url: page.url,
      fetchedAt: new Date(`${page.crawl.replace(" ", "T").slice(0, 19)}Z`),
    });
    seconds += Number(process.hrtime.bigint() - started) / 1e9;
    const day = article.published_at ? writtenDay(article.published_at, article.published_raw) : null;
    const right = label.day === "none" ? day === null : day === label.day;
    for (const group of [groups.all, label.basis === "visible" ? groups.visible : groups.declared]) {
      group.pages++;
      if (right) group.right++;
      if (day !== null) {
        group.given++;
        if (right) group.givenRight++;
      } else group.missing++;
    }
    if (!right)
      misses.push(`${label.id}\twant ${label.day}\tgot ${day} from ${JSON.stringify(article.published_raw)}`);
  }
  console.log(`split: ${split}, ${labels.length} labelled pages (ambiguous ones excluded)`);
  console.log("| pages | n | accuracy | precision (date given) | no date given |");
  console.log("|:--|--:|--:|--:|--:|");
  for (const group of Object.values(groups)) {
    if (group.pages === 0) continue;
    console.log(
      `| ${group.name === "all" ? "all" : `labelled from the ${group.name} date`} | ${group.pages} | ${(group.right / group.pages).toFixed(3)} | ${(group.givenRight / Math.max(1, group.given)).toFixed(3)} | ${group.missing} |`,
    );
  }
  console.log(`extraction: ${(labels.length / seconds).toFixed(1)} pages/s`);
  if (showMisses) console.log(`\n${misses.join("\n")}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
