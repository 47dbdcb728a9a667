// Extracted articles through the real analyze and index queues into the real node: analysed,
// grouped with their syndicated copies (original decided whatever the arrival order), indexed once.
import { afterAll, beforeAll, describe, it } from "vitest";
import { createLogger } from "../../../src/log.ts";
import { startRoles } from "../../../workers/roles.ts";
import { isolatedEnv, removeIsolated } from "../../helpers/isolation.ts";
import { analyseCopiesOnce } from "./copiesScenario.ts";

const { prefix, env } = isolatedEnv("pipeline");
let running: Awaited<ReturnType<typeof startRoles>>;

beforeAll(async () => {
  running = await startRoles(["analyze", "index"], { env, logger: createLogger("silent") });
});

afterAll(async () => {
  await running?.stop();
  await removeIsolated(env, prefix);
});

describe("analyze and index workers", () => {
  it("analyse, group copies and index each article once, whatever the arrival order", async () => {
    await analyseCopiesOnce(running.pipeline!);
  });
});
