import { describe, expect, it } from "vitest";
import { type DiscoverJobDeps, runDiscoverJob } from "../../../src/crawl/discoverJob.ts";
import type { RunOutcome } from "../../../src/crawl/health.ts";
import type { FetchResult } from "../../../src/fetch/http.ts";
import { HttpStatusError } from "../../../src/model/errors.ts";
import { silentLogger, testSource } from "./fakes.ts";

const RSS = `<rss version="2.0"><channel><title>T</title>
<item><title>A</title><link>https://bao.example/a?utm_source=rss</link><pubDate>Mon, 12 Feb 2024 08:30:00 +0700</pubDate></item>
<item><title>A again</title><link>https://bao.example/a#comments</link></item>
<item><title>B</title><link>https://bao.example/b</link></item></channel></rss>`;

function deps(response: FetchResult, seenBefore: string[] = []) {
  const log: string[] = [];
  const runs: RunOutcome[] = [];
  const seen = new Set(seenBefore);
  const d: DiscoverJobDeps = {
    source: async (id) =>
      id === "bao/rss" ? testSource() : id === "off" ? testSource({ id: "off", enabled: false }) : undefined,
    discoverDeps: () => ({
      fetch: async () => response,
      validators: { get: async () => null, put: async () => undefined },
    }),
    seen: {
      unseen: async (urls) => urls.filter((url) => !seen.has(url)),
      mark: async (urls) => {
        log.push(`mark ${urls.join(",")}`);
        for (const url of urls) seen.add(url);
      },
    },
    enqueue: async (_source, entries) =>
      void log.push(`enqueue ${entries.map((entry) => entry.url).join(",")}`),
    recordRun: async (_id, run) => void runs.push(run),
    now: () => new Date("2024-02-12T02:00:00Z"),
    logger: silentLogger,
  };
  return { d, log, runs };
}

const page = (body: string): FetchResult => ({
  ok: true,
  page: {
    requestedUrl: "https://bao.example/rss",
    url: "https://bao.example/rss",
    status: 200,
    headers: {},
    body: Buffer.from(body),
    redirects: [],
  },
});
const signal = new AbortController().signal;

describe("runDiscoverJob", () => {
  it("adds jobs for new canonical URLs before marking them seen, and records the run", async () => {
    const { d, log, runs } = deps(page(RSS), ["https://bao.example/b"]);
    const result = await runDiscoverJob({ source_id: "bao/rss", trigger: "schedule" }, d, signal);
    expect(result).toEqual({ outcome: "ok", items: 2, new: 1, notModified: false });
    expect(log).toEqual(["enqueue https://bao.example/a", "mark https://bao.example/a"]);
    expect(runs[0]).toMatchObject({ ok: true, items: 2, newItems: 1 });
  });

  it("records an expected failure on the source and ends as a value", async () => {
    const { d, log, runs } = deps({
      ok: false,
      error: new HttpStatusError("https://bao.example/rss", 500),
      redirects: [],
    });
    const result = await runDiscoverJob({ source_id: "bao/rss", trigger: "schedule" }, d, signal);
    expect(result).toMatchObject({ outcome: "error", kind: "http_status" });
    expect(runs[0]).toMatchObject({ ok: false, kind: "http_status" });
    expect(log).toEqual([]);
  });

  it("skips sources that were removed or disabled since they were scheduled", async () => {
    const { d, runs } = deps(page(RSS));
    expect(await runDiscoverJob({ source_id: "gone", trigger: "schedule" }, d, signal)).toMatchObject({
      outcome: "skipped",
    });
    expect(await runDiscoverJob({ source_id: "off", trigger: "schedule" }, d, signal)).toMatchObject({
      outcome: "skipped",
    });
    expect(runs).toEqual([]);
  });

  it("lets an unexpected error through (a bug must fail the job, not be recorded as a feed problem)", async () => {
    const { d } = deps(page(RSS));
    d.enqueue = async () => {
      throw new Error("Redis went away");
    };
    await expect(runDiscoverJob({ source_id: "bao/rss", trigger: "schedule" }, d, signal)).rejects.toThrow(
      "Redis went away",
    );
  });
});
