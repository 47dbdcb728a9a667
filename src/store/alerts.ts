/**
 * Alerts in `<prefix>-alerts` (an alias over `<prefix>-alerts-v1`), one document per alert, the
 * alert id as document id: raising the same alert twice (a job run twice, two workers) stores it
 * once. Agency users see the alerts of their agency.
 */
import type { QueryContainer } from "@opensearch-project/opensearch/api/_types/_common.query_dsl.js";
import type { Alert, AlertKind, AlertState } from "../model/alert.ts";
import type { NotificationRecord } from "../notify/outcome.ts";
import type { SearchClient } from "./client.ts";
import { ensureAliasedIndex } from "./users.ts";

const keyword = { type: "keyword" } as const;

export interface AlertQuery {
  kind?: AlertKind;
  state?: AlertState;
  /** Only alerts routed to this agency (agency users). */
  agency?: string;
  theme?: string;
  /** Created at or after / before (ISO). */
  from?: string;
  to?: string;
  size: number;
}

export class AlertNotFoundError extends Error {
  override name = "AlertNotFoundError";
}

/** One entry per delivery (src/notify), added to indices created before notifications existed. */
const notificationsMapping = {
  properties: {
    id: keyword,
    rule: keyword,
    channel: keyword,
    target: keyword,
    state: keyword,
    attempts: { type: "integer" },
    last_error: { type: "text" },
    updated_at: { type: "date" },
    delivered_at: { type: "date" },
  },
} as const;

export function alertNames(prefix: string) {
  return { alias: `${prefix}-alerts` };
}

export function createAlertStore(client: SearchClient, options: { prefix: string }) {
  const index = alertNames(options.prefix).alias;

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          id: keyword,
          kind: keyword,
          title: { type: "text" },
          scope: {
            properties: {
              dimension: keyword,
              value: keyword,
              measure: keyword,
              story_id: keyword,
              claim_id: keyword,
              watchlist_id: keyword,
            },
          },
          evidence: { type: "object", enabled: false },
          themes: keyword,
          agencies: keyword,
          state: keyword,
          created_at: { type: "date" },
          acknowledged_at: { type: "date" },
          acknowledged_by: keyword,
          notifications: notificationsMapping,
        },
      });
      // Adding a field to a strict mapping is allowed in place; a no-op once it is there.
      await client.indices.putMapping({
        index,
        body: { properties: { notifications: notificationsMapping } },
      });
    },

    /** Stores a new alert; `created: false` when an alert with this id was already stored. */
    async put(alert: Alert, options: { refresh?: boolean } = {}): Promise<{ created: boolean }> {
      const response = await client.index(
        {
          index,
          id: alert.id,
          op_type: "create",
          body: alert,
          refresh: options.refresh ? "wait_for" : false,
        },
        { ignore: [409] },
      );
      return { created: response.statusCode !== 409 };
    },

    async get(id: string): Promise<Alert | null> {
      const response = await client.get({ index, id }, { ignore: [404] });
      return response.statusCode === 404 ? null : ((response.body as { _source: Alert })._source ?? null);
    },

    /** Newest first. */
    async list(query: AlertQuery): Promise<Alert[]> {
      const filter: QueryContainer[] = [];
      if (query.kind) filter.push({ term: { kind: query.kind } });
      if (query.state) filter.push({ term: { state: query.state } });
      if (query.agency) filter.push({ term: { agencies: query.agency } });
      if (query.theme) filter.push({ term: { themes: query.theme } });
      if (query.from || query.to)
        filter.push({
          range: {
            created_at: { ...(query.from && { gte: query.from }), ...(query.to && { lte: query.to }) },
          },
        });
      // No index yet (nothing raised on this deployment) is an empty list.
      const response = await client.search(
        {
          index,
          body: {
            size: query.size,
            sort: [{ created_at: "desc" }, { id: "asc" }],
            query: { bool: { filter } },
          },
        },
        { ignore: [404] },
      );
      if (response.statusCode === 404) return [];
      return response.body.hits.hits.map((hit) => hit._source as Alert);
    },

    /**
     * Records a delivery's latest outcome in the alert's `notifications` list (one entry per
     * delivery id). An entry already delivered stays delivered, and attempts never go back, so a
     * late or repeated write cannot hide a success. False when there is no such alert.
     */
    async recordNotification(
      id: string,
      record: NotificationRecord,
      options: { refresh?: boolean } = {},
    ): Promise<boolean> {
      const response = await client.update(
        {
          index,
          id,
          retry_on_conflict: 5,
          refresh: options.refresh ? "wait_for" : false,
          body: {
            script: {
              lang: "painless",
              source: `
                if (ctx._source.notifications == null) { ctx._source.notifications = []; }
                def list = ctx._source.notifications;
                for (int i = 0; i < list.size(); i++) {
                  def old = list.get(i);
                  if (old.id == params.r.id) {
                    if (old.state == 'delivered' && params.r.state != 'delivered') { ctx.op = 'noop'; return; }
                    def next = new HashMap(params.r);
                    if (old.attempts != null && old.attempts > next.attempts) { next.attempts = old.attempts; }
                    list.set(i, next);
                    return;
                  }
                }
                list.add(params.r);`,
              params: { r: record },
            },
          },
        },
        { ignore: [404] },
      );
      return response.statusCode !== 404;
    },

    /** Marks an open alert acknowledged; an alert already acknowledged or closed is left as it is. */
    async acknowledge(id: string, by: string, at: Date = new Date()): Promise<Alert> {
      const response = await client.update(
        {
          index,
          id,
          refresh: "wait_for",
          _source: true,
          body: {
            script: {
              lang: "painless",
              source:
                "if (ctx._source.state == 'open') { ctx._source.state = 'acknowledged'; ctx._source.acknowledged_at = params.at; ctx._source.acknowledged_by = params.by; } else { ctx.op = 'noop'; }",
              params: { at: at.toISOString(), by },
            },
          },
        },
        { ignore: [404] },
      );
      if (response.statusCode === 404) throw new AlertNotFoundError(`no alert ${id}`);
      const updated = (response.body as { get?: { _source?: Alert } }).get?._source;
      return updated ?? ((await this.get(id)) as Alert);
    },
  };
}

export type AlertStore = ReturnType<typeof createAlertStore>;
