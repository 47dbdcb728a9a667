/**
 * A failed job's data in one line for an operator: the fields that say what the job was about
 * (the article's address, the source, the outlet, the alert), never the whole payload (a document
 * to index carries its full text).
 */
const FIELDS = ["source_id", "url", "outlet_id", "title", "id", "rule", "delivery_id"] as const;
const MAX = 300;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export function summarizeJobData(data: unknown): string {
  if (data === null || typeof data !== "object") return clip(JSON.stringify(data) ?? "", MAX);
  const record = data as Record<string, unknown>;
  // Index jobs carry the analysed document, notify jobs the alert: their identifying fields count.
  const nested = [record, record.doc, record.alert].filter(
    (part): part is Record<string, unknown> => part !== null && typeof part === "object",
  );
  const parts: string[] = [];
  for (const field of FIELDS) {
    const value = nested.map((part) => part[field]).find((v) => typeof v === "string" && v.length > 0);
    if (typeof value === "string") parts.push(`${field}=${clip(value, 160)}`);
  }
  if (parts.length) return clip(parts.join(" "), MAX);
  const keys = Object.keys(record);
  return keys.length ? clip(`{${keys.join(", ")}}`, MAX) : "{}";
}
