/** Small stand-ins for the crawl jobs' dependencies, recording what the jobs did and in which order. */
import { pino } from "pino";
import type { Source } from "../../../src/sources/schema.ts";

export const silentLogger = pino({ level: "silent" });

export function testSource(overrides: Partial<Source> = {}): Source {
  return {
    id: "bao/rss",
    outletId: "bao",
    outletName: "Báo",
    kind: "feed",
    url: "https://bao.example/rss",
    selector: undefined,
    intervalMs: 600_000,
    maxIntervalMs: 2_400_000,
    render: "http",
    enabled: true,
    example: false,
    politeness: { concurrency: 1, delay: 0 },
    allowHosts: [],
    extract: undefined,
    maxSitemaps: 5,
    maxItems: 300,
    file: "bao.yaml",
    ...overrides,
  };
}
