import { defineConfig } from "vitest/config";

// Tiers: `unit` is pure and needs nothing; `integration` and `e2e` talk to a real Redis,
// OpenSearch node and Chromium, which tests/global-setup.ts starts (or reuses) once per run;
// `drills` break those services on purpose and take minutes (scripts/drills).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "tests/e2e/**/*.test.ts"],
          exclude: ["tests/integration/drills/**"],
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Two cores: the node, Redis and Chromium need their share.
          maxWorkers: 2,
          // What the page shows after an action waits for the engine (case writes refresh the index
          // before answering, up to a second) on a machine shared with the rest of the suite: the
          // default 1 s of `expect.poll` made the browser tests flaky.
          expect: { poll: { timeout: 10_000 } },
          sequence: { groupOrder: 1 },
        },
      },
      {
        // Reliability drills (killed workers, a Redis restart, an OpenSearch outage, the fuzzer):
        // minutes each, so `scripts/drills` runs them apart from the suite.
        test: {
          name: "drills",
          include: ["tests/integration/drills/**/*.test.ts"],
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          // Each drill runs its own processes and services: one at a time.
          maxWorkers: 1,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
