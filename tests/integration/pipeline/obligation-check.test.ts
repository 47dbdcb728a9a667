// The daily obligation check as the workers run it: the job scheduler fires (every second here,
// 07:00 daily in production), the obligations behind pace become alerts once each, and the
// notifications get the new ones only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/log.ts";
import type { Alert } from "../../../src/model/alert.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { PipelineRuntime } from "../../../workers/pipelineRuntime.ts";
import { startObligationCheck } from "../../../workers/roles.ts";
import { isolatedEnv } from "../../helpers/isolation.ts";

const { prefix, env } = isolatedEnv("obligation-check");

let runtime: PipelineRuntime;
let role: Awaited<ReturnType<typeof startObligationCheck>>;
const notified: Alert[] = [];

beforeAll(async () => {
  runtime = await PipelineRuntime.create(env, createLogger("silent"));
  // 20 June 2024, 10:00 in Viet Nam: two thirds of June gone and no article indexed, so every
  // monthly obligation of June is behind pace.
  role = await startObligationCheck(
    runtime,
    env,
    createLogger("silent"),
    { notify: async (alert) => void notified.push(alert) },
    { pattern: "* * * * * *", now: () => Date.parse("2024-06-20T03:00:00Z") },
  );
});

afterAll(async () => {
  await role?.stop();
  const keys = await runtime?.commands.keys(`${env.QUEUE_PREFIX}:*`);
  if (keys?.length) await runtime.commands.del(...keys);
  await runtime?.client.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
  await runtime?.close();
});

describe("the daily obligation check", () => {
  it("raises each at-risk obligation of the running month once, however often it runs", async () => {
    const alerts = createAlertStore(runtime.client, { prefix });
    const obligationAlerts = async () => {
      await runtime.client.indices.refresh({ index: `${prefix}-alerts` }, { ignore: [404] });
      return (await alerts.list({ size: 500, kind: "obligation" })).length;
    };
    const completed = (runs: number) =>
      expect.poll(async () => (await role.queue.getCompletedCount()) >= runs, { timeout: 30_000 }).toBe(true);
    await completed(1);
    const first = await obligationAlerts();
    expect(first).toBeGreaterThan(0);
    // Let the scheduler fire a few more times.
    await completed(4);
    expect(await obligationAlerts()).toBe(first);
    expect(new Set(notified.map((alert) => alert.id)).size).toBe(notified.length);
    expect(notified.length).toBe(first);
    // Báo Kon Tum's tourism column of June is one of them, owned by the culture department.
    const tourism = (await alerts.list({ size: 500, kind: "obligation" })).find(
      (alert) => alert.evidence.obligation === "column_tourism" && alert.evidence.outlet === "bao_kon_tum",
    );
    expect(tourism?.evidence).toMatchObject({ period: "2024-06", required: 1, counted: 0 });
    expect(tourism?.agencies).toEqual(["svhttdl"]);
  });
});
