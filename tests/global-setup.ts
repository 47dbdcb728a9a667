/**
 * Starts (or reuses) the real services the integration tests need, once per test run, and stops
 * what it started. Each test file isolates its own state with unique index and queue prefixes
 * (tests/helpers/isolation.ts).
 */
import type { TestProject } from "vitest/node";
import { parseEnv } from "../src/config/env.ts";
import { servicesDown, servicesStatus, servicesUp } from "../tools/services/index.ts";

export default async function setup(project: TestProject) {
  const env = parseEnv();
  const before = await servicesStatus(env);
  const openSearchWasUp = before[0]?.ok ?? false;
  const lines = await servicesUp(env, { install: false, log: (line) => console.log(`[services] ${line}`) });
  for (const line of lines) console.log(`[services] ${line}`);
  project.provide("redisUrl", env.REDIS_URL);
  project.provide("openSearchUrl", env.OPENSEARCH_URL);
  project.provide("chromiumPath", env.CHROMIUM_PATH);
  return async () => {
    if (!openSearchWasUp) for (const line of await servicesDown(env)) console.log(`[services] ${line}`);
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
    openSearchUrl: string;
    chromiumPath: string;
  }
}
