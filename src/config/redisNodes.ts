/**
 * REDIS_CLUSTER_NODES: the seed nodes of a Redis Cluster, separated by commas, each `host:port` or
 * a `redis://[user:password@]host:port` URL (`rediss://` for TLS). The client learns the other
 * nodes from any one of them. ioredis applies one set of credentials and one TLS setting to every
 * node of a cluster, so the entries must agree on them: a mix is refused rather than half applied.
 */

export interface RedisClusterNodes {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
  tls: boolean;
}

/** Parses the value, or throws an Error whose message says what is wrong with which entry. */
export function parseRedisClusterNodes(value: string): RedisClusterNodes {
  const entries = value
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error("must list at least one host:port");
  const parsed = entries.map(parseEntry);
  const [first] = parsed;
  const access = (entry: (typeof parsed)[number]) => `${entry.tls}|${entry.username}|${entry.password}`;
  if (parsed.some((entry) => access(entry) !== access(first!)))
    throw new Error(
      "every node must have the same scheme and credentials (one client setting for the whole cluster)",
    );
  return {
    nodes: parsed.map(({ host, port }) => ({ host, port })),
    ...(first!.username ? { username: first!.username } : {}),
    ...(first!.password ? { password: first!.password } : {}),
    tls: first!.tls,
  };
}

/** The entry as an error message may show it: without its password. */
const shown = (entry: string) => entry.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1:***@");

function parseEntry(raw: string) {
  const entry = shown(raw);
  let url: URL;
  try {
    url = new URL(raw.includes("://") ? raw : `redis://${raw}`);
  } catch {
    throw new Error(`"${entry}" is not host:port or a redis:// URL`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new Error(`"${entry}" must be host:port or start with redis:// or rediss://`);
  if (!url.hostname) throw new Error(`"${entry}" has no host`);
  // A cluster has only database 0: a path would be silently ignored.
  if (url.pathname !== "" && url.pathname !== "/")
    throw new Error(`"${entry}" names a database; a Redis Cluster has only database 0`);
  return {
    // URL keeps the brackets of an IPv6 address; sockets want it bare.
    host: url.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: url.port ? Number(url.port) : 6379,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    tls: url.protocol === "rediss:",
  };
}
