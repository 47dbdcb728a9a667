// `presswatch obligations` and `presswatch report` refuse bad input before touching the store:
// exit 2 with the usage on misuse, exit 1 with FILE:LINE:COL lines for broken contract files.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "../../../cli/main.ts";

type Run = { status: number; stderr: string };

const ROOT = new URL("../../../", import.meta.url).pathname;
// An address nothing listens on: these runs must fail before they would need the store. Paths are
// absolute, so the working directory does not matter.
const ENV = {
  OPENSEARCH_URL: "http://127.0.0.1:9",
  PLAN_FILE: `${ROOT}config/plans/kon-tum-2024.yaml`,
  CONFIG_DIR: `${ROOT}config`,
};
const saved = Object.fromEntries(Object.keys(ENV).map((key) => [key, process.env[key]]));
beforeAll(() => {
  Object.assign(process.env, ENV);
});
afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Runs the command in this process, as bin/presswatch.js would, capturing what it prints on stderr. */
async function presswatch(...args: string[]): Promise<Run> {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => {
    lines.push(parts.map(String).join(" "));
  });
  try {
    const status = await main(args);
    return { status, stderr: lines.join("\n") };
  } finally {
    spy.mockRestore();
  }
}

const MISUSE: Array<[string[], RegExp]> = [
  [["obligations", "--year", "2023"], /is for 2024, not 2023/],
  [["obligations", "--year", "two"], /--year must be a year/],
  [["obligations", "--scope", "publisher:krt"], /--scope must be contract:ID, outlet:ID or agency:ID/],
  [["obligations", "--scope", "outlet:nobody"], /no such outlet/],
  [["obligations", "--now", "20/07/2024"], /--now must be an ISO date/],
  [
    ["obligations", "--colour"],
    /^presswatch obligations: unknown option --colour \(see presswatch obligations --help\)$/,
  ],
  [["report", "--year", "2024"], /--format must be xlsx, pdf or csv/],
  [["report", "--year", "2024", "--format", "docx"], /--format must be xlsx, pdf or csv/],
];
const BROKEN_DIR = `${ROOT}tests/fixtures/contracts/broken`;
const BROKEN = ["obligations", "--contracts", BROKEN_DIR];
const NO_STORE = ["obligations", "--contracts", `${ROOT}tests/fixtures/contracts/year`];

// Each case starts the CLI in a child process: seconds on a loaded machine, not milliseconds.
describe("presswatch obligations and report on bad input", { timeout: 30_000 }, () => {
  it.each(MISUSE)("exits 2 on %j", async (args, message) => {
    const { status, stderr } = await presswatch(...args);
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
  });

  it("lists every problem of broken contract files as FILE:LINE:COL: path: message and exits 1", async () => {
    const { status, stderr } = await presswatch(...BROKEN);
    expect(status).toBe(1);
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toBe(`presswatch obligations: the contracts in ${BROKEN_DIR} are invalid`);
    expect(lines).toContain(
      `  ${BROKEN_DIR}/unknown-outlet.yaml:5:16: outlets[1]: unknown outlet "voa" (not in the plan)`,
    );
    // One line per broken fixture file, each in the FILE:LINE:COL: path: message form.
    expect(lines).toHaveLength(17);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}\/\S+\.yaml:\d+:\d+: .+$/);
  });

  it("says so when the store cannot be reached", async () => {
    const { status, stderr } = await presswatch(...NO_STORE);
    expect(status).toBe(1);
    expect(stderr).toMatch(/cannot read the article store at http:\/\/127\.0\.0\.1:9/);
  });
});
