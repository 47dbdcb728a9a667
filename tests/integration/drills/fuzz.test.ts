// Drill: mutated feeds, sitemaps, listing pages and article pages from the fixture corpus through
// the real discovery run and fetch job (tools/drills/fuzz.ts, in a child process so a hang can be
// told from slowness and killed). No crash (every failure a CrawlError with its kind), no input
// taking more than HANG_MS, and the unmutated corpus extracted exactly, before and after.
// DRILL_FUZZ_COUNT sets the number of inputs (the full drill is 10,000; the suite runs fewer).
import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { FuzzSummary } from "../../../tools/drills/fuzz.ts";

const COUNT = Number(process.env.DRILL_FUZZ_COUNT ?? 1000);
// A hang, not slowness: the slowest inputs take a few seconds on a loaded machine (the figures are
// printed and reported); one that stops answering for this long is killed and fails the drill.
const HANG_MS = 30_000;
const REPO = join(import.meta.dirname, "../../..");

function runFuzz(): Promise<{ summary: FuzzSummary | null; hung: number | null; lines: string[] }> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO, "tools/drills/fuzz.ts"), "--count", String(COUNT), "--progress"],
    {
      cwd: REPO,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const lines: string[] = [];
  let current: number | null = null;
  let lastProgress = Date.now();
  let hung: number | null = null;
  let buffered = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    for (const line of parts) {
      lines.push(line);
      lastProgress = Date.now();
      const start = /^\{"start":(\d+)\}$/.exec(line);
      current = start ? Number(start[1]) : null;
    }
  });
  child.stderr.on("data", (chunk: Buffer) => lines.push(chunk.toString("utf8")));
  const watchdog = setInterval(() => {
    if (current !== null && Date.now() - lastProgress > HANG_MS) {
      hung = current;
      child.kill("SIGKILL");
    }
  }, 500);
  return new Promise((resolve) =>
    child.once("exit", () => {
      clearInterval(watchdog);
      const last = lines.findLast((line) => line.startsWith('{"summary"'));
      resolve({ summary: last ? (JSON.parse(last) as { summary: FuzzSummary }).summary : null, hung, lines });
    }),
  );
}

describe(`${COUNT} mutated feeds and pages through discovery and extraction`, () => {
  it("never crash, never hang, fail with a specific error, and still extract the unmutated corpus", async () => {
    const { summary, hung, lines } = await runFuzz();
    expect({ hung }).toEqual({ hung: null });
    expect(summary, lines.slice(-10).join("\n")).not.toBeNull();
    const s = summary!;
    console.log(
      `[drill] fuzz: ${s.count} inputs (${s.discoveryInputs} discovery, ${s.pageInputs} pages) in ${s.totalSeconds.toFixed(0)} s: ` +
        `${JSON.stringify(s.outcomes)}, errors ${JSON.stringify(s.errorKinds)}, crashes ${JSON.stringify(s.crashKinds)}, ` +
        `slowest ${s.slowest[0]?.ms} ms (${s.slowest[0]?.mutations.join("+")})`,
    );
    expect(s.count).toBe(COUNT);
    expect(s.crashKinds).toEqual({});
    expect(s.slowest[0]?.ms ?? 0).toBeLessThan(HANG_MS);
    expect(s.baselineBefore).toEqual({
      discoveryOk: 8,
      discoveryTotal: 8,
      pagesExtracted: 39,
      pagesExactBody: 39,
      pagesTotal: 39,
    });
    expect(s.baselineStable).toBe(true);
  }, 3_600_000);
});
