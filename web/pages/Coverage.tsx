/**
 * Coverage over a year: a theme × month heat map (an HTML table, so it reads with a keyboard and
 * a screen reader), trends per theme and per outlet, share of voice, and the plan's monthly
 * targets against what was published.
 */
import { useMemo } from "preact/hooks";
import { api, exportHref, type Query } from "../api/client.ts";
import type { CoverageResult, PlanInfo } from "../api/types.ts";
import { Chart } from "../components/Chart.tsx";
import { ErrorMessage, Loading, PageTitle } from "../components/common.tsx";
import { type I18n, useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { navigate } from "../lib/router.ts";
import { type Session, useSession } from "../lib/session.ts";

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const monthKey = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}-01`;

interface Grid {
  /** key → month (1..12) → { raw, unique } */
  cells: Map<string, Map<number, { raw: number; unique: number }>>;
  totals: Map<number, number>;
  grandTotal: number;
}

function grid(result: CoverageResult, dimension: "theme" | "outlet"): Grid {
  const cells = new Map<string, Map<number, { raw: number; unique: number }>>();
  for (const row of result.rows) {
    const key = row[dimension];
    if (!key) continue;
    const month = Number(row.period.slice(5, 7));
    const line = cells.get(key) ?? new Map();
    const cell = line.get(month) ?? { raw: 0, unique: 0 };
    cell.raw += row.raw;
    cell.unique += row.unique_stories;
    line.set(month, cell);
    cells.set(key, line);
  }
  const totals = new Map<number, number>();
  let grandTotal = 0;
  for (const total of result.totals) {
    const month = Number(total.period.slice(5, 7));
    totals.set(month, (totals.get(month) ?? 0) + total.raw);
    grandTotal += total.raw;
  }
  return { cells, totals, grandTotal };
}

const sumOf = (line: Map<number, { raw: number }> | undefined) =>
  line ? [...line.values()].reduce((sum, cell) => sum + cell.raw, 0) : 0;

/** Keys in the plan's order first, then any others the data has, busiest first. */
function orderedKeys(data: Grid, planOrder: string[]): string[] {
  const present = [...data.cells.keys()];
  const inPlan = planOrder.filter((key) => data.cells.has(key));
  const rest = present
    .filter((key) => !planOrder.includes(key))
    .sort((a, b) => sumOf(data.cells.get(b)) - sumOf(data.cells.get(a)));
  return [...inPlan, ...rest];
}

/** Vietnam's today, YYYY-MM-DD. */
function vietnamToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh" }).format(new Date());
}

export function Coverage({ params }: { params: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const defaultYear = session.plan?.year ?? Number(vietnamToday().slice(0, 4));
  const requested = Number(params.get("year"));
  const year =
    Number.isInteger(requested) && requested >= 2000 && requested <= 2100 ? requested : defaultYear;
  const range: Query = { period: "month", from: `${year}-01-01`, to: `${year}-12-31` };
  const targets = session.plan?.targets ?? [];

  const result = useLoad(
    async (signal) => {
      const targetOutlets = [...new Set(targets.flatMap((target) => target.outlets))];
      const targetThemes = [...new Set(targets.flatMap((target) => target.themes))];
      const [byTheme, byOutlet, forTargets] = await Promise.all([
        api.coverage({ ...range, by: "theme" }, signal),
        api.coverage({ ...range, by: "outlet" }, signal),
        targets.length > 0 && targetOutlets.length > 0
          ? api.coverage({ ...range, by: "outlet,theme", outlet: targetOutlets, theme: targetThemes }, signal)
          : Promise.resolve(null),
      ]);
      return { byTheme, byOutlet, forTargets };
    },
    [year, session.plan],
  );

  return (
    <div class="coverage-page">
      <PageTitle>{t("coverage.title")}</PageTitle>
      <form
        class="inline-form card"
        onSubmit={(event) => {
          event.preventDefault();
          const value = new FormData(event.currentTarget).get("year");
          navigate("/coverage", { year: typeof value === "string" ? value : "" });
        }}
      >
        <div class="field">
          <label for="coverage-year">{t("coverage.year")}</label>
          <input
            id="coverage-year"
            name="year"
            type="number"
            min={2000}
            max={2100}
            defaultValue={String(year)}
          />
        </div>
        <button type="submit">{t("coverage.apply")}</button>
        {session.can("coverage.export") && (
          <p class="exports">
            <a
              class="button secondary"
              href={exportHref("/api/coverage.csv", { ...range, by: "theme" })}
              download
            >
              {t("coverage.export")} (CSV)
            </a>
            <a
              class="button secondary"
              href={exportHref("/api/coverage.xlsx", { ...range, by: "theme,outlet" })}
              download
            >
              {t("coverage.export")} (XLSX)
            </a>
          </p>
        )}
      </form>
      {result.state === "error" && <ErrorMessage error={result.error} onRetry={result.reload} />}
      {!result.data && result.state === "loading" && <Loading />}
      {result.data && (
        <CoverageBody
          year={year}
          byTheme={result.data.byTheme}
          byOutlet={result.data.byOutlet}
          forTargets={result.data.forTargets}
          plan={session.plan}
          session={session}
          i18n={i18n}
        />
      )}
    </div>
  );
}

function CoverageBody({
  year,
  byTheme,
  byOutlet,
  forTargets,
  plan,
  session,
  i18n,
}: {
  year: number;
  byTheme: CoverageResult;
  byOutlet: CoverageResult;
  forTargets: CoverageResult | null;
  plan: PlanInfo | null;
  session: Session;
  i18n: I18n;
}) {
  const { t } = i18n;
  const themes = useMemo(() => grid(byTheme, "theme"), [byTheme]);
  const outlets = useMemo(() => grid(byOutlet, "outlet"), [byOutlet]);
  const themeKeys = orderedKeys(themes, plan?.themes.map((theme) => theme.id) ?? []);
  const outletKeys = orderedKeys(outlets, []).slice(0, 8);
  const monthLabels = MONTHS.map((month) => t("coverage.month", { month }));

  const themeTrend = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: monthLabels },
      yAxis: { type: "value", minInterval: 1 },
      series: themeKeys.map((key) => ({
        name: session.label("theme", key),
        type: "line",
        data: MONTHS.map((month) => themes.cells.get(key)?.get(month)?.raw ?? 0),
      })),
    }),
    [themes, i18n.lang],
  );
  const outletTrend = useMemo(
    () => ({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", bottom: 0 },
      grid: { left: 40, right: 16, top: 16, bottom: 56 },
      xAxis: { type: "category", data: monthLabels },
      yAxis: { type: "value", minInterval: 1 },
      series: outletKeys.map((key) => ({
        name: session.label("outlet", key),
        type: "line",
        data: MONTHS.map((month) => outlets.cells.get(key)?.get(month)?.raw ?? 0),
      })),
    }),
    [outlets, i18n.lang],
  );
  const shareOption = (data: Grid, keys: string[], kind: "theme" | "outlet") => ({
    tooltip: {
      trigger: "axis",
      axisPointer: { type: "shadow" },
      valueFormatter: (value: number) => `${value}%`,
    },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", axisLabel: { show: false }, splitLine: { show: false } },
    yAxis: {
      type: "category",
      inverse: true,
      data: keys.map((key) => truncate(session.label(kind, key), 28)),
    },
    series: [
      {
        type: "bar",
        label: { show: true, position: "right", formatter: "{c}%" },
        data: keys.map((key) =>
          data.grandTotal ? Math.round((sumOf(data.cells.get(key)) / data.grandTotal) * 1000) / 10 : 0,
        ),
      },
    ],
  });
  const themeShare = useMemo(() => shareOption(themes, themeKeys, "theme"), [themes, i18n.lang]);
  const outletShare = useMemo(() => shareOption(outlets, outletKeys, "outlet"), [outlets, i18n.lang]);

  if (themes.grandTotal === 0) return <p class="notice">{t("coverage.empty")}</p>;
  return (
    <>
      <section class="card" aria-labelledby="heatmap-title">
        <h2 id="heatmap-title">{t("coverage.heatmap")}</h2>
        <p class="muted">{t("coverage.heatmapHint")}</p>
        <HeatMap data={themes} keys={themeKeys} year={year} session={session} i18n={i18n} />
      </section>
      <div class="grid-2">
        <section class="card" aria-labelledby="theme-trend-title">
          <h2 id="theme-trend-title">{t("coverage.themeTrend")}</h2>
          <Chart
            option={themeTrend}
            label={t("coverage.themeTrend")}
            height={320}
            testId="chart-theme-trend"
          />
        </section>
        <section class="card" aria-labelledby="outlet-trend-title">
          <h2 id="outlet-trend-title">{t("coverage.outletTrend")}</h2>
          <Chart
            option={outletTrend}
            label={t("coverage.outletTrend")}
            height={320}
            testId="chart-outlet-trend"
          />
        </section>
        <section class="card" aria-labelledby="share-title">
          <h2 id="share-title">{t("coverage.share")}</h2>
          <Chart
            option={themeShare}
            label={t("coverage.share")}
            height={Math.max(200, themeKeys.length * 34)}
            testId="chart-theme-share"
            table={<ShareTable data={themes} keys={themeKeys} kind="theme" session={session} i18n={i18n} />}
          />
        </section>
        <section class="card" aria-labelledby="outlet-share-title">
          <h2 id="outlet-share-title">{t("coverage.outletShare")}</h2>
          <Chart
            option={outletShare}
            label={t("coverage.outletShare")}
            height={Math.max(200, outletKeys.length * 34)}
            testId="chart-outlet-share"
            table={
              <ShareTable data={outlets} keys={outletKeys} kind="outlet" session={session} i18n={i18n} />
            }
          />
        </section>
      </div>
      <Targets year={year} result={forTargets} plan={plan} session={session} i18n={i18n} />
    </>
  );
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}

function HeatMap({
  data,
  keys,
  year,
  session,
  i18n,
}: {
  data: Grid;
  keys: string[];
  year: number;
  session: Session;
  i18n: I18n;
}) {
  const { t, number } = i18n;
  const max = Math.max(
    1,
    ...keys.flatMap((key) => [...(data.cells.get(key)?.values() ?? [])].map((cell) => cell.raw)),
  );
  return (
    <div class="table-wrap">
      <table class="heatmap" data-testid="heatmap">
        <caption class="visually-hidden">{t("coverage.heatmap")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("coverage.theme")}</th>
            {MONTHS.map((month) => (
              <th scope="col" key={month} class="num">
                <abbr
                  title={t("coverage.month", { month })}
                >{`${String(month).padStart(2, "0")}/${String(year).slice(2)}`}</abbr>
              </th>
            ))}
            <th scope="col" class="num">
              {t("coverage.total")}
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const line = data.cells.get(key);
            return (
              <tr key={key} data-theme={key}>
                <th scope="row">{session.label("theme", key)}</th>
                {MONTHS.map((month) => {
                  const cell = line?.get(month) ?? { raw: 0, unique: 0 };
                  const level = cell.raw / max;
                  return (
                    <td
                      key={month}
                      data-month={month}
                      style={{ background: heat(level), color: textOn(heat(level)) }}
                      title={t("coverage.cell", {
                        theme: session.label("theme", key),
                        month,
                        raw: cell.raw,
                        unique: cell.unique,
                      })}
                    >
                      {number(cell.raw)}
                      {cell.raw > 0 && <span class="heat-unique">({number(cell.unique)})</span>}
                    </td>
                  );
                })}
                <td class="num">
                  <strong>{number(sumOf(line))}</strong>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("coverage.total")}</th>
            {MONTHS.map((month) => (
              <td key={month} class="num">
                {number(data.totals.get(month) ?? 0)}
              </td>
            ))}
            <td class="num">
              <strong>{number(data.grandTotal)}</strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

/**
 * White to the primary blue. Mid-blues on which neither white nor near-black text reaches 4.5:1
 * (WCAG 1.4.3) are skipped: such a level takes the next darker blue that white text reads on.
 */
function heat(level: number): string {
  if (level <= 0) return "#ffffff";
  for (let at = Math.min(1, level); ; at = Math.min(1, at + 0.01)) {
    const color = mixHeat(at);
    if (at >= 1 || contrast(color, textOn(color)) >= MIN_CONTRAST) return color;
  }
}

const MIN_CONTRAST = 4.6;

function mixHeat(level: number): string {
  const from = [230, 238, 248];
  const to = [18, 53, 94];
  const mix = from.map((start, i) => Math.round(start + (to[i]! - start) * level));
  return `rgb(${mix.join(",")})`;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** WCAG relative luminance of an rgb(r,g,b) or #ffffff colour. */
function luminance(color: string): number {
  const parts = color.startsWith("#")
    ? [1, 3, 5].map((i) => Number.parseInt(color.slice(i, i + 2), 16))
    : (color.match(/\d+/g) ?? []).map(Number);
  const [r = 0, g = 0, b = 0] = parts.map((value) => {
    const channel = value / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** White or near-black, whichever reads better on the background. */
function textOn(background: string): string {
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance("#1b1f24") + 0.05);
  return onWhite > onDark ? "#ffffff" : "#1b1f24";
}

function ShareTable({
  data,
  keys,
  kind,
  session,
  i18n,
}: {
  data: Grid;
  keys: string[];
  kind: "theme" | "outlet";
  session: Session;
  i18n: I18n;
}) {
  return (
    <table>
      <tbody>
        {keys.map((key) => {
          const total = sumOf(data.cells.get(key));
          return (
            <tr key={key}>
              <th scope="row">{session.label(kind, key)}</th>
              <td class="num">{i18n.number(total)}</td>
              <td class="num">{i18n.percent(data.grandTotal ? total / data.grandTotal : 0)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Targets({
  year,
  result,
  plan,
  session,
  i18n,
}: {
  year: number;
  result: CoverageResult | null;
  plan: PlanInfo | null;
  session: Session;
  i18n: I18n;
}) {
  const { t } = i18n;
  const targets = plan?.targets ?? [];
  const today = vietnamToday();
  const count = (outlet: string, themes: string[], month: number) =>
    (result?.rows ?? [])
      .filter(
        (row) =>
          row.outlet === outlet &&
          row.theme &&
          themes.includes(row.theme) &&
          row.period === monthKey(year, month),
      )
      .reduce((sum, row) => sum + row.raw, 0);
  return (
    <section class="card" aria-labelledby="targets-title">
      <h2 id="targets-title">{t("coverage.targets")}</h2>
      <p class="muted">{t("coverage.targetsHint")}</p>
      {targets.length === 0 ? (
        <p>{t("coverage.noTargets")}</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="targets">
            <thead>
              <tr>
                <th scope="col">{t("contracts.obligation")}</th>
                <th scope="col">{t("coverage.outlet")}</th>
                <th scope="col">{t("coverage.target")}</th>
                {MONTHS.map((month) => (
                  <th scope="col" class="num" key={month}>
                    <abbr title={t("coverage.month", { month })}>{month}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {targets.flatMap((target) =>
                target.outlets.map((outlet) => (
                  <tr key={`${target.id}-${outlet}`}>
                    <th scope="row">
                      {target.title} <span class="muted">({target.section})</span>
                    </th>
                    <td>{session.label("outlet", outlet)}</td>
                    <td>{t("coverage.perMonth", { count: target.min_count })}</td>
                    {MONTHS.map((month) => {
                      const value = count(outlet, target.themes, month);
                      const met = value >= target.min_count;
                      const over = monthKey(year, month) < `${today.slice(0, 7)}-01`;
                      const status = met ? "met" : over ? "missed" : "not_yet_due";
                      return (
                        <td
                          key={month}
                          class={`num status-${status}`}
                          title={met ? t("coverage.met") : t("coverage.notMet")}
                        >
                          {value}
                          <span class="visually-hidden">
                            {" "}
                            {met ? t("coverage.met") : t("coverage.notMet")}
                          </span>
                        </td>
                      );
                    })}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
