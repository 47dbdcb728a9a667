/**
 * The demo's closing summary as text, pure: coverage of the month by theme and outlet, the alerts
 * raised, the status of every obligation of the demo month, and where the dashboard is.
 */

import { STATUS_LABEL } from "../src/contracts/labels.ts";
import type { Evaluation, StatusRow } from "../src/contracts/obligationStatus.ts";
import type { Alert } from "../src/model/alert.ts";
import { alertTitleText, type Lang, plainLine, type TextLabels } from "../src/notify/text.ts";
import type { CoverageRow } from "../src/store/types.ts";

export interface SummaryInput {
  month: string;
  themes: Array<{ id: string; name: string }>;
  outlets: Array<{ id: string; short: string; name: string }>;
  coverage: CoverageRow[];
  alerts: Alert[];
  /** The alerts' texts are rendered in this language with these names (src/notify/text.ts). */
  lang: Lang;
  labels: TextLabels;
  evaluation: Evaluation;
  /** Published by the press web vs indexed (null against real outlets). */
  published: number | null;
  indexed: number;
  throughput: string;
  dashboard: { url: string; username: string; password: string };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function coverageTable(input: Pick<SummaryInput, "themes" | "outlets" | "coverage">): string {
  const cell = new Map(input.coverage.map((row) => [`${row.theme}|${row.outlet}`, row.raw]));
  const themes = [
    ...input.themes,
    ...[...new Set(input.coverage.map((r) => r.theme ?? ""))]
      .filter((id) => id && !input.themes.some((t) => t.id === id))
      .map((id) => ({ id, name: id })),
  ];
  const rows = themes.map((theme) => {
    const counts = input.outlets.map((o) => cell.get(`${theme.id}|${o.id}`) ?? 0);
    return [theme.name, ...counts.map(String), String(counts.reduce((a, b) => a + b, 0))];
  });
  const legend = input.outlets.map((o) => `${o.short} = ${o.name}`).join("; ");
  return `${table(["theme", ...input.outlets.map((o) => o.short), "all"], rows)}\n(${legend}; an article counts under each of its themes)`;
}

function obligationLines(evaluation: Evaluation, outlets: Set<string>): string[] {
  const specs = new Map(evaluation.obligations.map((s) => [s.id, s]));
  const rows = evaluation.rows.filter((row: StatusRow) => {
    const spec = specs.get(row.obligation);
    const about = row.outlet ? [row.outlet] : (spec?.outlets ?? []);
    return about.some((o) => outlets.has(o)) && row.status !== "no_data";
  });
  const hidden = evaluation.rows.length - rows.length;
  const lines = rows.map((row) => {
    const spec = specs.get(row.obligation);
    const who = row.outlet ?? spec?.outlets.filter((o) => outlets.has(o)).join(",") ?? "";
    const mark =
      row.status === "met" ? "✔" : row.status === "missed" ? "✘" : row.status === "at_risk" ? "!" : "·";
    return `  ${mark} ${`${row.obligation}`.padEnd(42)} ${who.padEnd(22)} ${row.period.key.padEnd(10)} ${String(row.counted).padStart(3)}/${String(row.required).padEnd(3)} ${STATUS_LABEL[row.status]}`;
  });
  if (hidden)
    lines.push(`  (${hidden} rows about outlets outside the demo, or without entered quantities, not shown)`);
  return lines;
}

export function formatSummary(input: SummaryInput): string {
  const demoOutlets = new Set(input.outlets.map((o) => o.id));
  // Each alert in the reader's language, with the story's headline when it has one.
  const alerts = input.alerts.length
    ? input.alerts.map((a) => {
        const headline = a.evidence.story?.headline;
        const title = alertTitleText(a, input.labels, input.lang);
        return `  [${a.kind}] ${title}${headline ? `: “${plainLine(headline)}”` : ""}`;
      })
    : ["  (none)"];
  const indexedLine =
    input.published === null
      ? `${input.indexed} articles indexed`
      : `${input.published} articles published by the press web, ${input.indexed} indexed`;
  return [
    `Summary of ${input.month} (demo data)`,
    "",
    `${indexedLine}; ${input.throughput}`,
    "",
    "Coverage by theme and outlet (articles):",
    coverageTable(input),
    "",
    `Alerts raised (${input.alerts.length}):`,
    ...alerts,
    "",
    `Obligations in ${input.month} (as evaluated at the end of the month):`,
    ...obligationLines(input.evaluation, demoOutlets),
    "",
    `Dashboard: ${input.dashboard.url}  (login ${input.dashboard.username} / ${input.dashboard.password})`,
  ].join("\n");
}
