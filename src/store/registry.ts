/**
 * Configuration entries edited through the API (contracts, claims): one document per entry, its id
 * as document id, with a version the caller must state to change it. Optimistic concurrency twice
 * over, as for cases: the stated version is compared with the stored one, and the write is
 * conditional on the document's sequence number, so two editors who saw the same version cannot
 * both win. The entry itself is validated by its caller (src/contracts, src/signals) and stored
 * as an opaque object: it is read back whole, never searched.
 */
import type { SearchClient } from "./client.ts";
import { ensureAliasedIndex } from "./users.ts";
import { readVersioned, writeIfUnchanged } from "./versioned.ts";

const keyword = { type: "keyword" } as const;

export interface RegistryRecord<T> {
  id: string;
  /** 1 when created; each update adds 1. */
  version: number;
  value: T;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export class RegistryExistsError extends Error {
  override name = "RegistryExistsError";
}

export class RegistryNotFoundError extends Error {
  override name = "RegistryNotFoundError";
}

export class RegistryVersionError extends Error {
  override name = "RegistryVersionError";
  constructor(
    readonly id: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(`${id} is at version ${actual}, not ${expected}: it changed since it was read`);
  }
}

/** More entries than any deployment has contracts or claims; `list` reads them in one page. */
const MAX_ENTRIES = 5000;

export function createRegistryStore<T>(client: SearchClient, options: { index: string }) {
  const { index } = options;

  const read = (id: string) => readVersioned<RegistryRecord<T>>(client, index, id);

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          id: keyword,
          version: { type: "integer" },
          value: { type: "object", enabled: false },
          created_at: { type: "date" },
          created_by: keyword,
          updated_at: { type: "date" },
          updated_by: keyword,
        },
      });
    },

    /** Every entry, by id; none when the index was never created (nothing stored yet). */
    async list(): Promise<RegistryRecord<T>[]> {
      const response = await client.search(
        { index, body: { size: MAX_ENTRIES, sort: [{ id: "asc" }], query: { match_all: {} } } },
        { ignore: [404] },
      );
      if (response.statusCode === 404) return [];
      return response.body.hits.hits.map((hit) => hit._source as RegistryRecord<T>);
    },

    async get(id: string): Promise<RegistryRecord<T> | null> {
      return (await read(id))?.record ?? null;
    },

    /** Stores a new entry at version 1; `RegistryExistsError` when the id is taken. */
    async create(id: string, value: T, by: string, now: Date = new Date()): Promise<RegistryRecord<T>> {
      const at = now.toISOString();
      const record: RegistryRecord<T> = {
        id,
        version: 1,
        value,
        created_at: at,
        created_by: by,
        updated_at: at,
        updated_by: by,
      };
      const response = await client.index(
        { index, id, op_type: "create", body: record, refresh: "wait_for" },
        { ignore: [409] },
      );
      if (response.statusCode === 409) throw new RegistryExistsError(`${id} already exists`);
      return record;
    },

    /** Replaces an entry seen at `expectedVersion`; stores nothing when it changed since. */
    async update(
      id: string,
      value: T,
      expectedVersion: number,
      by: string,
      now: Date = new Date(),
    ): Promise<RegistryRecord<T>> {
      const current = await read(id);
      if (!current) throw new RegistryNotFoundError(`no entry ${id}`);
      if (current.record.version !== expectedVersion) {
        throw new RegistryVersionError(id, expectedVersion, current.record.version);
      }
      const next: RegistryRecord<T> = {
        ...current.record,
        version: current.record.version + 1,
        value,
        updated_at: now.toISOString(),
        updated_by: by,
      };
      if (!(await writeIfUnchanged(client, index, id, next, current))) {
        // Another editor wrote between our read and our write: report the version they left.
        const latest = await read(id);
        throw new RegistryVersionError(id, expectedVersion, latest?.record.version ?? expectedVersion + 1);
      }
      return next;
    },
  };
}

export type RegistryStore<T> = ReturnType<typeof createRegistryStore<T>>;
