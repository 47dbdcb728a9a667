// The worker /health verdict: ok only when Redis and OpenSearch answer and every role runs.
import { describe, expect, it } from "vitest";
import { type HealthSources, health } from "../../../workers/http.ts";

const up = async () => ({ ok: true, status: "ready" });
const sources = (over: Partial<HealthSources> = {}): HealthSources => ({
  redis: up,
  opensearch: up,
  roles: () => ({ analyze: true, index: true }),
  ...over,
});

describe("worker health", () => {
  it("is ok when everything answers and runs", async () => {
    const body = await health(sources());
    expect(body.status).toBe("ok");
    expect(body.checks.roles).toEqual({ analyze: true, index: true });
  });

  it("is unavailable when a role stopped, OpenSearch is red or Redis throws", async () => {
    expect((await health(sources({ roles: () => ({ analyze: true, index: false }) }))).status).toBe(
      "unavailable",
    );
    expect((await health(sources({ opensearch: async () => ({ ok: false, status: "red" }) }))).status).toBe(
      "unavailable",
    );
    const body = await health(
      sources({
        redis: async () => {
          throw new Error("connect ECONNREFUSED 127.0.0.1:6379");
        },
      }),
    );
    expect(body.status).toBe("unavailable");
    expect(body.checks.redis).toMatchObject({ ok: false, status: "connect ECONNREFUSED 127.0.0.1:6379" });
  });
});
