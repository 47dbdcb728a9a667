// The deployment's scale settings in the environment: the article index layout, and the Redis key
// prefix hash-tagged for Redis Cluster.
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import { layoutFromEnv } from "../../../src/store/layout.ts";

describe("index layout", () => {
  it("defaults to one shard, no replica and a one-second refresh (a single development node)", () => {
    expect(layoutFromEnv(parseEnv({}))).toEqual({ shards: 1, replicas: 0, refreshInterval: "1s" });
  });

  it("reads a cluster's layout", () => {
    const env = parseEnv({
      OPENSEARCH_SHARDS: "3",
      OPENSEARCH_REPLICAS: "1",
      OPENSEARCH_REFRESH_INTERVAL: "30s",
    });
    expect(layoutFromEnv(env)).toEqual({ shards: 3, replicas: 1, refreshInterval: "30s" });
  });

  it("names each bad value", () => {
    expect(() => parseEnv({ OPENSEARCH_SHARDS: "0" })).toThrow(/OPENSEARCH_SHARDS="0"/);
    expect(() => parseEnv({ OPENSEARCH_REPLICAS: "one" })).toThrow(/OPENSEARCH_REPLICAS="one"/);
    expect(() => parseEnv({ OPENSEARCH_REFRESH_INTERVAL: "soon" })).toThrow(EnvError);
  });
});

describe("queue key prefix", () => {
  it("is hash-tagged, once", () => {
    expect(parseEnv({}).QUEUE_PREFIX).toBe("{presswatch}");
    expect(parseEnv({ QUEUE_PREFIX: "kontum" }).QUEUE_PREFIX).toBe("{kontum}");
    expect(parseEnv({ QUEUE_PREFIX: "{kontum}" }).QUEUE_PREFIX).toBe("{kontum}");
    expect(queueKeyPrefix(queueKeyPrefix("a"))).toBe("{a}");
  });

  it("refuses braces inside the prefix, which would move the hash tag", () => {
    expect(() => parseEnv({ QUEUE_PREFIX: "a{b}" })).toThrow(/QUEUE_PREFIX="a\{b\}"/);
  });
});

describe("OpenSearch URL", () => {
  it("takes one node or several of a cluster", () => {
    expect(parseEnv({}).OPENSEARCH_URL).toBe("http://127.0.0.1:9200");
    expect(parseEnv({ OPENSEARCH_URL: "http://a:9200,https://b:9200" }).OPENSEARCH_URL).toBe(
      "http://a:9200,https://b:9200",
    );
    expect(() => parseEnv({ OPENSEARCH_URL: "http://a:9200,b:9200" })).toThrow(/OPENSEARCH_URL/);
  });
});
