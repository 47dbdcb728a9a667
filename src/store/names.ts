/**
 * Names of everything the store creates, derived from one prefix so deployments and test files can
 * share a node. Articles live in one index per month of publication and mapping version
 * (`<prefix>-articles-v2-2024.06`), all behind one read alias (`<prefix>-articles`) that search and
 * coverage query. A mapping change is a reindex into the next version, never a data loss.
 */

/**
 * The calendar that names the monthly indices. It is fixed rather than the plan's: every process of
 * a deployment must send an article to the same index, whatever plan file it was started with.
 */
export const INDEX_MONTH_TIME_ZONE = "Asia/Ho_Chi_Minh";

const MONTH = /-(\d{4})\.(\d{2})$/;

export function articleNames(prefix: string) {
  const alias = `${prefix}-articles`;
  return {
    alias,
    template: `${prefix}-articles-template`,
    pattern: `${alias}-v*`,
    /** The single index of releases before the monthly layout (still read behind the alias). */
    version: (v: number) => `${alias}-v${v}`,
    /** The index of one month, `month` as `2024.06`. */
    monthly: (v: number, month: string) => `${alias}-v${v}-${month}`,
  };
}

/** The mapping version and the month (`2024.06`, or null for a pre-monthly index) of an index name. */
export function parseArticleIndex(name: string): { version: number; month: string | null } {
  const version = Number(/-v(\d+)(?:-\d{4}\.\d{2})?$/.exec(name)?.[1] ?? 0);
  const month = MONTH.exec(name);
  return { version, month: month ? `${month[1]}.${month[2]}` : null };
}

const monthFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: INDEX_MONTH_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
});

/** `2024.06` for an instant, in the index calendar. */
export function indexMonth(instant: Date): string {
  const parts = monthFormat.formatToParts(instant);
  const year = parts.find((p) => p.type === "year")?.value;
  const month = parts.find((p) => p.type === "month")?.value;
  return `${year}.${month}`;
}

const DAY_MS = 86_400_000;

/**
 * The instant that decides an article's month: its publication, unless it has none or claims one
 * more than a day after it was fetched (a wrong date must not open an index years ahead); then the
 * fetch. Only the document decides it, so a retry, a re-fetch or another worker sends the same
 * article to the same index. The reindex script (setup.ts) applies the same rule.
 */
export function routingInstant(doc: { published_at: string | null; fetched_at: string }): Date {
  const fetched = new Date(doc.fetched_at);
  if (!doc.published_at) return fetched;
  const published = new Date(doc.published_at);
  if (Number.isNaN(published.getTime()) || published.getTime() > fetched.getTime() + DAY_MS) return fetched;
  return published;
}
