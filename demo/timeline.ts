/**
 * The script of the demo month, pure: which article each outlet publishes, its publication time in
 * the month (Viet Nam time) and when, in the compressed run, it appears in the outlet's feed.
 *
 * One month is played in `minutes`: publication times map linearly onto the run, so a day of June
 * lasts minutes/30 of real time. The script holds:
 *   - the partner stream across the plan's seven themes (most of the articles);
 *   - the monthly columns on Báo Kon Tum and KRT, except one: KRT's forestry column never runs,
 *     which the obligations evaluation must report as missed;
 *   - World Environment Day (5 June) answered by the provincial outlets;
 *   - on 18 June, a false claim (fake Sâm Ngọc Linh) reprinted by four outlets within minutes of
 *     each other, then the provincial portal's official correction the next day.
 */
import { CAMPAIGN, COLUMNS, correctionText, rumourText } from "./corpus/scripted.ts";
import { AUTHORS, fillSlots, GENERIC_SENTENCES } from "./corpus/slots.ts";
import { THEME_CORPUS } from "./corpus/themes.ts";
import { DEMO_OUTLETS } from "./outlets.ts";
import { type Random, seededRandom } from "./random.ts";

export const DEMO_YEAR = 2024;
export const DEMO_MONTH = 6;

export type ArticleRole = "partner" | "column" | "campaign" | "rumour" | "correction";

export interface ScriptedArticle {
  /** Stable number, part of the address. */
  number: number;
  outlet: string;
  role: ArticleRole;
  /** The theme it was written on (the analysis decides on its own). */
  theme: string;
  /** For columns: the plan obligation it answers. */
  obligation?: string;
  title: string;
  lead: string;
  paragraphs: string[];
  section: string;
  author: string;
  /** "2024-06-18 09:05", Viet Nam time. */
  published: string;
  /** When it appears, as a fraction of the run (0..1). */
  at: number;
}

export interface Timeline {
  year: number;
  month: number;
  articles: ScriptedArticle[];
  /** The column the script leaves out: the truth the evaluation must find. */
  missingColumn: { obligation: string; outlet: string };
  rumourOutlets: string[];
}

const DAYS = 30;
const pad = (n: number) => String(n).padStart(2, "0");

function localTime(day: number, minuteOfDay: number): string {
  return `${DEMO_YEAR}-${pad(DEMO_MONTH)}-${pad(day)} ${pad(Math.floor(minuteOfDay / 60))}:${pad(minuteOfDay % 60)}`;
}

/** Where a local time falls in the month, 0..1 (1 June 00:00 → 0). */
function fractionOf(day: number, minuteOfDay: number): number {
  return ((day - 1) * 1440 + minuteOfDay) / (DAYS * 1440);
}

function themeArticle(themeId: string, random: Random) {
  const corpus = THEME_CORPUS.find((t) => t.id === themeId)!;
  const own = random.sample(corpus.sentences, 5).map((s) => fillSlots(s, random));
  const generic = random.sample(GENERIC_SENTENCES, 2).map((s) => fillSlots(s, random));
  // Paragraphs of two sentences, a generic one closing the piece.
  const paragraphs = [`${own[0]} ${own[1]}`, own[2]!, `${own[3]} ${generic[0]}`, `${own[4]} ${generic[1]}`];
  return {
    title: fillSlots(random.pick(corpus.titles), random),
    lead: fillSlots(random.pick(corpus.leads), random),
    paragraphs,
    section: corpus.section,
  };
}

function pickWeighted<T extends { weight: number }>(items: readonly T[], random: Random): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let at = random.next() * total;
  for (const item of items) {
    at -= item.weight;
    if (at <= 0) return item;
  }
  return items.at(-1)!;
}

/** Office hours mostly, as newsrooms publish: 06:00 to 22:00. */
function randomMinute(random: Random): number {
  return random.int(6 * 60, 22 * 60 - 1);
}

export function buildTimeline(options: { articles?: number; seed?: number } = {}): Timeline {
  const random = seededRandom(options.seed ?? 2024_06);
  const partnerCount = options.articles ?? 300;
  const articles: Omit<ScriptedArticle, "number">[] = [];
  const add = (
    article: Omit<ScriptedArticle, "number" | "author" | "at" | "published">,
    day: number,
    minute: number,
  ) =>
    articles.push({
      ...article,
      author: random.pick(AUTHORS),
      published: localTime(day, minute),
      at: fractionOf(day, minute),
    });

  for (let i = 0; i < partnerCount; i++) {
    const outlet = pickWeighted(DEMO_OUTLETS, random);
    const theme = random.pick(outlet.themes);
    add(
      { outlet: outlet.id, role: "partner", theme, ...themeArticle(theme, random) },
      random.int(1, DAYS),
      randomMinute(random),
    );
  }

  const missingColumn = { obligation: "column_forestry", outlet: "krt" };
  for (const outlet of ["bao_kon_tum", "krt"]) {
    for (const column of COLUMNS) {
      if (column.id === missingColumn.obligation && outlet === missingColumn.outlet) continue;
      const text = themeArticle(column.theme, random);
      add(
        {
          outlet,
          role: "column",
          theme: column.theme,
          obligation: column.id,
          ...text,
          title: `${column.marker}: ${text.title}`,
        },
        random.int(8, 26),
        randomMinute(random),
      );
    }
  }

  for (const outlet of ["bao_kon_tum", "krt", "cong_ttdt_tinh"]) {
    const text = themeArticle(CAMPAIGN.theme, random);
    add(
      {
        outlet,
        role: "campaign",
        theme: CAMPAIGN.theme,
        ...text,
        title: `${CAMPAIGN.marker}: ${text.title}`,
      },
      CAMPAIGN.day,
      random.int(7 * 60, 18 * 60),
    );
  }

  // The rumour: four reprints within the morning of 18 June, the correction the next afternoon.
  const rumourOutlets = ["vietnamnet", "sggp", "dien_dan_doanh_nghiep", "dai_bieu_nhan_dan"];
  rumourOutlets.forEach((outlet, i) => {
    add({ outlet, role: "rumour", theme: "agriculture", ...rumourText(i) }, 18, 8 * 60 + 10 + i * 35);
  });
  add(
    { outlet: "cong_ttdt_tinh", role: "correction", theme: "agriculture", ...correctionText() },
    19,
    15 * 60,
  );

  const ordered = articles
    .sort((a, b) => a.at - b.at || a.outlet.localeCompare(b.outlet))
    .map((article, i) => ({ ...article, number: 240_600 + i }));
  return { year: DEMO_YEAR, month: DEMO_MONTH, articles: ordered, missingColumn, rumourOutlets };
}
