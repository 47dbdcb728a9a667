/**
 * API keys in `<prefix>-api-keys`. The document id is the sha256 of the key, so authenticating a
 * request is one realtime GET; the key's public `id` (shown in lists, used to delete it) is a
 * separate random value that says nothing about the secret. The secret itself is never stored.
 */
import { randomBytes } from "node:crypto";
import { generateApiKey } from "../auth/apiKeys.ts";
import type { SearchClient } from "./client.ts";
import { ensureAliasedIndex } from "./users.ts";

export interface ApiKeyRecord {
  id: string;
  hash: string;
  /** First characters of the key, to tell keys apart in lists. */
  hint: string;
  user_id: string;
  name: string;
  created_at: string;
  created_by: string;
}

export type PublicApiKey = Omit<ApiKeyRecord, "hash">;

/** A new key for a user: the record to store (hash only) and the secret to show once. */
export function newApiKeyRecord(input: { userId: string; name: string; createdBy: string; now?: Date }): {
  record: ApiKeyRecord;
  key: string;
} {
  const secret = generateApiKey();
  return {
    key: secret.key,
    record: {
      id: randomBytes(8).toString("hex"),
      hash: secret.hash,
      hint: secret.hint,
      user_id: input.userId,
      name: input.name,
      created_at: (input.now ?? new Date()).toISOString(),
      created_by: input.createdBy,
    },
  };
}

const keyword = { type: "keyword" } as const;

export function createApiKeyStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-api-keys`;

  async function findById(id: string): Promise<{ docId: string; key: ApiKeyRecord } | null> {
    const response = await client.search({
      index,
      body: { size: 1, query: { term: { id } } },
    });
    const hit = response.body.hits.hits[0];
    return hit?._id ? { docId: hit._id, key: hit._source as ApiKeyRecord } : null;
  }

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          id: keyword,
          hash: keyword,
          hint: { type: "keyword", index: false },
          user_id: keyword,
          name: { type: "keyword" },
          created_at: { type: "date" },
          created_by: keyword,
        },
      });
    },

    async create(key: ApiKeyRecord): Promise<void> {
      await client.index({ index, id: key.hash, op_type: "create", refresh: true, body: key });
    },

    /** The key with this hash, read in real time (a just-deleted key is gone at once). */
    async getByHash(hash: string): Promise<ApiKeyRecord | null> {
      const response = await client.get({ index, id: hash }, { ignore: [404] });
      const body = response.body as { found?: boolean; _source?: ApiKeyRecord };
      return body.found && body._source ? body._source : null;
    },

    async get(id: string): Promise<PublicApiKey | null> {
      const found = await findById(id);
      if (!found) return null;
      const { hash: _hidden, ...rest } = found.key;
      return rest;
    },

    /** Deletes the key with this public id; false when there is none. */
    async delete(id: string): Promise<boolean> {
      const found = await findById(id);
      if (!found) return false;
      const response = await client.delete({ index, id: found.docId, refresh: true }, { ignore: [404] });
      return response.statusCode === 200;
    },

    async listByUser(userIds: string[]): Promise<PublicApiKey[]> {
      if (userIds.length === 0) return [];
      const response = await client.search({
        index,
        body: {
          size: 10_000,
          sort: [{ created_at: "asc" }],
          _source: { excludes: ["hash"] },
          query: { terms: { user_id: userIds } },
        },
      });
      return response.body.hits.hits.map((hit) => hit._source as PublicApiKey);
    },
  };
}

export type ApiKeyStore = ReturnType<typeof createApiKeyStore>;
