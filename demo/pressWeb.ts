/**
 * The simulated press web: one HTTP server on 127.0.0.1 per demo outlet (its own port, so the
 * crawler's per-host politeness and robots.txt apply per outlet as they would on the real sites),
 * each serving `/robots.txt`, an RSS feed of what it has published so far and its article pages.
 * The timeline's clock starts with `start()`: an article exists (in the feed and as a page) only
 * once its moment in the compressed month has come.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { slugify } from "./corpus/slots.ts";
import { DEMO_OUTLETS, type DemoOutlet } from "./outlets.ts";
import { articlePage, rssFeed } from "./render.ts";
import type { ScriptedArticle, Timeline } from "./timeline.ts";

/** The newest items a feed lists, as real feeds do; polled every few seconds, none is missed. */
const FEED_SIZE = 60;

export interface PublishedArticle {
  article: ScriptedArticle;
  url: string;
}

export interface PressWeb {
  outlets: Array<{ outlet: DemoOutlet; origin: string; feedUrl: string }>;
  /** Starts the month's clock. */
  start(): void;
  /** Articles published so far, in order. */
  published(): PublishedArticle[];
  /** Every article of the script with its address (the truth once the run is over). */
  all(): PublishedArticle[];
  /** 0..1: how much of the month has played. */
  progress(): number;
  /** Resolves when the last article of the script is out. */
  finished(): Promise<void>;
  close(): Promise<void>;
}

export async function startPressWeb(timeline: Timeline, options: { durationMs: number }): Promise<PressWeb> {
  let startedAt: number | null = null;
  const elapsed = () => (startedAt === null ? 0 : (Date.now() - startedAt) / options.durationMs);
  const servers: Server[] = [];
  const outlets: PressWeb["outlets"] = [];
  const entries: PublishedArticle[] = [];
  const isOut = (entry: PublishedArticle) => startedAt !== null && entry.article.at <= elapsed();

  for (const outlet of DEMO_OUTLETS) {
    const own: PublishedArticle[] = [];
    const byPath = new Map<string, PublishedArticle>();
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? "/", "http://127.0.0.1").pathname;
      const send = (status: number, type: string, body: string) => {
        response.writeHead(status, { "content-type": `${type}; charset=utf-8`, "cache-control": "no-cache" });
        response.end(body);
      };
      if (path === "/robots.txt") return send(200, "text/plain", "User-agent: *\nDisallow: /admin/\n");
      if (path === "/rss/tin-moi.rss") {
        const out = own.filter(isOut).slice(-FEED_SIZE).reverse();
        return send(200, "application/rss+xml", rssFeed(outlet, origin, out));
      }
      const entry = byPath.get(path);
      if (entry && isOut(entry)) return send(200, "text/html", articlePage(outlet, entry.article, entry.url));
      return send(404, "text/html", "<h1>404 - Không tìm thấy trang</h1>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const article of timeline.articles.filter((a) => a.outlet === outlet.id)) {
      const path = outlet.path(slugify(article.title), article.number);
      const entry = { article, url: `${origin}${path}` };
      own.push(entry);
      byPath.set(path, entry);
      entries.push(entry);
    }
    servers.push(server);
    outlets.push({ outlet, origin, feedUrl: `${origin}/rss/tin-moi.rss` });
  }
  entries.sort((a, b) => a.article.number - b.article.number);

  let timer: NodeJS.Timeout | null = null;
  const done = new Promise<void>((resolve) => {
    const check = () => {
      if (elapsed() >= 1) resolve();
      else timer = setTimeout(check, 250);
    };
    timer = setTimeout(check, 250);
  });

  return {
    outlets,
    start: () => {
      startedAt ??= Date.now();
    },
    published: () => entries.filter(isOut),
    all: () => entries,
    progress: () => Math.min(1, elapsed()),
    finished: () => done,
    close: async () => {
      if (timer) clearTimeout(timer);
      await Promise.all(
        servers.map(
          (server) =>
            new Promise<void>((resolve) => {
              server.closeAllConnections();
              server.close(() => resolve());
            }),
        ),
      );
    },
  };
}
