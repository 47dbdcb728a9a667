// Grouped creates against the real node: documents created at the same time go in a few bulk
// requests, each caller hears its own document's outcome (created, already there, or refused with
// the reason), and a request that never reaches the engine fails every document it carried.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { groupedCreates } from "../../../src/store/groupedCreates.ts";
import { createSearchClient } from "../../../src/store/index.ts";
import { ensureAliasedIndex } from "../../../src/store/users.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

const client = createSearchClient({ url: services().openSearchUrl });
const index = `${uniqueName("grouped")}-docs`;
let bulkRequests = 0;

beforeAll(async () => {
  await ensureAliasedIndex(client, index, 1, {
    properties: { n: { type: "integer" }, text: { type: "keyword" } },
  });
  client.on("request", (error, event) => {
    if (!error && event.meta.request.params.path.endsWith("/_bulk")) bulkRequests++;
  });
});

afterAll(async () => {
  await client.indices.delete({ index: `${index}-*`, ignore_unavailable: true });
  await client.close();
});

describe("grouped creates", () => {
  it("stores concurrent documents in fewer requests, each outcome to its own caller", async () => {
    const creates = groupedCreates(client, index, { label: "test doc" });
    const before = bulkRequests;
    const outcomes = await Promise.all([
      ...Array.from({ length: 40 }, (_, n) => creates.create(`doc-${n}`, { n, text: `t${n}` })),
      // The same id twice at once: the first is created, the second told it exists.
      creates.create("doc-0", { n: 0, text: "second writer" }),
    ]);
    expect(outcomes.slice(0, 40)).toEqual(Array(40).fill("created"));
    expect(outcomes[40]).toBe("exists");
    const requests = bulkRequests - before;
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThan(10);
    await client.indices.refresh({ index });
    expect(Number((await client.count({ index })).body.count)).toBe(40);
    const first = await client.get({ index, id: "doc-0" });
    expect((first.body._source as { text: string }).text).toBe("t0");
    // Later, alone: a document that already exists.
    expect(await creates.create("doc-7", { n: 7, text: "again" })).toBe("exists");
  });

  it("refuses only the document the engine refuses, naming it and the reason", async () => {
    const creates = groupedCreates(client, index, { label: "test doc" });
    const results = await Promise.allSettled([
      creates.create("good-1", { n: 1, text: "a" }),
      // The mapping is strict: an unknown field is refused.
      creates.create("bad-1", { n: 2, unknown_field: "x" }),
      creates.create("good-2", { n: 3, text: "b" }),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const reason = String((results[1] as PromiseRejectedResult).reason);
    expect(reason).toContain("storing test doc bad-1 failed");
    expect(reason).toContain("strict_dynamic_mapping_exception");
  });

  it("keeps requests under the size cap, one document at least", async () => {
    const creates = groupedCreates(client, index, { maxRequestChars: 1 });
    const before = bulkRequests;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, n) => creates.create(`capped-${n}`, { n, text: "x" })),
    );
    expect(outcomes).toEqual(Array(5).fill("created"));
    expect(bulkRequests - before).toBe(5);
  });

  it("fails every document of a request that cannot be sent", async () => {
    const unreachable = createSearchClient({ url: "http://127.0.0.1:9", requestTimeoutMs: 2_000 });
    try {
      const creates = groupedCreates(unreachable, index, { label: "test doc" });
      const results = await Promise.allSettled([
        creates.create("lost-1", { n: 1, text: "a" }),
        creates.create("lost-2", { n: 2, text: "b" }),
      ]);
      expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
      expect(String((results[0] as PromiseRejectedResult).reason)).toContain(
        "storing test doc lost-1 failed",
      );
      expect(String((results[1] as PromiseRejectedResult).reason)).toContain(
        "storing test doc lost-2 failed",
      );
    } finally {
      await unreachable.close();
    }
  });
});
