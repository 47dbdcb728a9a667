/**
 * The shape of `config/sources/*.yaml`: one outlet per file, with any number of feeds, sitemaps and
 * listing pages. Operators write these files; the schema is the documentation of what they may say.
 */
import { load } from "cheerio";
import { z } from "zod";

/** "90s", "15m", "2h", "1d" or a number of seconds, as milliseconds. */
export const duration = z
  .union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)?$/)])
  .transform((value) => {
    if (typeof value === "number") return Math.round(value * 1000);
    const [, amount, unit = "s"] = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?$/.exec(value)!;
    const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[
      unit as "ms" | "s" | "m" | "h" | "d"
    ];
    return Math.round(Number(amount) * factor);
  });

const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9/_.-]*$/, "lower-case letters, digits and / _ . - only")
  .max(120);

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const probe = load("<p></p>");

/** A CSS selector cheerio can run: a typo is reported when the file loads, not on every article. */
const cssSelector = z
  .string()
  .min(1)
  .refine((selector) => {
    try {
      probe(selector);
      return true;
    } catch {
      return false;
    }
  }, "not a valid CSS selector");

/** CSS selectors for one site, tried before the generic extraction. */
export const siteSelectorsSchema = z
  .object({
    title: cssSelector.optional(),
    lead: cssSelector.optional(),
    body: cssSelector.optional(),
    author: cssSelector.optional(),
    published: cssSelector.optional(),
    section: cssSelector.optional(),
    image: cssSelector.optional(),
    /** Removed from the body before its text is read (related links, ads, captions). */
    remove: z.array(cssSelector).default([]),
  })
  .strict();

export type SiteSelectors = z.infer<typeof siteSelectorsSchema>;

export const politenessSchema = z
  .object({
    /** Requests in flight against one host, across all worker processes. */
    concurrency: z.number().int().min(1).max(16).default(1),
    /** Pause between two requests to one host; a longer robots.txt Crawl-delay wins. */
    delay: duration.default(1000),
  })
  .strict();

export type Politeness = z.infer<typeof politenessSchema>;

const render = z.enum(["http", "browser"]);

const sourceEntrySchema = z
  .object({
    id,
    kind: z.enum(["feed", "sitemap", "listing"]),
    url: httpUrl,
    /** For listing pages: the links (or the cards holding them) to articles. */
    selector: cssSelector.optional(),
    interval: duration.default(15 * 60_000),
    /** The longest a quiet (not failing) source may wait between polls. */
    max_interval: duration.optional(),
    render: render.optional(),
    enabled: z.boolean().default(true),
    /** Sitemaps: how many child sitemaps of an index and URLs per run to take, newest first. */
    max_sitemaps: z.number().int().min(1).max(50).default(5),
    max_items: z.number().int().min(1).max(5000).default(300),
  })
  .strict()
  .refine((source) => source.kind !== "listing" || !!source.selector, {
    message: "a listing source needs a selector",
    path: ["selector"],
  });

export const outletFileSchema = z
  .object({
    /** Shipped examples: addresses to verify before enabling. */
    example: z.boolean().default(false),
    enabled: z.boolean().default(true),
    outlet: z
      .object({
        id,
        name: z.string().min(1),
        homepage: httpUrl.optional(),
      })
      .strict(),
    render: render.default("http"),
    politeness: politenessSchema.default({ concurrency: 1, delay: 1000 }),
    /**
     * Hosts this outlet may be fetched from even though they resolve to private addresses (an
     * intranet portal; the fixture web in tests). Everything else private is refused.
     */
    allow_private_hosts: z.array(z.string().min(1)).default([]),
    extract: siteSelectorsSchema.optional(),
    sources: z.array(sourceEntrySchema).min(1),
  })
  .strict();

export type OutletFile = z.infer<typeof outletFileSchema>;

/** One source as the workers see it: its outlet's settings folded in. */
export interface Source {
  id: string;
  outletId: string;
  outletName: string;
  kind: "feed" | "sitemap" | "listing";
  url: string;
  selector: string | undefined;
  intervalMs: number;
  maxIntervalMs: number;
  render: "http" | "browser";
  enabled: boolean;
  example: boolean;
  politeness: Politeness;
  allowHosts: string[];
  extract: SiteSelectors | undefined;
  maxSitemaps: number;
  maxItems: number;
  /** The file it came from, for messages ("api:<outlet id>" for an outlet entered through the API). */
  file: string;
  /** Paused by an operator (src/crawl/sourceEntries.ts): not polled, `enabled` is false. */
  paused?: boolean;
}

export function flattenOutlet(file: OutletFile, path: string): Source[] {
  return file.sources.map((entry) => ({
    id: entry.id,
    outletId: file.outlet.id,
    outletName: file.outlet.name,
    kind: entry.kind,
    url: entry.url,
    selector: entry.selector,
    intervalMs: entry.interval,
    maxIntervalMs: entry.max_interval ?? entry.interval * 4,
    render: entry.render ?? file.render,
    enabled: file.enabled && entry.enabled,
    example: file.example,
    politeness: file.politeness,
    allowHosts: file.allow_private_hosts,
    extract: file.extract,
    maxSitemaps: entry.max_sitemaps,
    maxItems: entry.max_items,
    file: path,
  }));
}
