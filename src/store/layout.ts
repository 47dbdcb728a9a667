/**
 * How the article indices are laid out on the cluster, per deployment: primary shards of each
 * monthly index, replicas, and how often new documents become searchable. One development node
 * takes the defaults (1 shard, no replica: it has nowhere to put one); a cluster sets
 * OPENSEARCH_REPLICAS=1 or more so that losing a node loses no article.
 */

export interface IndexLayout {
  /** Primary shards of each new monthly index (a static setting: applies from the next index). */
  shards: number;
  /** Copies of each shard on other nodes (dynamic: applied to existing indices too). */
  replicas: number;
  /** `1s`, `30s`, … or `-1` (dynamic: applied to existing indices too). */
  refreshInterval: string;
}

export const DEFAULT_LAYOUT: IndexLayout = { shards: 1, replicas: 0, refreshInterval: "1s" };

export function layoutFromEnv(env: {
  OPENSEARCH_SHARDS: number;
  OPENSEARCH_REPLICAS: number;
  OPENSEARCH_REFRESH_INTERVAL: string;
}): IndexLayout {
  return {
    shards: env.OPENSEARCH_SHARDS,
    replicas: env.OPENSEARCH_REPLICAS,
    refreshInterval: env.OPENSEARCH_REFRESH_INTERVAL,
  };
}
