/**
 * Detector and story state in a real Redis: concurrent updates from separate connections (as from
 * separate workers) never lose one, and a worker that starts later carries on from the state.
 */
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createDetectorState,
  type DetectorState,
  observe,
  parseDetectorState,
} from "../../../src/detect/detector.ts";
import { createStateStore, StateConflictError } from "../../../src/detect/redisState.ts";
import { parseStoryState } from "../../../src/detect/rumours.ts";
import { type TrackedArticle, trackArticle } from "../../../src/detect/track.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

const prefix = uniqueName("detect-state");
const connections: Redis[] = [];
const connect = () => {
  const redis = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
  connections.push(redis);
  return redis;
};

beforeAll(() => {
  connect();
});

afterAll(async () => {
  const admin = connections[0]!;
  let cursor = "0";
  do {
    const [next, keys] = await admin.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length) await admin.del(...keys);
  } while (cursor !== "0");
  await Promise.all(connections.map((redis) => redis.quit()));
});

const detectorStore = (redis: Redis) =>
  createStateStore<DetectorState>(redis, {
    prefix: `${prefix}:detect`,
    parse: (json) => parseDetectorState(json),
    ttlSeconds: 3600,
  });

describe("createStateStore on Redis", () => {
  it("loses no update when four workers count into the same series at once", async () => {
    const stores = [connect(), connect(), connect(), connect()].map(detectorStore);
    const at = Date.parse("2024-06-06T02:00:00Z");
    const perWorker = 100;
    await Promise.all(
      stores.map((store, worker) =>
        Promise.all(
          Array.from({ length: perWorker }, (_, i) =>
            store.update("theme:tourism:negative", (state) => ({
              state: observe(state, at + i, 1, [`w${worker}-${i}`]).state,
              result: null,
            })),
          ),
        ),
      ),
    );
    const state = await stores[0]!.get("theme:tourism:negative");
    expect(state.count).toBe(4 * perWorker);
    expect(state.ids).toHaveLength(50); // evidence is capped
    const admin = connections[0]!;
    expect(await admin.hget(stores[0]!.redisKey("theme:tourism:negative"), "v")).toBe(String(4 * perWorker));
    expect(await admin.ttl(stores[0]!.redisKey("theme:tourism:negative"))).toBeGreaterThan(3000);
  });

  it("gives a worker that starts later the state the others left", async () => {
    const first = detectorStore(connect());
    await first.update("agency:stnmt:flagged", (state) => ({
      state: { ...state, level: 1.25, closed: 7 },
      result: null,
    }));
    const later = detectorStore(connect());
    const state = await later.get("agency:stnmt:flagged");
    expect(state.level).toBe(1.25);
    expect(state.closed).toBe(7);
    expect(await later.get("agency:nobody:flagged")).toEqual(createDetectorState());
  });

  it("retries on a conflict, and gives up with a clear error when the state keeps changing", async () => {
    const redis = connect();
    const store = createStateStore<DetectorState>(redis, {
      prefix: `${prefix}:detect`,
      parse: (json) => parseDetectorState(json),
      maxAttempts: 3,
    });
    const key = store.redisKey("theme:x:negative");
    // Another writer bumps the version between our read and our write. Sent on the same connection,
    // the bump is queued before our compare-and-set, so the order is certain.
    let calls = 0;
    const result = await store.update("theme:x:negative", (state) => {
      calls++;
      if (calls === 1) void redis.hincrby(key, "v", 1);
      return { state: { ...state, count: state.count + 1 }, result: calls };
    });
    expect(result).toBe(2);
    expect((await store.get("theme:x:negative")).count).toBe(1);

    const always = store.update("theme:x:negative", (state) => {
      void redis.hincrby(key, "v", 1);
      return { state, result: null };
    });
    await expect(always).rejects.toBeInstanceOf(StateConflictError);
    await expect(always).rejects.toThrow(/theme:x:negative: still conflicting after 3 attempts/);
  });

  it("runs articles from several workers through one story and raises its spread alert once", async () => {
    const workers = [connect(), connect(), connect()].map((redis) => ({
      detectors: detectorStore(redis),
      stories: createStateStore(redis, {
        prefix: `${prefix}:story`,
        parse: (json, key) => parseStoryState(json, key),
      }),
    }));
    const at = Date.parse("2024-06-06T02:00:00Z");
    const article = (i: number): TrackedArticle => ({
      id: `a${i}`,
      story_id: "story-1",
      outlet: `outlet-${i % 5}`,
      themes: [{ id: "economy", score: 1 }],
      agencies: ["bqlkkt"],
      outlet_kind: "other",
      tone: { label: "negative", score: 0.9 },
      claims: [],
    });
    const alerts = (
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          trackArticle(workers[i % 3]!, article(i), at + i * 1000, new Date(at)),
        ),
      )
    ).flat();
    const rumours = alerts.filter((alert) => alert.kind === "rumour");
    expect(rumours).toHaveLength(1);
    // Raised as the third distinct outlet arrived, whichever worker carried it.
    expect(rumours[0]!.evidence.outlets).toHaveLength(3);
    const story = await workers[0]!.stories.get("story-1");
    expect(story.article_ids).toHaveLength(20);
    expect(Object.keys(story.outlets).sort()).toEqual([
      "outlet-0",
      "outlet-1",
      "outlet-2",
      "outlet-3",
      "outlet-4",
    ]);
  });
});
