/**
 * Reads what the weekly pack shows from the stores: coverage of the week by theme and by outlet,
 * its negative articles (newest first, at most 200), the open cases and the running obligations at
 * risk. Labels are the plan's Vietnamese names.
 */
import type { Evaluation } from "../contracts/obligationStatus.ts";
import type { CaseRecord } from "../model/case.ts";
import type { Plan } from "../plan/schema.ts";
import type { ArticleStore } from "../store/articles.ts";
import type { SearchFilters } from "../store/types.ts";
import { addPeriods, periodStart } from "../time/periods.ts";
import type { WeeklyPack } from "./weekly.ts";

const OPEN = new Set(["new", "verifying", "responding"]);

const vietnamDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

export async function gatherWeeklyPack(input: {
  plan: Plan;
  /** Any day of the week, YYYY-MM-DD. */
  day: string;
  store: Pick<ArticleStore, "coverage" | "search">;
  /** The caller's scope (an agency user's agency), applied to every article count and list. */
  filters: SearchFilters;
  cases: CaseRecord[];
  evaluation: Evaluation;
  now: Date;
}): Promise<WeeklyPack> {
  const { plan, store } = input;
  const from = periodStart(input.day, "week");
  const to = addPeriods(from, "day", 6);
  const label = (kind: "theme" | "outlet" | "agency", id: string | null | undefined) => {
    if (!id) return "";
    const list = kind === "theme" ? plan.themes : kind === "outlet" ? plan.outlets : plan.agencies;
    return (list as Array<{ id: string; name: string }>).find((x) => x.id === id)?.name ?? id;
  };
  const filters = { ...input.filters, from, to };
  const [themes, outlets, negative] = await Promise.all([
    store.coverage({ period: "week", from, to, filters, by: ["theme"] }),
    store.coverage({ period: "week", from, to, filters, by: ["outlet"] }),
    store.search({
      filters: { ...filters, tone: ["negative"] },
      sort: "newest",
      size: 200,
      highlight: false,
    }),
  ]);
  const rows = (list: typeof themes.rows, key: "theme" | "outlet") =>
    list
      .map((row) => ({ label: label(key, row[key]), articles: row.raw, stories: row.unique_stories }))
      .sort((a, b) => b.articles - a.articles || a.label.localeCompare(b.label));
  const nowIso = input.now.toISOString();
  const obligation = new Map(input.evaluation.obligations.map((o) => [o.id, o.title]));
  return {
    plan: plan.title,
    from,
    to,
    generated_at: `${vietnamDay(nowIso)} ${new Date(Date.parse(nowIso) + 7 * 3_600_000).toISOString().slice(11, 16)} (giờ Việt Nam)`,
    total: themes.totals.reduce((sum, t) => sum + t.raw, 0),
    byTheme: rows(themes.rows, "theme"),
    byOutlet: rows(outlets.rows, "outlet"),
    negative: negative.hits.map(({ article }) => ({
      published: article.published_at ? vietnamDay(article.published_at) : "",
      outlet: label("outlet", article.outlet),
      title: article.title,
      url: article.url,
    })),
    cases: input.cases
      .filter((c) => OPEN.has(c.status))
      .map((c) => ({ id: c.id, title: c.title, status: c.status, agency: label("agency", c.agency) })),
    atRisk: input.evaluation.rows
      .filter((row) => row.status === "at_risk")
      .map((row) => ({
        obligation: obligation.get(row.obligation) ?? row.obligation,
        outlet: label("outlet", row.outlet),
        period: `${row.from} – ${row.to}`,
        counted: row.counted,
        required: row.required,
      })),
  };
}
