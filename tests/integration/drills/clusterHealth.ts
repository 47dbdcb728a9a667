/**
 * What the cluster drill watches while a node is down: the health of each article index, sampled
 * again and again, kept at its worst (a red that lasted one sample must not be missed by a single
 * read at the end), and, for an index that went red, why its primary had no copy left: the
 * engine's allocation explanation, the index's replica setting and how long before the stop the
 * index was created.
 */
import type { SearchClient } from "../../../src/store/index.ts";

export type Health = "green" | "yellow" | "red";
const RANK: Record<Health, number> = { green: 0, yellow: 1, red: 2 };

export function worse(a: Health | undefined, b: Health): Health {
  return a !== undefined && RANK[a] >= RANK[b] ? a : b;
}

/** Each index's health now (the cluster manager's view; throws while none is elected). */
export async function indexHealth(client: SearchClient, pattern: string): Promise<Map<string, Health>> {
  // Without a manager the request would wait 30 s for one: a short wait keeps the samples coming.
  const response = await client.cluster.health({
    index: pattern,
    level: "indices",
    timeout: "5s",
    cluster_manager_timeout: "5s",
  });
  const body = response.body as { indices?: Record<string, { status: Health }> };
  return new Map(Object.entries(body.indices ?? {}).map(([index, { status }]) => [index, status]));
}

export interface ShardRow {
  index: string;
  shard: string;
  prirep: "p" | "r";
  state: string;
  node: string | null;
}

export async function shardTable(client: SearchClient, pattern: string): Promise<ShardRow[]> {
  const response = await client.cat.shards({
    index: pattern,
    format: "json",
    h: ["index", "shard", "prirep", "state", "node"],
  });
  return response.body as ShardRow[];
}

/** Why a red index's primaries are unassigned, in a few lines an operator can read. */
export async function explainRed(client: SearchClient, index: string, stoppedAt: number): Promise<string[]> {
  const lines: string[] = [];
  const settings = await client.indices.getSettings({
    index,
    name: "index.number_of_replicas,index.creation_date",
  });
  const own = (settings.body as Record<string, { settings: { index: Record<string, string> } }>)[index]
    ?.settings.index;
  const createdBefore = own?.creation_date
    ? ((stoppedAt - Number(own.creation_date)) / 1000).toFixed(1)
    : "?";
  lines.push(
    `${index}: number_of_replicas ${own?.number_of_replicas ?? "?"}, created ${createdBefore} s before the stop`,
  );
  const rows = await shardTable(client, index);
  for (const row of rows.filter((r) => r.prirep === "p" && r.state === "UNASSIGNED")) {
    const explain = await client.cluster
      .allocationExplain({ body: { index, shard: Number(row.shard), primary: true } })
      .then((r) => r.body as Record<string, unknown>)
      .catch((error: Error): Record<string, unknown> => ({ error: error.message }));
    const info = explain.unassigned_info as { reason?: string; details?: string } | undefined;
    lines.push(
      `  shard ${row.shard} primary: ${explain.can_allocate ?? explain.error} (${info?.reason ?? "?"}) — ${
        explain.allocate_explanation ?? ""
      }`,
    );
  }
  return lines;
}

/** The worst health of each index over the samples taken, and the samples the manager could not answer. */
export class WorstHealth {
  readonly worst = new Map<string, Health>();
  samples = 0;
  unreadable = 0;

  async sample(client: SearchClient, pattern: string): Promise<string[]> {
    this.samples++;
    let now: Map<string, Health>;
    try {
      now = await indexHealth(client, pattern);
    } catch {
      // No cluster manager yet (the election after the stop): nothing is known, nothing is recorded.
      this.unreadable++;
      return [];
    }
    const newlyRed: string[] = [];
    for (const [index, health] of now) {
      if (health === "red" && this.worst.get(index) !== "red") newlyRed.push(index);
      this.worst.set(index, worse(this.worst.get(index), health));
    }
    return newlyRed;
  }
}
