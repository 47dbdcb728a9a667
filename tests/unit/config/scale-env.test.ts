// The deployment's scale settings in the environment: the article index layout, the Redis key
// prefix hash-tagged for Redis Cluster, and a Redis Cluster's seed nodes.
import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, queueKeyPrefix } from "../../../src/config/env.ts";
import { parseRedisClusterNodes } from "../../../src/config/redisNodes.ts";
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

describe("Redis Cluster nodes", () => {
  it("are absent by default: REDIS_URL is used", () => {
    expect(parseEnv({}).REDIS_CLUSTER_NODES).toBeUndefined();
  });

  it("take host:port entries, IPv6 in brackets, and a port of 6379 when none is given", () => {
    expect(
      parseEnv({ REDIS_CLUSTER_NODES: "10.0.0.1:7000, 10.0.0.2:7001,[::1]:7002,redis-3" })
        .REDIS_CLUSTER_NODES,
    ).toEqual({
      nodes: [
        { host: "10.0.0.1", port: 7000 },
        { host: "10.0.0.2", port: 7001 },
        { host: "::1", port: 7002 },
        { host: "redis-3", port: 6379 },
      ],
      tls: false,
    });
  });

  it("take URLs with credentials and TLS, the same on every node", () => {
    expect(parseRedisClusterNodes("rediss://app:s%40cret@r1:6380,rediss://app:s%40cret@r2:6380")).toEqual({
      nodes: [
        { host: "r1", port: 6380 },
        { host: "r2", port: 6380 },
      ],
      username: "app",
      password: "s@cret",
      tls: true,
    });
    expect(() => parseRedisClusterNodes("rediss://app:x@r1:6380,r2:6380")).toThrow(
      /same scheme and credentials/,
    );
  });

  it("refuses what a cluster cannot take, naming the entry but never its password", () => {
    expect(() => parseRedisClusterNodes("")).toThrow(/at least one/);
    expect(() => parseRedisClusterNodes("http://r1:7000")).toThrow(/"http:\/\/r1:7000" must be host:port/);
    expect(() => parseRedisClusterNodes("redis://u:hunter2@r1:7000/2")).toThrow(
      /"redis:\/\/u:\*\*\*@r1:7000\/2" names a database/,
    );
    expect(() => parseRedisClusterNodes("r1:port")).toThrow(/"r1:port" is not host:port/);
    let message = "";
    try {
      parseEnv({ REDIS_CLUSTER_NODES: "redis://u:hunter2@r1:7000/2" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/REDIS_CLUSTER_NODES=\(hidden\): .*names a database/);
    expect(message).not.toContain("hunter2");
  });
});
