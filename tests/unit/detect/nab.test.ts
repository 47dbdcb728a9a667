// The NAB conversion (src/detect/nab.ts) on small committed series: NAB's own data is never
// committed, and the scorer runs by hand (presswatch detect backtest --nab data/nab).
import { describe, expect, it } from "vitest";
import { parseBucket } from "../../../cli/commands/detect.ts";
import { backtest, parseCountsCsv } from "../../../src/detect/backtest.ts";
import {
  medianStepMinutes,
  nabResultCsv,
  parseNabCsv,
  runNabSeries,
  toCounts,
} from "../../../src/detect/nab.ts";
import { detectorSettings } from "../../../src/detect/settings.ts";

/** A flat reading around 50 every 5 minutes for three days, a jump to 150 at 60 h for 30 minutes. */
function series(): string {
  const lines = ["timestamp,value"];
  const start = Date.parse("2015-09-01T00:00:00Z");
  for (let i = 0; i < 3 * 288; i++) {
    const at = new Date(start + i * 300_000).toISOString().replace("T", " ").slice(0, 19);
    const value = i >= 720 && i < 726 ? 150 : 50 + ((i * 7) % 5) - 2;
    lines.push(`${at},${value}`);
  }
  return lines.join("\n");
}

describe("NAB conversion", () => {
  it("reads NAB rows and finds the file's step", () => {
    const rows = parseNabCsv(series());
    expect(rows).toHaveLength(864);
    expect(rows[0]!.timestamp).toBe("2015-09-01 00:00:00");
    expect(medianStepMinutes(rows)).toBe(5);
  });

  it("scales the probationary median to the count scale", () => {
    const rows = toCounts(parseNabCsv(series()), 20);
    const probation = rows
      .slice(0, 129)
      .map((row) => row.value)
      .sort((a, b) => a - b);
    expect(probation[64]).toBeCloseTo(20, 6);
  });

  it("alerts on the jump and writes it as anomaly_score 1 on the row that raised it", () => {
    const rows = parseNabCsv(series());
    const { scored, settings } = runNabSeries(rows, null);
    expect(settings.bucketMinutes).toBe(5);
    const alerted = scored.flatMap((row, i) => (row.evaluation.alert ? [i] : []));
    expect(alerted).toEqual([720]);
    const lines = nabResultCsv(rows, scored).trim().split("\n");
    expect(lines[0]).toBe("timestamp,value,anomaly_score");
    expect(lines[721]).toBe("2015-09-03 12:00:00,150,1");
    expect(lines.filter((line) => line.endsWith(",1"))).toHaveLength(1);
  });

  it("averages rows of one bucket and skips missing readings instead of counting zeros", () => {
    const rows = parseCountsCsv("2024-06-03T00:00:00Z,4\n2024-06-03T00:05:00Z,6\n2024-06-03T05:00:00Z,5");
    const settings = detectorSettings({ bucketMinutes: 15 });
    const scored = backtest(rows, settings, { gaps: "skip", sameBucket: "mean" });
    expect(scored.map((row) => row.evaluation.count)).toEqual([4, 5, 5]);
  });
});

describe("--bucket", () => {
  it.each([
    ["5m", 5],
    ["15", 15],
    ["1h", 60],
  ])("reads %s", (text, minutes) => expect(parseBucket(text)).toBe(minutes));
  it.each(["7m", "0m", "2d", "abc"])("refuses %s", (text) =>
    expect(() => parseBucket(text)).toThrow(/--bucket/),
  );
});
