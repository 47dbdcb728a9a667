// The one CLI convention, on every command and subcommand: --help answers with usage and options,
// an unknown option is one line and exit 2, a bad environment is one line naming the variable (no
// stack), --version prints package.json's version. The sweep runs main() in this process (as
// bin/presswatch.js does); the operator-facing lines are checked on real `node bin/presswatch.js` runs.
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMMAND_NAMES, main } from "../../../cli/main.ts";
import { presswatch } from "../../helpers/run.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const VERSION = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { version: string }).version;

/** Runs main() with what it prints on stdout and stderr. */
async function run(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...parts: unknown[]) => void out.push(parts.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void err.push(parts.join(" ")));
  const status = await main(args);
  vi.restoreAllMocks();
  return { status, stdout: out.join("\n"), stderr: err.join("\n") };
}
afterEach(() => vi.restoreAllMocks());

/** Subcommands as the command's own help lists them, plus the two that add options to a command. */
async function everyCommand(): Promise<string[][]> {
  const all: string[][] = [];
  for (const name of COMMAND_NAMES) {
    all.push([name]);
    const help = (await run([name, "--help"])).stdout;
    const section = help.split("\nsubcommands:\n")[1]?.split("\n\n")[0] ?? "";
    for (const line of section.split("\n").filter(Boolean)) all.push([name, line.trim().split(/\s+/)[0]!]);
  }
  return [...all, ["obligations", "warn"], ["analyze", "eval"], ["analyze", "train"]];
}

describe("every presswatch command and subcommand", { timeout: 60_000 }, () => {
  it("answers --help with its usage and its options (or its subcommands), exit 0", async () => {
    const commands = await everyCommand();
    // Commands with subcommands: users, services, store, plan, detect (and the extra three above).
    expect(commands.filter((c) => c.length === 2).length).toBeGreaterThanOrEqual(15);
    for (const command of commands) {
      const { status, stdout, stderr } = await run([...command, "--help"]);
      expect(status, command.join(" ")).toBe(0);
      expect(stderr, command.join(" ")).toBe("");
      expect(stdout, command.join(" ")).toMatch(new RegExp(`^usage: presswatch ${command.join(" ")}\\b`));
      expect(stdout, command.join(" ")).toMatch(/\n(options|subcommands):\n/);
    }
  });

  it("refuses an unknown option in one line that points to the help, exit 2", async () => {
    for (const command of await everyCommand()) {
      const { status, stderr } = await run([...command, "--nonsense"]);
      expect(status, command.join(" ")).toBe(2);
      expect(stderr, command.join(" ")).toMatch(
        new RegExp(
          `^presswatch ${command[0]}: unknown option --nonsense \\(see presswatch ${command[0]}[ a-z]* --help\\)$`,
        ),
      );
    }
  });
});

describe("node bin/presswatch.js", { timeout: 60_000 }, () => {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };

  it("prints the usage and options of crawl", async () => {
    const { status, stdout } = await presswatch(["crawl", "--help"], env);
    expect(status).toBe(0);
    expect(stdout.split("\n")[0]).toBe("usage: presswatch crawl [--once] [--source ID]...");
    expect(stdout).toMatch(/^ {6}--health +print every source's health/m);
  });

  it("refuses report --nonsense in one line, exit 2", async () => {
    const { status, stdout, stderr } = await presswatch(["report", "--nonsense"], env);
    expect(status).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("presswatch report: unknown option --nonsense (see presswatch report --help)\n");
  });

  it("names the malformed REDIS_URL in one line, without a stack trace", async () => {
    const { status, stderr } = await presswatch(["crawl"], { ...env, REDIS_URL: "notaurl" });
    expect(status).toBe(1);
    expect(stderr).toBe(
      'presswatch crawl: bad environment: REDIS_URL="notaurl": must be a URL starting with redis:// or rediss://\n',
    );
  });

  it("names a bad secret without printing it", async () => {
    const { status, stderr } = await presswatch(["api"], { ...env, SESSION_SECRET: "too-short-to-sign" });
    expect(status).toBe(1);
    expect(stderr).toBe(
      "presswatch api: bad environment: SESSION_SECRET=(hidden): must be at least 32 characters\n",
    );
  });

  it("prints package.json's version", async () => {
    const { status, stdout } = await presswatch(["--version"], env);
    expect(status).toBe(0);
    expect(stdout).toBe(`${VERSION}\n`);
  });
});
