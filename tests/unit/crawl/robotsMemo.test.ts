// The process's short memory of robots.txt records in front of the shared store: how long a record
// is used without asking the store, never past its expiry there, and never for a missing record.
import { describe, expect, it } from "vitest";
import { memoizedRobotsStore } from "../../../src/crawl/robotsMemo.ts";
import { ROBOTS_TTL_MS, type RobotsRecord, type RobotsStore } from "../../../src/fetch/robots.ts";

function sharedStore() {
  const records = new Map<string, RobotsRecord>();
  let reads = 0;
  const store: RobotsStore = {
    get: async (origin) => {
      reads++;
      return records.get(origin) ?? null;
    },
    put: async (origin, record) => {
      records.set(origin, record);
    },
  };
  return { store, records, reads: () => reads };
}

const origin = "https://baokontum.example";
const rules = (body: string, fetchedAt: number): RobotsRecord => ({
  outcome: "rules",
  body,
  note: "",
  fetchedAt,
});

describe("memoizedRobotsStore", () => {
  it("answers from memory for maxAgeMs, then reads the shared store again", async () => {
    let clock = 1_000_000;
    const shared = sharedStore();
    shared.records.set(origin, rules("Disallow: /a", clock));
    const robots = memoizedRobotsStore(shared.store, { maxAgeMs: 30_000, now: () => clock });
    expect((await robots.get(origin))?.body).toBe("Disallow: /a");
    clock += 29_000;
    // Another process refetched robots.txt meanwhile: not seen yet, within the 30 s.
    shared.records.set(origin, rules("Disallow: /b", clock));
    expect((await robots.get(origin))?.body).toBe("Disallow: /a");
    expect(shared.reads()).toBe(1);
    clock += 2_000;
    expect((await robots.get(origin))?.body).toBe("Disallow: /b");
    expect(shared.reads()).toBe(2);
  });

  it("never keeps a record past its expiry in the shared store", async () => {
    let clock = 5_000_000;
    const shared = sharedStore();
    // Fetched almost an hour ago: the shared store drops it in 10 s.
    shared.records.set(origin, rules("Disallow: /a", clock - ROBOTS_TTL_MS + 10_000));
    const robots = memoizedRobotsStore(shared.store, { maxAgeMs: 30_000, now: () => clock });
    await robots.get(origin);
    clock += 9_000;
    await robots.get(origin);
    expect(shared.reads()).toBe(1);
    clock += 2_000;
    await robots.get(origin);
    expect(shared.reads()).toBe(2);
  });

  it("does not remember a missing record, and remembers what it stores", async () => {
    const clock = 7_000_000;
    const shared = sharedStore();
    const robots = memoizedRobotsStore(shared.store, { now: () => clock });
    expect(await robots.get(origin)).toBeNull();
    expect(await robots.get(origin)).toBeNull();
    expect(shared.reads()).toBe(2);
    const record = rules("Crawl-delay: 1", clock);
    await robots.put(origin, record, ROBOTS_TTL_MS);
    expect(shared.records.get(origin)).toEqual(record);
    expect(await robots.get(origin)).toEqual(record);
    expect(shared.reads()).toBe(2);
  });

  it("keeps origins apart", async () => {
    const clock = 9_000_000;
    const shared = sharedStore();
    shared.records.set(origin, rules("Disallow: /a", clock));
    shared.records.set("https://krt.example", rules("Disallow: /k", clock));
    const robots = memoizedRobotsStore(shared.store, { now: () => clock });
    expect((await robots.get(origin))?.body).toBe("Disallow: /a");
    expect((await robots.get("https://krt.example"))?.body).toBe("Disallow: /k");
    expect((await robots.get(origin))?.body).toBe("Disallow: /a");
    expect(shared.reads()).toBe(2);
  });
});
