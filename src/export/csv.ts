/**
 * CSV that Excel opens correctly: a UTF-8 byte-order mark first (otherwise Excel reads Vietnamese
 * as Windows-1252 mojibake), CRLF line ends, fields quoted when they hold a comma, quote, line break
 * or surrounding space (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @, tab,
 * carriage return first) is prefixed with an apostrophe: article titles come from the open web.
 *
 * Rows arrive as pages from an AsyncIterable and leave as one chunk per page; nothing caps the
 * number of rows and memory holds one page at a time.
 */
import { Readable } from "node:stream";
import { type CellValue, type Column, formatVietnamTime } from "./columns.ts";

export const BOM = "\uFEFF";
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CellValue): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = formatVietnamTime(value);
  else if (typeof value === "number") text = Number.isFinite(value) ? String(value) : "";
  else if (typeof value === "boolean") text = value ? "true" : "false";
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: CellValue[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** The file as chunks: BOM and header, then one chunk per page of rows. */
export async function* csvChunks<R>(columns: Column<R>[], pages: AsyncIterable<R[]>): AsyncGenerator<string> {
  yield BOM + csvLine(columns.map((column) => column.header));
  for await (const page of pages) {
    if (page.length === 0) continue;
    let chunk = "";
    for (const row of page) chunk += csvLine(columns.map((column) => column.value(row)));
    yield chunk;
  }
}

/** A readable byte stream of the CSV file; it pulls the next page only when the reader wants more. */
export function csvStream<R>(columns: Column<R>[], pages: AsyncIterable<R[]>): Readable {
  return Readable.from(csvChunks(columns, pages), { objectMode: false });
}
