/**
 * Crisis cases in `<prefix>-cases` (an alias over `<prefix>-cases-v1`). The workflow is pure
 * (src/cases); this file stores its result. Optimistic concurrency twice over: the caller states
 * the case version it saw (checked by the workflow), and the write is conditional on the
 * document's sequence number, so two writers that read the same version cannot both succeed.
 */
import type { QueryContainer } from "@opensearch-project/opensearch/api/_types/_common.query_dsl.js";
import { applyCaseAction, VersionConflictError } from "../cases/workflow.ts";
import type { CaseAction, CaseActor, CaseRecord, CaseStatus } from "../model/case.ts";
import type { SearchClient } from "./client.ts";
import { ensureAliasedIndex } from "./users.ts";
import { readVersioned, writeIfUnchanged } from "./versioned.ts";

const keyword = { type: "keyword" } as const;
const actor = { properties: { id: keyword, username: keyword, role: keyword, agency: keyword } };

export class CaseNotFoundError extends Error {
  override name = "CaseNotFoundError";
}

export class CaseExistsError extends Error {
  override name = "CaseExistsError";
}

export interface CaseQuery {
  status?: CaseStatus;
  /** Only cases assigned to this agency (agency users see their own). */
  agency?: string;
  alert_id?: string;
  size: number;
}

export function createCaseStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-cases`;

  const read = (id: string) => readVersioned<CaseRecord>(client, index, id);

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          id: keyword,
          title: { type: "text", fields: { raw: keyword } },
          status: keyword,
          version: { type: "integer" },
          agency: keyword,
          suggested_agency: { properties: { agency: keyword, reason: { type: "text" } } },
          alert_ids: keyword,
          article_ids: keyword,
          claim_ids: keyword,
          themes: keyword,
          response_url: keyword,
          response_at: { type: "date" },
          created_at: { type: "date" },
          updated_at: { type: "date" },
          created_by: actor,
          // The timeline is read with its case, never searched.
          timeline: { type: "object", enabled: false },
        },
      });
    },

    async create(record: CaseRecord): Promise<CaseRecord> {
      const response = await client.index(
        { index, id: record.id, op_type: "create", body: record, refresh: "wait_for" },
        { ignore: [409] },
      );
      if (response.statusCode === 409) throw new CaseExistsError(`case ${record.id} already exists`);
      return record;
    },

    async get(id: string): Promise<CaseRecord | null> {
      return (await read(id))?.record ?? null;
    },

    /**
     * Applies one action as `actor`, who saw `expectedVersion`. Throws the workflow's errors
     * (`InvalidTransitionError`, `CaseValidationError`, `VersionConflictError`) or
     * `CaseNotFoundError`; stores nothing then.
     */
    async apply(
      id: string,
      action: CaseAction,
      by: CaseActor,
      expectedVersion: number,
      now: Date = new Date(),
    ): Promise<CaseRecord> {
      const current = await read(id);
      if (!current) throw new CaseNotFoundError(`no case ${id}`);
      const next = applyCaseAction(current.record, action, by, expectedVersion, now);
      if (!(await writeIfUnchanged(client, index, id, next, current))) {
        // Someone wrote between our read and our write: report the version they left.
        const latest = await read(id);
        throw new VersionConflictError(id, expectedVersion, latest?.record.version ?? expectedVersion + 1);
      }
      return next;
    },

    /** Most recently updated first. */
    async list(query: CaseQuery): Promise<CaseRecord[]> {
      const filter: QueryContainer[] = [];
      if (query.status) filter.push({ term: { status: query.status } });
      if (query.agency) filter.push({ term: { agency: query.agency } });
      if (query.alert_id) filter.push({ term: { alert_ids: query.alert_id } });
      // No index yet (nothing raised on this deployment) is an empty list.
      const response = await client.search(
        {
          index,
          body: {
            size: query.size,
            sort: [{ updated_at: "desc" }, { id: "asc" }],
            query: { bool: { filter } },
          },
        },
        { ignore: [404] },
      );
      if (response.statusCode === 404) return [];
      return response.body.hits.hits.map((hit) => hit._source as CaseRecord);
    },
  };
}

export type CaseStore = ReturnType<typeof createCaseStore>;
