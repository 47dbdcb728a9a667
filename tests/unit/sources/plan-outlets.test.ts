// Every shipped source names an outlet of the shipped plan, so crawled articles count toward the
// plan's obligations and contracts (which refer to outlets by their plan id).
import { describe, expect, it } from "vitest";
import { loadPlan } from "../../../src/plan/index.ts";
import { loadSources } from "../../../src/sources/load.ts";

describe("shipped sources", () => {
  it("refer to outlets of the shipped plan", async () => {
    const plan = await loadPlan("config/plans/kon-tum-2024.yaml");
    const outletIds = new Set(plan.outlets.map((outlet) => outlet.id));
    const loaded = await loadSources("config/sources");
    expect(loaded.sources.length).toBeGreaterThan(0);
    const unknown = loaded.sources
      .filter((source) => !outletIds.has(source.outletId))
      .map((s) => `${s.id} → ${s.outletId}`);
    expect(unknown).toEqual([]);
  });
});
