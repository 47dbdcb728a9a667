// Opening a month before its first document: how many started copies to wait for (pure), and the
// per-process opener that opens each month once, in parallel, and again after a failure.
import { describe, expect, it } from "vitest";
import type { SearchClient } from "../../../src/store/client.ts";
import { copiesToWaitFor, createMonthOpener, type IndexHealth } from "../../../src/store/monthIndex.ts";

const INDEX = "p-articles-v2-2024.11";
const health = (dataNodes: number, shards: number, replicas: number, active: number): IndexHealth => ({
  number_of_data_nodes: dataNodes,
  timed_out: false,
  indices: { [INDEX]: { number_of_shards: shards, number_of_replicas: replicas, active_shards: active } },
});

describe("copiesToWaitFor", () => {
  it("waits for every shard's primary and replicas when the cluster has room for them", () => {
    expect(copiesToWaitFor(health(3, 2, 1, 2), INDEX)).toEqual({ wanted: 4, active: 2 });
    expect(copiesToWaitFor(health(3, 3, 2, 9), INDEX)).toEqual({ wanted: 9, active: 9 });
  });

  it("never waits for more copies of a shard than there are data nodes", () => {
    // A single node with a replica configured, or three replicas with a node of three down.
    expect(copiesToWaitFor(health(1, 2, 1, 2), INDEX)).toEqual({ wanted: 2, active: 2 });
    expect(copiesToWaitFor(health(2, 2, 3, 2), INDEX)).toEqual({ wanted: 4, active: 2 });
  });

  it("says so when the primaries did not start", () => {
    expect(() => copiesToWaitFor({ ...health(3, 2, 1, 0), timed_out: true }, INDEX)).toThrow(
      /p-articles-v2-2024\.11: its primary shards did not start within 30s/,
    );
    expect(() => copiesToWaitFor({ number_of_data_nodes: 3, timed_out: false }, INDEX)).toThrow(
      /did not start/,
    );
  });
});

describe("createMonthOpener", () => {
  const client = {} as SearchClient;

  it("opens each month once per process, however many bulks and callers name it", async () => {
    const calls: string[] = [];
    const opener = createMonthOpener(client, async (_client, index) => {
      calls.push(index);
    });
    await Promise.all([opener.open(["a", "b", "a"]), opener.open(["b", "c"])]);
    await opener.open(["a", "c"]);
    expect(calls.sort()).toEqual(["a", "b", "c"]);
  });

  it("waits until every month named is open before resolving", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const opener = createMonthOpener(client, (_client, index) =>
      index === "slow" ? gate : Promise.resolve(),
    );
    let done = false;
    const opening = opener.open(["fast", "slow"]).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    release();
    await opening;
    expect(done).toBe(true);
  });

  it("tries a month again after a failed opening", async () => {
    let attempts = 0;
    const opener = createMonthOpener(client, async () => {
      attempts++;
      if (attempts === 1) throw new Error("primaries did not start");
    });
    await expect(opener.open(["m"])).rejects.toThrow("primaries did not start");
    await opener.open(["m"]);
    expect(attempts).toBe(2);
  });
});
