/**
 * The only place that constructs an OpenSearch client. Everything that talks to the engine lives
 * in `src/store`, so an Elasticsearch adapter would replace this folder and nothing else.
 */
import { Client } from "@opensearch-project/opensearch";

export type SearchClient = Client;

export interface StoreOptions {
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  requestTimeoutMs?: number;
}

export function createSearchClient(options: StoreOptions): SearchClient {
  return new Client({
    node: options.url,
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
