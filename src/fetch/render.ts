/**
 * Rendering pages that need JavaScript, in Debian's Chromium through Playwright.
 *
 * The browser has no network of its own: every request the page makes is intercepted and either
 * refused (images, fonts, media: not needed for text; anything but GET: a crawler never submits) or
 * fetched by Node through the same guarded fetcher as plain HTTP, so the SSRF guard, size limits and
 * User-Agent apply to every script and XHR, redirects included. Pages are bounded by a pool, each
 * page by a timeout, and each render's context is closed on every path.
 */
import type { Browser, BrowserContext, Route } from "playwright";
import { type CrawlError, RenderError, TimeoutError } from "../model/errors.ts";
import { ACCEPT_HTML, USER_AGENT } from "./headers.ts";
import type { FetchedPage, FetchRequest, FetchResult } from "./http.ts";
import { Semaphore } from "./semaphore.ts";

/** How long past the page timeout a render may take in all (context creation, content) before it is abandoned. */
const HARD_DEADLINE_MARGIN_MS = 5_000;
const CLOSE_WITHIN_MS = 5_000;

/** Closes a context, giving up (and leaving it to the browser) if closing itself hangs. */
async function closeWithin(context: BrowserContext): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    context.close().catch(() => undefined),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, CLOSE_WITHIN_MS);
    }),
  ]);
  clearTimeout(timer);
}

/** A promise that rejects when the signal aborts or the deadline passes. */
function stopper(signal: AbortSignal | undefined, deadlineMs: number, url: string) {
  let clear: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    const onAbort = () => reject(signal?.reason);
    const timer = setTimeout(
      () => reject(new TimeoutError(`render exceeded ${deadlineMs} ms`, url)),
      deadlineMs,
    );
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) onAbort();
    clear = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
  });
  promise.catch(() => undefined);
  return { promise, clear: () => clear() };
}

export const BLOCKED_RESOURCE_TYPES = new Set([
  "image",
  "font",
  "media",
  "imageset",
  "texttrack",
  "websocket",
]);

export interface RendererOptions {
  launch: () => Promise<Browser>;
  poolSize: number;
  pageTimeoutMs: number;
  /** The guarded HTTP fetcher, used for the document and every sub-resource. */
  fetch: (request: FetchRequest) => Promise<FetchResult>;
}

export interface RenderRequest {
  url: string;
  allowHosts: readonly string[];
  signal?: AbortSignal;
  /** Checks for the document's hops (robots.txt); sub-resources are not pages and skip it. */
  beforeHop?: FetchRequest["beforeHop"];
}

export interface RenderedPage extends FetchedPage {
  html: string;
}

export type RenderResult = { ok: true; page: RenderedPage } | { ok: false; error: CrawlError };

const FORWARDED_HEADERS = ["content-type", "cache-control", "last-modified", "etag"];

function pickHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    FORWARDED_HEADERS.flatMap((name) => (headers[name] ? [[name, headers[name]]] : [])),
  );
}

export class BrowserRenderer {
  private browser: Promise<Browser> | null = null;
  private readonly pages: Semaphore;
  private readonly contexts = new Set<BrowserContext>();

  constructor(private readonly options: RendererOptions) {
    this.pages = new Semaphore(options.poolSize);
  }

  /** Contexts currently open; zero whenever no render is running. */
  get openContexts(): number {
    return this.contexts.size;
  }

  private getBrowser(): Promise<Browser> {
    if (!this.browser) {
      const launching = this.options.launch();
      this.browser = launching;
      // A crashed browser is replaced at the next render instead of failing every job after it.
      const forget = () => {
        if (this.browser === launching) this.browser = null;
      };
      launching.then((browser) => browser.on("disconnected", forget), forget);
    }
    return this.browser;
  }

  async render(req: RenderRequest): Promise<RenderResult> {
    const release = await this.pages.acquire(req.signal);
    try {
      const document = await this.options.fetch({
        url: req.url,
        allowHosts: req.allowHosts,
        accept: ACCEPT_HTML,
        ...(req.signal ? { signal: req.signal } : {}),
        ...(req.beforeHop ? { beforeHop: req.beforeHop } : {}),
      });
      if (!document.ok) return document;
      return await this.renderDocument(document.page, req);
    } finally {
      release();
    }
  }

  /**
   * Every Playwright call can hang when the browser is starved or the context is closed under it
   * (a cancelled job), so the whole render races the job's signal and a hard deadline; whatever
   * wins, the context is closed (itself with a bound) and forgotten.
   */
  private async renderDocument(document: FetchedPage, req: RenderRequest): Promise<RenderResult> {
    const browser = await this.getBrowser();
    req.signal?.throwIfAborted();
    let context: BrowserContext | null = null;
    let finished = false;
    const drive = async (): Promise<string> => {
      const created = await browser.newContext({
        userAgent: USER_AGENT,
        serviceWorkers: "block",
        locale: "vi-VN",
        timezoneId: "Asia/Ho_Chi_Minh",
      });
      if (finished) {
        await closeWithin(created);
        throw new Error("render abandoned");
      }
      context = created;
      this.contexts.add(created);
      await created.route("**/*", (route) => this.serve(route, document, req));
      const page = await created.newPage();
      page.setDefaultTimeout(this.options.pageTimeoutMs);
      await page.goto(document.url, { waitUntil: "networkidle", timeout: this.options.pageTimeoutMs });
      return page.content();
    };
    const driving = drive();
    driving.catch(() => undefined); // when abandoned, it settles after the race and nobody waits
    const stop = stopper(req.signal, this.options.pageTimeoutMs + HARD_DEADLINE_MARGIN_MS, document.url);
    try {
      const html = await Promise.race([driving, stop.promise]);
      return { ok: true, page: { ...document, html, body: Buffer.from(html, "utf8") } };
    } catch (error) {
      req.signal?.throwIfAborted();
      if (error instanceof TimeoutError) return { ok: false, error };
      const message = error instanceof Error ? error.message.split("\n")[0]! : String(error);
      if (error instanceof Error && error.name === "TimeoutError")
        return { ok: false, error: new TimeoutError(`render timed out: ${message}`, document.url) };
      return { ok: false, error: new RenderError(`render failed: ${message}`, document.url) };
    } finally {
      finished = true;
      stop.clear();
      const opened = context as BrowserContext | null;
      if (opened) {
        this.contexts.delete(opened);
        await closeWithin(opened);
      }
    }
  }

  private async serve(route: Route, document: FetchedPage, req: RenderRequest): Promise<void> {
    const request = route.request();
    try {
      if (BLOCKED_RESOURCE_TYPES.has(request.resourceType()) || request.method() !== "GET")
        return await route.abort("blockedbyclient");
      if (
        request.isNavigationRequest() &&
        request.frame().parentFrame() === null &&
        request.url() === document.url
      )
        return await route.fulfill({
          status: document.status,
          headers: pickHeaders(document.headers),
          body: document.body,
        });
      const result = await this.options.fetch({
        url: request.url(),
        allowHosts: req.allowHosts,
        accept: request.headers().accept ?? "*/*",
        ...(req.signal ? { signal: req.signal } : {}),
      });
      if (!result.ok) return await route.abort("blockedbyclient");
      await route.fulfill({
        status: result.page.status,
        headers: pickHeaders(result.page.headers),
        body: result.page.body,
      });
    } catch {
      // The page or context closed while this request was in flight: nothing is waiting for it.
    }
  }

  async close(): Promise<void> {
    const browser = this.browser;
    this.browser = null;
    if (browser) await (await browser.catch(() => null))?.close();
  }
}
