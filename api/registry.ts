/** What the contract and claim routes share: entries as the API shows them, and their errors. */
import type { RegistryRecord } from "../src/store/registry.ts";
import { badRequest, HttpError } from "./errors.ts";

interface EntryMeta {
  id: string;
  source: "file" | "api";
  read_only: boolean;
  version: number | null;
  created_at: string | null;
  created_by: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export type Entry<K extends string, T> = EntryMeta & { [key in K]: T };

export function fileEntry<K extends string, T extends { id: string }>(field: K, value: T): Entry<K, T> {
  return {
    id: value.id,
    source: "file" as const,
    read_only: true,
    version: null,
    created_at: null,
    created_by: null,
    updated_at: null,
    updated_by: null,
    [field]: value,
  } as Entry<K, T>;
}

export function storedEntry<K extends string, T>(field: K, record: RegistryRecord<T>): Entry<K, T> {
  return {
    id: record.id,
    source: "api" as const,
    read_only: false,
    version: record.version,
    created_at: record.created_at,
    created_by: record.created_by,
    updated_at: record.updated_at,
    updated_by: record.updated_by,
    [field]: record.value,
  } as Entry<K, T>;
}

/** A 400 naming every bad field (the first in the message), from a check's problems. */
export function invalidEntry(problems: Array<{ path: string; message: string }>): HttpError {
  const first = problems[0];
  if (!first) return badRequest("body", "is invalid");
  const fields = problems.map((problem) => ({ field: problem.path || "body", message: problem.message }));
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return new HttpError(400, `${fields[0]!.field} ${first.message}${more}`, fields);
}

/** The body of an update: the entry without `version`, with the URL's id when it names none. */
export function entryOfUpdate(id: string, body: Record<string, unknown>): Record<string, unknown> {
  const { version: _version, ...entry } = body;
  if (entry.id === undefined) return { ...entry, id };
  if (entry.id !== id) throw badRequest("id", `must be the id in the URL (${id})`);
  return entry;
}

export const readOnly = (what: string, id: string) =>
  new HttpError(409, `${what} ${id} comes from a file under config/ and is read-only here: edit the file`);
