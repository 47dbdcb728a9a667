/**
 * The fixture web as documents in memory, with no sockets: every outlet's sources (feeds, sitemaps,
 * listing pages) and article pages, produced by the fixture sites' own handlers, plus a `fetch`
 * that answers any fixture URL the way the server would. The fuzzer mutates these documents and
 * feeds them to discovery and extraction.
 */
import type { IncomingMessage } from "node:http";
import { stringify } from "yaml";
import type { FetchResult } from "../../src/fetch/http.ts";
import { parseSourceFile } from "../../src/sources/load.ts";
import type { Source } from "../../src/sources/schema.ts";
import { normalizeVietnamese } from "../../src/text/normalize.ts";
import { bodyText, utcIso } from "../../tests/fixtures/web/format.ts";
import { OUTLET_SITES, type TruthArticle } from "../../tests/fixtures/web/server.ts";
import type { SiteContext, SiteDef } from "../../tests/fixtures/web/site.ts";

export interface CorpusDoc {
  kind: "feed" | "sitemap" | "listing" | "page";
  url: string;
  site: string;
  source: Source;
  /** For pages: what extraction must find. */
  truth?: TruthArticle;
}

export interface Corpus {
  docs: CorpusDoc[];
  sources: Source[];
  /** Answers a fixture URL like the fixture server (robots.txt and redirects followed by hand). */
  fetch(url: string, accept?: string): Promise<FetchResult>;
  /** The raw reply for a URL: status, headers, body bytes. */
  reply(
    url: string,
    accept?: string,
  ): Promise<{ status: number; headers: Record<string, string>; body: Buffer }>;
}

/** The JavaScript-rendered outlet has no text without a browser: its pages are left out. */
const BROWSER_ONLY = new Set(["daibieu"]);

export async function buildCorpus(): Promise<Corpus> {
  const contexts = new Map<string, { def: SiteDef; ctx: SiteContext }>();
  OUTLET_SITES.forEach((def, i) => {
    const origin = `http://127.0.0.1:${41000 + i}`;
    contexts.set(origin, {
      def,
      ctx: {
        name: def.name,
        origin,
        port: 41000 + i,
        originOf: (name) => `http://127.0.0.1:${41000 + OUTLET_SITES.findIndex((s) => s.name === name)}`,
      },
    });
  });

  const reply: Corpus["reply"] = async (url, accept = "text/html,application/xml;q=0.9,*/*;q=0.8") => {
    let target = new URL(url);
    for (let hop = 0; hop < 5; hop++) {
      const entry = contexts.get(target.origin);
      if (!entry) return { status: 404, headers: {}, body: Buffer.alloc(0) };
      const answer = await entry.def.handle(entry.ctx, target, {
        headers: { accept, "user-agent": "presswatch-fuzz" },
        method: "GET",
        url: `${target.pathname}${target.search}`,
      } as unknown as IncomingMessage);
      const status = answer?.status ?? (answer ? 200 : 404);
      const headers = answer?.headers ?? {};
      if (status >= 300 && status < 400 && headers.location) {
        target = new URL(headers.location, target);
        continue;
      }
      const body = answer?.body;
      return { status, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body ?? "", "utf8") };
    }
    return { status: 508, headers: {}, body: Buffer.alloc(0) };
  };

  const fetch: Corpus["fetch"] = async (url, accept) => {
    const r = await reply(url, accept);
    return {
      ok: true,
      page: {
        requestedUrl: url,
        url,
        status: r.status,
        headers: lower(r.headers),
        body: r.body,
        redirects: [],
      },
    };
  };

  const docs: CorpusDoc[] = [];
  const sources: Source[] = [];
  for (const { def, ctx } of contexts.values()) {
    const file = stringify({ ...def.sources(ctx), allow_private_hosts: ["127.0.0.1"] });
    const parsed = parseSourceFile(file, `${def.name}.yaml`);
    if (parsed.problems.length)
      throw new Error(`fixture sources of ${def.name}: ${JSON.stringify(parsed.problems)}`);
    for (const source of parsed.sources) {
      sources.push(source);
      docs.push({ kind: source.kind, url: source.url, site: def.name, source });
    }
    if (BROWSER_ONLY.has(def.name)) continue;
    const source = parsed.sources[0]!;
    for (const article of def.articles) {
      const url = `${ctx.origin}${article.path}`;
      docs.push({
        kind: "page",
        url,
        site: def.name,
        source,
        truth: {
          site: def.name,
          url,
          title: normalizeVietnamese(article.story.title),
          body: normalizeVietnamese(bodyText(article.story)),
          published_at: utcIso(article.story),
          author: normalizeVietnamese(article.story.author),
        },
      });
    }
  }
  return { docs, sources, fetch, reply };
}

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
