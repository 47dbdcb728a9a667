import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { backtest, CountsCsvError, formatBacktest, parseCountsCsv } from "../../../src/detect/backtest.ts";
import { detectorSettings } from "../../../src/detect/settings.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;

describe("parseCountsCsv", () => {
  it("reads rows with or without a header, zoned or UTC timestamps", () => {
    const withHeader = parseCountsCsv(
      "timestamp,value\n2024-06-03T00:00:00+07:00,3\n2024-06-02T17:15:00Z,4\n",
    );
    const without = parseCountsCsv("2024-06-02T17:00:00,3\r\n\n2024-06-02 17:15:00Z,4");
    expect(withHeader.map((row) => [row.at, row.value])).toEqual(without.map((row) => [row.at, row.value]));
    expect(withHeader[0]!.at).toBe(Date.parse("2024-06-02T17:00:00Z"));
  });

  it.each([
    ["2024-06-03T00:00:00Z,abc", 1, /not a count/],
    ["2024-06-03T00:00:00Z,1\nyesterday,2", 2, /not an ISO 8601 timestamp/],
    ["2024-06-03T00:00:00Z,1,2", 1, /expected "timestamp,value"/],
    ["2024-06-03T01:00:00Z,1\n2024-06-03T00:00:00Z,1", 2, /must increase/],
    ["2024-02-30T00:00:00Z,1", 1, /not a real date/],
  ])("names the bad line of %j", (text, line, message) => {
    try {
      parseCountsCsv(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CountsCsvError);
      expect((error as CountsCsvError).line).toBe(line);
      expect((error as Error).message).toMatch(message);
    }
  });

  it("refuses two rows in the same bucket when scoring", () => {
    const rows = parseCountsCsv("2024-06-03T00:00:00Z,1\n2024-06-03T00:05:00Z,1");
    expect(() => backtest(rows)).toThrow(/same 15-minute bucket/);
  });
});

describe("formatBacktest", () => {
  it("prints timestamp,value,score,alert per row, timestamps as given; nothing alerts while warming up", () => {
    const rows = backtest(parseCountsCsv("2024-06-03T00:00:00+07:00,1\n2024-06-03T01:00:00+07:00,40"));
    const lines = formatBacktest(rows);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("timestamp,value,score,alert");
    expect(lines[1]).toMatch(/^2024-06-03T00:00:00\+07:00,1,\d+\.\d{3},0$/);
    expect(lines[2]).toMatch(/^2024-06-03T01:00:00\+07:00,40,\d+\.\d{3},0$/);
    expect(rows[1]!.evaluation.suppressed).toBe("warmup");
  });
});

describe("presswatch detect backtest", { timeout: 30_000 }, () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["bin/presswatch.js", "detect", ...args], { cwd: ROOT, encoding: "utf8" });

  it("prints one scored line per row of the rumour fixture, with its alert", () => {
    const { status, stdout, stderr } = run("backtest", "tests/fixtures/detect/rumour.csv");
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("timestamp,value,score,alert");
    expect(lines).toHaveLength(481);
    for (const line of lines.slice(1)) expect(line).toMatch(/^\S+Z,\d+,\d+\.\d{3},[01]$/);
    expect(lines.filter((line) => line.endsWith(",1")).length).toBeGreaterThanOrEqual(1);
    expect(stderr).toMatch(/^480 rows, \d+ alerts?, first at 2024-06-06T0/);
  });

  it("reports a bad file on one line and exits 1; misuse exits 2", () => {
    const missing = run("backtest", "no/such.csv");
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe("presswatch detect: cannot read no/such.csv: ENOENT");
    expect(run("backtest").status).toBe(2);
    expect(run("frobnicate", "x").status).toBe(2);
  });
});

describe("a lasting rise", () => {
  it("alerts once: during the spacing the baseline learns the new level, instead of alerting again after it", () => {
    const start = Date.parse("2024-06-03T00:00:00Z");
    const rows = Array.from({ length: 4 * 96 }, (_, i) => ({
      line: i + 1,
      timestamp: new Date(start + i * 15 * 60_000).toISOString(),
      at: start + i * 15 * 60_000,
      // Two days around 4 a bucket, then two days around 16.
      value: (i < 2 * 96 ? 4 : 16) + (i % 3) - 1,
    }));
    // A sensitive CUSUM (small allowance), which the lag of a learning baseline would trip again.
    const alerts = (settleAfterAlert: boolean) =>
      backtest(rows, detectorSettings({ settleAfterAlert, cusumK: 0.5, cusumH: 8, singleZ: 4 })).filter(
        (row) => row.evaluation.alert,
      ).length;
    expect(alerts(true)).toBe(1);
    expect(alerts(false)).toBeGreaterThan(1);
  });
});
