/**
 * The audit log in `<prefix>-audit`: one document per write attempt (who, what, target, when,
 * outcome). Entries are only ever added; nothing in the application updates or deletes them.
 */
import { randomUUID } from "node:crypto";
import type { QueryContainer } from "@opensearch-project/opensearch/api/_types/_common.query_dsl.js";
import type { SearchClient } from "./client.ts";
import { ensureAliasedIndex } from "./users.ts";

export type AuditOutcome = "success" | "denied" | "rejected" | "error";

export interface AuditActor {
  /** `user`, `api_key`, `anonymous` (e.g. a failed login) or `system` (CLI, bootstrap). */
  kind: "session" | "api_key" | "anonymous" | "system";
  id: string | null;
  username: string | null;
  role: string | null;
  key_id?: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: AuditActor;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  status: number | null;
  request_id: string | null;
  ip: string | null;
  detail: string | null;
}

export interface AuditQuery {
  size: number;
  after?: string;
  action?: string;
  actor?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

const keyword = { type: "keyword" } as const;

function encodeCursor(sort: unknown[]): string {
  return Buffer.from(JSON.stringify(sort)).toString("base64url");
}

/** The sort values of a cursor, or null when it is not one of ours. */
export function decodeAuditCursor(cursor: string): [number, string] | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === "number" &&
      typeof value[1] === "string"
    )
      return [value[0], value[1]];
  } catch {
    // Not base64url JSON: not one of our cursors either; the caller refuses it.
    return null;
  }
  return null;
}

export function createAuditStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-audit`;

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          id: keyword,
          at: { type: "date" },
          actor: {
            properties: { kind: keyword, id: keyword, username: keyword, role: keyword, key_id: keyword },
          },
          action: keyword,
          target: keyword,
          outcome: keyword,
          status: { type: "short" },
          request_id: keyword,
          ip: keyword,
          detail: { type: "text" },
        },
      });
    },

    async record(entry: Omit<AuditEntry, "id" | "at"> & { at?: string }): Promise<AuditEntry> {
      const full: AuditEntry = { ...entry, id: randomUUID(), at: entry.at ?? new Date().toISOString() };
      await client.index({ index, id: full.id, op_type: "create", body: full });
      return full;
    },

    /** Newest first; `next` continues after the last entry. */
    async list(query: AuditQuery): Promise<{ entries: AuditEntry[]; next?: string }> {
      const filter: QueryContainer[] = [];
      if (query.action) filter.push({ term: { action: query.action } });
      if (query.actor) filter.push({ term: { "actor.username": query.actor } });
      if (query.outcome) filter.push({ term: { outcome: query.outcome } });
      if (query.from || query.to)
        filter.push({
          range: { at: { ...(query.from && { gte: query.from }), ...(query.to && { lte: query.to }) } },
        });
      const after = query.after ? decodeAuditCursor(query.after) : null;
      const response = await client.search({
        index,
        body: {
          size: query.size,
          sort: [{ at: "desc" }, { id: "desc" }],
          query: { bool: { filter } },
          ...(after && { search_after: after }),
        },
      });
      const hits = response.body.hits.hits;
      const entries = hits.map((hit) => hit._source as AuditEntry);
      const last = hits.at(-1);
      return {
        entries,
        ...(hits.length === query.size && last?.sort && { next: encodeCursor(last.sort as unknown[]) }),
      };
    },
  };
}

export type AuditStore = ReturnType<typeof createAuditStore>;
