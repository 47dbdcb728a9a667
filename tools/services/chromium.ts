/**
 * Debian's Chromium, driven by Playwright. We never download a browser: if it is missing we install
 * the Debian package (as root, with `install`), or say how.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ServiceError } from "./errors.ts";

function version(path: string): string | undefined {
  const run = spawnSync(path, ["--headless", "--no-sandbox", "--version"], {
    encoding: "utf8",
    timeout: 20_000,
  });
  return run.status === 0 ? run.stdout.trim().split("\n").at(-1) : undefined;
}

export function chromiumUp(path: string, install: boolean, log: (line: string) => void = () => {}): string {
  if (existsSync(path)) {
    const found = version(path);
    if (found) return `Chromium ${path}: ${found}`;
    throw new ServiceError("chromium", `${path} exists but does not run (--version failed)`);
  }
  const root = process.getuid?.() === 0;
  if (!install || !root || path !== "/usr/bin/chromium") {
    throw new ServiceError(
      "chromium",
      `Chromium not found at ${path}; install Debian's package: apt-get install -y chromium`,
    );
  }
  log("installing Debian's chromium package (apt-get)…");
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const run = spawnSync("apt-get", args, {
      encoding: "utf8",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
    if (run.status !== 0) {
      const reason = (run.stderr || run.stdout).trim().split("\n").at(-1) ?? "unknown error";
      throw new ServiceError("chromium", `apt-get ${args[0]} failed: ${reason}`);
    }
  }
  return chromiumUp(path, false, log);
}

export function chromiumStatus(path: string): { ok: boolean; line: string } {
  const found = existsSync(path) ? version(path) : undefined;
  return found
    ? { ok: true, line: `Chromium ${path}: ${found}` }
    : { ok: false, line: `Chromium ${path}: not installed` };
}
