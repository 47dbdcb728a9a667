/**
 * Documents created in one index by many concurrent callers, sent together: while one `_bulk` is on
 * its way, the documents that arrive wait and go in the next one (group commit). An idle writer
 * sends at once, so nothing waits for a timer; a busy one sends one request for many documents
 * instead of one each, which is most of what a crawl process spent on storing archived pages.
 *
 * Each caller's promise settles with its own document's outcome, once the engine has answered for
 * it: "created", "exists" (op_type create met the same id: someone stored it first), or an error
 * naming the document. A failed request fails every document it carried; their callers' jobs retry.
 */
import type { Bulk_RequestBody } from "@opensearch-project/opensearch/api/_core/bulk.js";
import type { SearchClient } from "./client.ts";

export type CreateOutcome = "created" | "exists";

export interface GroupedCreates {
  create(id: string, source: unknown): Promise<CreateOutcome>;
}

interface Waiting {
  id: string;
  line: string;
  resolve: (outcome: CreateOutcome) => void;
  reject: (error: Error) => void;
}

interface BulkItem {
  create?: { status: number; error?: unknown };
}

/** A request carries at least one document, and more only while it stays under this many characters. */
const MAX_REQUEST_CHARS = 8 * 1024 * 1024;

export function groupedCreates(
  client: SearchClient,
  index: string,
  options: { maxRequestChars?: number; label?: string } = {},
): GroupedCreates {
  const maxChars = options.maxRequestChars ?? MAX_REQUEST_CHARS;
  const label = options.label ?? "document";
  let waiting: Waiting[] = [];
  let sending = false;

  const takeBatch = (): Waiting[] => {
    let chars = 0;
    let count = 0;
    while (count < waiting.length && (count === 0 || chars + waiting[count]!.line.length <= maxChars))
      chars += waiting[count++]!.line.length;
    const batch = waiting.slice(0, count);
    waiting = waiting.slice(count);
    return batch;
  };

  const send = async (batch: Waiting[]): Promise<void> => {
    let items: BulkItem[];
    try {
      const response = await client.bulk({
        // Each line is serialised once, when queued (its length caps the request). The transport
        // sends a string body as it is (its bulkBody is `Object[] | string`); the types list arrays only.
        body: batch.map((entry) => entry.line).join("") as unknown as Bulk_RequestBody,
        // Only what says how each document fared: the rest of each item is parsed for nothing.
        filter_path: "items.*.status,items.*.error",
      });
      items = ((response.body as { items?: BulkItem[] }).items ?? []) as BulkItem[];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      for (const entry of batch)
        entry.reject(new Error(`storing ${label} ${entry.id} failed: ${reason}`, { cause: error }));
      return;
    }
    batch.forEach((entry, i) => {
      const result = items[i]?.create;
      if (result && (result.status === 201 || result.status === 200)) entry.resolve("created");
      else if (result?.status === 409) entry.resolve("exists");
      else
        entry.reject(
          new Error(
            `storing ${label} ${entry.id} failed: ${result ? JSON.stringify(result) : "no answer for it in the bulk response"}`,
          ),
        );
    });
  };

  const pump = async (): Promise<void> => {
    if (sending) return;
    sending = true;
    try {
      while (waiting.length > 0) await send(takeBatch());
    } finally {
      sending = false;
    }
  };

  return {
    create(id, source) {
      return new Promise<CreateOutcome>((resolve, reject) => {
        const line = `${JSON.stringify({ create: { _index: index, _id: id } })}\n${JSON.stringify(source)}\n`;
        waiting.push({ id, line, resolve, reject });
        void pump();
      });
    },
  };
}
