/**
 * Optimistic concurrency on one document: read it with its sequence number, write only if nobody
 * wrote in between. Cases and the API's registries (contracts, claims) both update this way.
 */
import type { SearchClient } from "./client.ts";

export interface Versioned<T> {
  record: T;
  seqNo: number;
  primaryTerm: number;
}

export async function readVersioned<T>(
  client: SearchClient,
  index: string,
  id: string,
): Promise<Versioned<T> | null> {
  const response = await client.get({ index, id }, { ignore: [404] });
  if (response.statusCode === 404) return null;
  const body = response.body as { _source: T; _seq_no: number; _primary_term: number };
  return { record: body._source, seqNo: body._seq_no, primaryTerm: body._primary_term };
}

/** Writes `body` if the document is still as `read` saw it; false when another writer came first. */
export async function writeIfUnchanged<T extends object>(
  client: SearchClient,
  index: string,
  id: string,
  body: T,
  read: Pick<Versioned<unknown>, "seqNo" | "primaryTerm">,
): Promise<boolean> {
  const response = await client.index(
    { index, id, body, if_seq_no: read.seqNo, if_primary_term: read.primaryTerm, refresh: "wait_for" },
    { ignore: [409] },
  );
  return response.statusCode !== 409;
}
