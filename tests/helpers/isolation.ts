/** Unique names per test file, so test files running in parallel never share an index or a queue. */
import { randomBytes } from "node:crypto";
import { inject } from "vitest";

export function uniqueName(label: string): string {
  return `t-${label}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`.toLowerCase();
}

export function services() {
  return {
    redisUrl: inject("redisUrl"),
    openSearchUrl: inject("openSearchUrl"),
    chromiumPath: inject("chromiumPath"),
  };
}
