/**
 * The only place that constructs an OpenSearch client. Everything that talks to the engine lives
 * in `src/store`, so an Elasticsearch adapter would replace this folder and nothing else.
 */
import { Client } from "@opensearch-project/opensearch";

export type SearchClient = Client;

export interface StoreOptions {
  /** One node's URL, or several of one cluster separated by commas. */
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  requestTimeoutMs?: number;
}

export function createSearchClient(options: StoreOptions): SearchClient {
  const nodes = options.url.split(",").map((node) => node.trim());
  return new Client({
    // Several nodes: requests go round the pool and a node that stops answering is left out
    // (and retried later) while the others serve.
    node: nodes.length === 1 ? nodes[0]! : nodes,
    ...(options.username ? { auth: { username: options.username, password: options.password ?? "" } } : {}),
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    maxRetries: 2,
  });
}

/** Cluster health in one line, or the reason it could not be read. */
export async function searchHealth(
  client: SearchClient,
): Promise<{ ok: boolean; status: string; version?: string; detail?: string }> {
  try {
    const [info, health] = await Promise.all([client.info(), client.cluster.health()]);
    const status = String(health.body.status);
    return { ok: status !== "red", status, version: String(info.body.version.number) };
  } catch (error) {
    return {
      ok: false,
      status: "unreachable",
      detail: error instanceof Error ? error.message : String(error),
    };
  }
}
