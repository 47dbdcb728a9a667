/**
 * Detection benchmark. Prints four tables:
 *
 * 1. latency of one detector update (pure `observe`), per update;
 * 2. latency of one article through every series and its story with state in Redis
 *    (`trackArticle`), with 1 and 4 concurrent workers;
 * 3. alert throughput: alerts raised per second when every article makes its series spike;
 * 4. quality on simulated series with the shipped defaults: false alarms per key-week on calm
 *    weeks and the delay to the first alert on a rumour burst, per volume. Seeds 2000 and up;
 * 5. NAB's scores and alerts per day on its four development groups (when data/nab is laid out).
 *
 *   npx tsx bench/detect.ts [--updates 200000] [--articles 2000] [--seeds 100] [--redis redis://127.0.0.1:6379] [--nab data/nab]
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { runNab } from "../cli/nabRun.ts";
import {
  closeBucket,
  createDetectorState,
  type DetectorState,
  observe,
  parseDetectorState,
} from "../src/detect/detector.ts";
import { createStateStore } from "../src/detect/redisState.ts";
import { parseStoryState } from "../src/detect/rumours.ts";
import { DEFAULT_DETECTOR_SETTINGS } from "../src/detect/settings.ts";
import { memoryStateStore, type TrackedArticle, trackArticle } from "../src/detect/track.ts";
import { BUCKET_MS, calmSeries, withBurst } from "../tests/fixtures/detect/simulate.ts";
import { percentile, printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    updates: { type: "string", default: "200000" },
    articles: { type: "string", default: "2000" },
    seeds: { type: "string", default: "100" },
    redis: { type: "string", default: "redis://127.0.0.1:6379" },
    nab: { type: "string", default: "data/nab" },
  },
});
const START = Date.parse("2024-09-02T00:00:00+07:00");
const THEMES = [
  "tourism",
  "agriculture",
  "economy",
  "environment",
  "government",
  "people",
  "national_programs",
];
const AGENCIES = ["svhttdl", "snnptnt", "skhdt", "stnmt", "stttt", "sct", "bqlkkt"];
const us = (ms: number) => (ms * 1000).toFixed(1);

// 1. Pure updates: 200 keys, articles arriving over three days.
{
  const n = Number(values.updates);
  const states = new Map<number, DetectorState>();
  const timings: number[] = [];
  const span = 3 * 86_400_000;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const key = i % 200;
    const t0 = performance.now();
    const observation = observe(states.get(key) ?? createDetectorState(), START + (i / n) * span, 1, [
      `a${i}`,
    ]);
    states.set(key, observation.state);
    timings.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`\n1. one detector update (pure observe), ${n} updates over 200 keys`);
  printTable(
    ["updates/s", "p50 µs", "p95 µs", "p99 µs", "max µs"],
    [
      [
        Math.round(n / seconds),
        us(percentile(timings, 50)),
        us(percentile(timings, 95)),
        us(percentile(timings, 99)),
        us(percentile(timings, 100)),
      ],
    ],
  );
}

// 2. and 3. One article through its series and its story.
function article(i: number, storyEvery = 5): TrackedArticle {
  return {
    id: `a${i}`,
    story_id: `story-${Math.floor(i / storyEvery)}`,
    outlet: `outlet-${i % 13}`,
    themes: [{ id: THEMES[i % THEMES.length]!, score: 1 }],
    agencies: [AGENCIES[i % AGENCIES.length]!],
    outlet_kind: "other",
    tone: { label: i % 3 === 0 ? "negative" : "neutral", score: 0.8 },
    misinformation: { score: i % 7 === 0 ? 0.8 : 0.1, reasons: [] },
    claims: i % 50 === 0 ? ["dam-break-alarm"] : [],
  };
}

const redisRows: Array<Array<string | number>> = [];
let redisError: string | null = null;
const prefix = `bench-detect-${randomBytes(3).toString("hex")}`;
const admin = new Redis(values.redis, { maxRetriesPerRequest: 1, lazyConnect: true });
try {
  await admin.connect();
  for (const workers of [1, 4]) {
    const connections = Array.from(
      { length: workers },
      () => new Redis(values.redis, { maxRetriesPerRequest: null }),
    );
    const stores = connections.map((redis) => ({
      detectors: createStateStore<DetectorState>(redis, {
        prefix: `${prefix}:w${workers}:d`,
        parse: (json) => parseDetectorState(json),
      }),
      stories: createStateStore(redis, {
        prefix: `${prefix}:w${workers}:s`,
        parse: (json, key) => parseStoryState(json, key),
      }),
    }));
    const n = Number(values.articles);
    const timings: number[] = [];
    let alerts = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      stores.map(async (worker) => {
        for (let i = next++; i < n; i = next++) {
          const t0 = performance.now();
          // Not `alerts += await …`: that reads `alerts` before the await and loses increments.
          const raised = await trackArticle(worker, article(i), START + i * 1000, new Date());
          alerts += raised.length;
          timings.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    redisRows.push([
      workers,
      n,
      Math.round(n / seconds),
      percentile(timings, 50).toFixed(2),
      percentile(timings, 95).toFixed(2),
      percentile(timings, 99).toFixed(2),
      alerts,
    ]);
    await Promise.all(connections.map((redis) => redis.quit()));
  }
} catch (error) {
  redisError = (error as Error).message;
} finally {
  let cursor = "0";
  if (admin.status === "ready") {
    do {
      const [nextCursor, keys] = await admin.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
      cursor = nextCursor;
      if (keys.length) await admin.del(...keys);
    } while (cursor !== "0");
    await admin.quit();
  } else admin.disconnect();
}
console.log("\n2. one article through every series it counts in and its story, state in Redis (CAS)");
if (redisError) console.log(`   skipped: Redis not reachable (${redisError})`);
else printTable(["workers", "articles", "articles/s", "p50 ms", "p95 ms", "p99 ms", "alerts"], redisRows);

// 3. Alert throughput: every key warmed up on a silent baseline, then each article makes its
// series spike (a new key each time) and its story spread. In memory, so this is the cost of
// detecting and building alerts, not of storing them.
{
  const detectors = memoryStateStore((json) => parseDetectorState(json));
  const stories = memoryStateStore((json, key) => parseStoryState(json, key));
  const n = 5000;
  const warm = { ...createDetectorState(), closed: 500, level: 0.01, bucket: START };
  const alertsPerArticle: number[] = [];
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const theme = `theme${i}`;
    await detectors.update(`theme:${theme}:flagged`, () => ({ state: warm, result: null }));
    const base = {
      ...article(i, 1),
      themes: [{ id: theme, score: 1 }],
      agencies: [],
      misinformation: { score: 0.9, reasons: [] },
    };
    let raised = 0;
    for (let k = 0; k < 3; k++) {
      raised += (
        await trackArticle(
          { detectors, stories },
          { ...base, id: `${base.id}-${k}`, outlet: `o${k}` },
          START + 60_000 + k,
          new Date(),
        )
      ).length;
    }
    alertsPerArticle.push(raised);
  }
  const seconds = (performance.now() - started) / 1000;
  const alerts = alertsPerArticle.reduce((a, b) => a + b, 0);
  console.log(
    "\n3. alert throughput (in memory): bursts of 3 flagged articles, each burst spikes its series and spreads its story",
  );
  printTable(
    ["articles", "alerts", "alerts/s", "articles/s"],
    [[3 * n, alerts, Math.round(alerts / seconds), Math.round((3 * n) / seconds)]],
  );
}

// 4. Quality on simulated series.
{
  const seeds = Number(values.seeds);
  const burst = [3, 7, 12, 16, 13, 9, 6, 4, 2, 1];
  const rows: Array<Array<string | number>> = [];
  const alertsOf = (series: Array<{ at: number; value: number }>) => {
    let state = createDetectorState();
    const alerts: number[] = [];
    series.forEach((row, i) => {
      const result = closeBucket(state, row.at, row.value, DEFAULT_DETECTOR_SETTINGS);
      state = result.state;
      if (result.evaluation.alert) alerts.push(i);
    });
    return alerts;
  };
  for (const scale of [0.01, 0.05, 0.3, 1.6, 6]) {
    let falseAlarms = 0;
    const delays: number[] = [];
    let missed = 0;
    for (let seed = 2000; seed < 2000 + seeds; seed++) {
      // One day to learn, then a week that must stay quiet.
      const calm = calmSeries({ start: START, buckets: 8 * 96, scale, dispersion: 0.2, seed });
      falseAlarms += alertsOf(calm).filter((i) => i >= 96).length;
      // Six days, then a rumour on the seventh between 09:00 and 19:00.
      const at = 6 * 96 + 36 + (seed % 40);
      const series = withBurst(calm.slice(0, 7 * 96), START + at * BUCKET_MS, burst);
      const first = alertsOf(series).find((i) => i >= at);
      if (first !== undefined && first - at < burst.length) delays.push(first - at + 1);
      else missed++;
    }
    const peak = (scale * 1.9).toFixed(2);
    rows.push([
      scale,
      peak,
      (falseAlarms / seeds).toFixed(3),
      delays.length ? percentile(delays, 50) : "-",
      delays.length ? percentile(delays, 90) : "-",
      `${missed}/${seeds}`,
    ]);
  }
  console.log(
    `\n4. shipped defaults on simulated series (${seeds} seeds each; burst ${burst.join(",")} extra articles per bucket)`,
  );
  printTable(
    [
      "mean/bucket",
      "peak-hour mean",
      "false alarms per key-week",
      "delay p50 (buckets)",
      "delay p90",
      "missed",
    ],
    rows,
  );
}

// 5. NAB's real labelled series (laid out by tools/data/nab.sh; skipped when absent): the shipped
// detector's NAB scores per group and overall, and its alerts per day (what
// `presswatch detect backtest --nab data/nab` prints).
{
  const root = values.nab;
  if (!existsSync(join(root, "labels", "combined_windows.json"))) {
    console.log(`\n5. NAB: ${root} not laid out (tools/data/nab.sh); skipped`);
  } else {
    // Falls alert too on NAB's readings, as `presswatch detect backtest --nab` runs it.
    const result = await runNab(root, {
      bucketMinutes: null,
      settings: { ...DEFAULT_DETECTOR_SETTINGS, direction: "both" },
    });
    console.log(
      "\n5. NAB (realKnownCause, realTraffic, realAdExchange, realAWSCloudwatch), shipped defaults",
    );
    printTable(
      ["group", "series", "windows", "standard", "low FP", "low FN", "alerts", "alerts/day"],
      [...result.groups, result.overall].map((g) => [
        g.group,
        g.series,
        g.windows,
        g.standard ?? "-",
        g.lowFp ?? "-",
        g.lowFn ?? "-",
        g.alerts,
        (g.alerts / Math.max(g.days, 1e-9)).toFixed(2),
      ]),
    );
  }
}
