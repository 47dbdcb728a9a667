/**
 * The only place that constructs an OpenSearch client. Everything that talks to the engine lives
 * in `src/store`, so an Elasticsearch adapter would replace this folder and nothing else.
 */
import { readFileSync } from "node:fs";
import { Client } from "@opensearch-project/opensearch";
import type { Env } from "../config/env.ts";

export type SearchClient = Client;

export interface StoreOptions {
  /** One node's URL, or several of one cluster separated by commas. */
  url: string;
  username?: string | undefined;
  password?: string | undefined;
  /** PEM file of the CA of the node's certificate: trusted by this client only. */
  caFile?: string | undefined;
  requestTimeoutMs?: number;
}

/** The client options the environment gives (URL, credentials, the node's CA). */
export function searchOptions(
  env: Pick<Env, "OPENSEARCH_URL" | "OPENSEARCH_USERNAME" | "OPENSEARCH_PASSWORD" | "OPENSEARCH_CA_FILE">,
): StoreOptions {
  return {
    url: env.OPENSEARCH_URL,
    username: env.OPENSEARCH_USERNAME,
    password: env.OPENSEARCH_PASSWORD,
    caFile: env.OPENSEARCH_CA_FILE,
  };
}

function readCa(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new Error(`OPENSEARCH_CA_FILE=${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

export function createSearchClient(options: StoreOptions): SearchClient {
  const nodes = options.url.split(",").map((node) => node.trim());
  return new Client({
    // Several nodes: requests go round the pool and a node that stops answering is left out
    // (and retried later) while the others serve.
    node: nodes.length === 1 ? nodes[0]! : nodes,
    ...(options.username ? { auth: { username: options.username, password: options.password ?? "" } } : {}),
    // The extra CA goes to this client's TLS options, so certificate checks stay on everywhere and
    // no other connection trusts it (unlike NODE_TLS_REJECT_UNAUTHORIZED or NODE_EXTRA_CA_CERTS).
    ...(options.caFile ? { ssl: { ca: readCa(options.caFile), rejectUnauthorized: true } } : {}),
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
