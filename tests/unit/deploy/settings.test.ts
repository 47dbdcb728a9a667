// The deployment's settings that have no other home: the session cookie's Secure flag
// (COOKIE_SECURE, on in production unless turned off) and the setup step's shell script.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { appConfig } from "../../../api/context.ts";
import { parseEnv } from "../../../src/config/env.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const SECRET = "s".repeat(40);
const secure = (env: Record<string, string>) => appConfig(parseEnv(env)).secureCookies;

describe("COOKIE_SECURE", () => {
  it("is on in production and off in development unless set", () => {
    expect(secure({ NODE_ENV: "production", SESSION_SECRET: SECRET })).toBe(true);
    expect(secure({ NODE_ENV: "development" })).toBe(false);
  });

  it("wins over NODE_ENV either way", () => {
    expect(secure({ NODE_ENV: "production", SESSION_SECRET: SECRET, COOKIE_SECURE: "false" })).toBe(false);
    expect(secure({ NODE_ENV: "development", COOKIE_SECURE: "true" })).toBe(true);
  });

  it("refuses anything but true, false, 1 or 0, by name", () => {
    expect(() => parseEnv({ COOKIE_SECURE: "yes" })).toThrow(/COOKIE_SECURE="yes"/);
  });
});

describe("deploy/opensearch/setup.sh", () => {
  it("is valid bash", () => {
    const run = spawnSync("bash", ["-n", `${ROOT}deploy/opensearch/setup.sh`], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
