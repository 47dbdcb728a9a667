// package.json's `engines.node` must not promise a Node version some installed package refuses:
// every package in the lockfile that declares `engines.node` must accept every version ours does.
import { readFileSync } from "node:fs";
import semver from "semver";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../../", import.meta.url).pathname;
const ours = (JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { engines: { node: string } })
  .engines.node;
const lock = JSON.parse(readFileSync(`${ROOT}package-lock.json`, "utf8")) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean }>;
};

describe("engines.node", () => {
  it("is accepted by every package in the lockfile", () => {
    const refusing = Object.entries(lock.packages).flatMap(([path, entry]) => {
      // Old packages wrote engines as an array of strings; npm ignores those.
      const theirs = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
      if (!path || !theirs || !semver.validRange(theirs)) return [];
      return semver.subset(ours, theirs, { includePrerelease: false })
        ? []
        : [`${path.replace(/^.*node_modules\//, "")}@${entry.version}: ${theirs}`];
    });
    expect(refusing, `package.json says ${ours}`).toEqual([]);
  });
});
