import { defineConfig } from "vitest/config";

// Two tiers: `unit` is pure and needs nothing; `integration` and `e2e` talk to a real Redis,
// OpenSearch node and Chromium, which tests/global-setup.ts starts (or reuses) once per run.
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
          environment: "node",
          globalSetup: ["tests/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          // Two cores: the node, Redis and Chromium need their share.
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
