/**
 * Runs the benchmarks and prints ONE table with the goals: end-to-end articles/s (fixture webs to
 * indexed: the real-text stream and the worst case), CPU and Redis round trips per article, the
 * ratio to bulk indexing, and worker memory (bench/e2e.ts), alert latency p50/p95
 * (bench/alerts.ts, skipped with a note when absent), search and coverage p95 at 1M documents (bench/store.ts; 100k with --quick)
 * and through the API (bench/api.ts), and extraction against Readability (bench/crawl.ts).
 * Each bench's full output is kept under the log directory. Run through `bench/run`.
 *
 *   bench/run [--quick] [--only e2e,alerts,store,api,crawl] [--logs DIR]
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { printTable } from "./table.ts";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    logs: { type: "string", default: join("data", "bench", new Date().toISOString().replace(/[:.]/g, "-")) },
  },
});
const REPO = join(import.meta.dirname, "..");
const quick = values.quick;
const only = values.only ? new Set(values.only.split(",")) : null;
await mkdir(values.logs, { recursive: true });

interface Run {
  ok: boolean;
  out: string;
  seconds: number;
}

function runBench(name: string, args: string[]): Promise<Run> {
  process.stderr.write(`bench/run: ${name}: npx tsx ${args.join(" ")}\n`);
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", ...args], {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.once("exit", async (code) => {
      await writeFile(join(values.logs, `${name}.log`), out);
      resolve({ ok: code === 0, out, seconds: (performance.now() - t0) / 1000 });
    });
  });
}

/** Rows of the printed table whose header contains `column`, as header → cell maps. */
function table(out: string, column: string): Array<Record<string, string>> {
  const lines = out.split("\n");
  const rows: Array<Record<string, string>> = [];
  const cells = (line: string) =>
    line
      .trim()
      .replace(/^\|/, "")
      .replace(/\|$/, "")
      .split("|")
      .map((cell) => cell.trim());
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.startsWith("|")) continue;
    const header = cells(lines[i]!);
    if (!header.includes(column)) continue;
    for (let j = i + 2; j < lines.length && lines[j]!.startsWith("|"); j++) {
      const row = cells(lines[j]!);
      rows.push(Object.fromEntries(header.map((name, k) => [name, row[k] ?? ""])));
    }
    break;
  }
  return rows;
}

type Row = [metric: string, measured: string, goal: string, verdict: string, source: string];
const rows: Row[] = [];
const verdict = (value: number, goal: number, better: "higher" | "lower") =>
  Number.isNaN(value) ? "n/a" : (better === "higher" ? value >= goal : value <= goal) ? "met" : "MISSED";
const failed = (name: string, _run: Run) =>
  rows.push([name, `failed (see ${join(values.logs, `${name}.log`)})`, "", "n/a", name]);
const wants = (name: string) => !only || only.has(name);

if (wants("e2e")) {
  const articles = quick ? 1000 : 5000;
  const run = await runBench("e2e", ["bench/e2e.ts", "--articles", String(articles), "--json"]);
  const line = run.out.split("\n").find((l) => l.startsWith('{"e2e"'));
  if (!line) failed("e2e", run);
  else {
    const { e2e } = JSON.parse(line) as {
      e2e: Array<{
        web: "real" | "worst";
        articles: number;
        expected: number;
        articlesPerSecond: number;
        rssMb: { crawl: number; pipeline: number };
        cpuSeconds: Record<string, number>;
        redis: Record<"crawl" | "pipeline", { commands: number; writes: number }>;
        bulk: { rate: number };
      }>;
    };
    for (const r of e2e) {
      const name = r.web === "real" ? "real-text stream" : "worst-case web (24 stories repeated)";
      const per = (n: number) => n / Math.max(1, r.articles);
      rows.push([
        `end to end, ${name} → indexed (${r.articles}/${r.expected} articles)`,
        `${r.articlesPerSecond.toFixed(1)} articles/s`,
        r.web === "real" ? ">= 200 articles/s" : "",
        r.web !== "real"
          ? ""
          : r.articles === r.expected
            ? verdict(r.articlesPerSecond, 200, "higher")
            : "MISSED (not all indexed)",
        "bench/e2e.ts",
      ]);
      // Where the machine's time went: the goal is a CPU budget of 2 cores / 200 = 10 ms an article.
      const cpuMs = Object.entries(r.cpuSeconds).map(
        ([process, seconds]) => [process, per(seconds * 1000)] as const,
      );
      const cpuTotal = cpuMs.reduce((sum, [, ms]) => sum + ms, 0);
      rows.push([
        `end to end, ${name}, CPU per article (all processes)`,
        `${cpuTotal.toFixed(1)} ms: ${cpuMs.map(([name, ms]) => `${name} ${ms.toFixed(1)}`).join(", ")}`,
        "",
        "",
        "bench/e2e.ts",
      ]);
      rows.push([
        `end to end, ${name}, Redis round trips per article`,
        `${per(r.redis.crawl.writes + r.redis.pipeline.writes).toFixed(1)} (crawl ${per(r.redis.crawl.writes).toFixed(1)}, pipeline ${per(r.redis.pipeline.writes).toFixed(1)}; commands ${per(r.redis.crawl.commands + r.redis.pipeline.commands).toFixed(1)})`,
        "",
        "",
        "bench/e2e.ts",
      ]);
      rows.push([
        `end to end, ${name}, over bulk indexing of the same documents`,
        `${(r.articlesPerSecond / Math.max(r.bulk.rate, 1e-9)).toFixed(3)} (bulk ${r.bulk.rate.toFixed(0)} docs/s)`,
        "",
        "",
        "bench/e2e.ts",
      ]);
      rows.push([
        `worker RSS peak, ${name}: crawl process, pipeline process`,
        `${r.rssMb.crawl.toFixed(0)} MB, ${r.rssMb.pipeline.toFixed(0)} MB`,
        "",
        "",
        "bench/e2e.ts",
      ]);
    }
  }
}

if (wants("alerts")) {
  if (!existsSync(join(REPO, "bench/alerts.ts")))
    rows.push(["alert latency", "skipped: bench/alerts.ts absent", "p95 <= 60 s", "n/a", ""]);
  else {
    const run = await runBench("alerts", ["bench/alerts.ts"]);
    const latency = table(run.out, "p95 ms").find((row) => /watchlist/.test(row.alerts ?? ""));
    if (!run.ok || !latency) failed("alerts", run);
    else {
      const p95 = Number(latency["p95 ms"]);
      rows.push([
        "alert latency p50 (article in → alert stored)",
        `${(Number(latency["p50 ms"]) / 1000).toFixed(2)} s`,
        "",
        "",
        "bench/alerts.ts",
      ]);
      rows.push([
        "alert latency p95",
        `${(p95 / 1000).toFixed(2)} s`,
        "<= 60 s",
        verdict(p95, 60_000, "lower"),
        "bench/alerts.ts",
      ]);
    }
  }
}

if (wants("store")) {
  const size = quick ? 100_000 : 1_000_000;
  const run = await runBench("store", ["bench/store.ts", "--sizes", String(size), "--queries", "200"]);
  const last = table(run.out, "search p95 ms").at(-1);
  if (!run.ok || !last) failed("store", run);
  else {
    rows.push([
      `store search p95 at ${last.articles} docs`,
      `${last["search p95 ms"]} ms`,
      "",
      "",
      "bench/store.ts",
    ]);
    rows.push([
      `store coverage p95 at ${last.articles} docs`,
      `${last["coverage p95 ms"]} ms`,
      "",
      "",
      "bench/store.ts",
    ]);
    rows.push([`bulk indexing rate`, `${last["index docs/s"]} docs/s`, "", "", "bench/store.ts"]);
  }
}

if (wants("api")) {
  const articles = quick ? 20_000 : 100_000;
  const run = await runBench("api", ["bench/api.ts", "--articles", String(articles), "--queries", "200"]);
  const requests = table(run.out, "request");
  if (!run.ok || !requests.length) failed("api", run);
  else
    for (const name of ["search", "coverage"]) {
      const row = requests.find((r) => r.request === name);
      if (row)
        rows.push([`API ${name} p95 over HTTP (${articles} docs)`, `${row.p95} ms`, "", "", "bench/api.ts"]);
    }
}

if (wants("crawl")) {
  const run = await runBench("crawl", ["bench/crawl.ts"]);
  const extraction = table(run.out, "extractor");
  const ours = extraction.find((r) => r.extractor?.startsWith("presswatch"));
  const peer = extraction.find((r) => r.extractor?.startsWith("readability"));
  if (!run.ok || !ours || !peer) failed("crawl", run);
  else {
    rows.push([
      "extraction: presswatch vs Readability, pages/s",
      `${ours["pages/s"]} vs ${peer["pages/s"]}`,
      "faster",
      Number(ours["pages/s"]) >= Number(peer["pages/s"]) ? "met" : "MISSED",
      "bench/crawl.ts",
    ]);
    rows.push([
      "extraction: body F1 mean (exact bodies)",
      `${ours["body F1 (mean)"]} (${ours["exact bodies"]}) vs ${peer["body F1 (mean)"]} (${peer["exact bodies"]})`,
      "equal or better",
      Number(ours["body F1 (mean)"]) >= Number(peer["body F1 (mean)"]) ? "met" : "MISSED",
      "bench/crawl.ts",
    ]);
    const bulk = table(run.out, "articles/s").find((r) => /bulk/.test(r.crawl ?? ""));
    if (bulk)
      rows.push([
        "crawl only, bulk outlet → analyze queue (in-process)",
        `${bulk["articles/s"]} articles/s`,
        "",
        "",
        "bench/crawl.ts",
      ]);
  }
}

console.log(
  `\nPresswatch benchmarks${quick ? " (--quick: 100k documents, 1000 articles end to end)" : ""}; logs in ${values.logs}\n`,
);
printTable(["metric", "measured", "goal", "verdict", "from"], rows);
