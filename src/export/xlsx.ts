/**
 * XLSX written with exceljs's streaming WorkbookWriter: each row is committed (serialised into the
 * zip stream) as soon as it is added, shared strings are off (they would hold every string in
 * memory), and the writer waits for the output to drain between pages, so memory holds about one
 * page whatever the row count.
 *
 * No row cap, but a worksheet holds at most 1,048,576 rows: past that the rows continue on a new
 * worksheet ("Articles (2)", ...), each with the header row.
 */
import { once } from "node:events";
import { PassThrough, type Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { type CellValue, type Column, shiftToVietnamWallClock } from "./columns.ts";

/** Excel's limit, header included. */
export const XLSX_MAX_ROWS = 1_048_576;
/** Excel's limit on the text of one cell. */
const MAX_CELL_TEXT = 32_767;
// Characters XML 1.0 cannot carry; exceljs would write them and Excel would refuse the file.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to drop
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** A text as an XLSX cell can hold it: without what XML 1.0 cannot carry, cut at Excel's limit. */
export function xlsxText(value: string): string {
  const clean = value.replace(XML_INVALID, "");
  return clean.length > MAX_CELL_TEXT ? `${clean.slice(0, MAX_CELL_TEXT - 1)}…` : clean;
}

function cell(value: CellValue): ExcelJS.CellValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return shiftToVietnamWallClock(value);
  if (typeof value === "string") return xlsxText(value);
  if (typeof value === "number" && !Number.isFinite(value)) return null;
  return value;
}

export interface XlsxOptions {
  sheetName: string;
  /** Rows per worksheet including the header; lowered in tests to exercise the rollover. */
  maxRowsPerSheet?: number;
}

/** Writes the workbook into `out` and ends it; rejects (leaving `out` to the caller) on error. */
export async function writeXlsx<R>(
  columns: Column<R>[],
  pages: AsyncIterable<R[]>,
  out: Writable,
  options: XlsxOptions,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const maxRows = options.maxRowsPerSheet ?? XLSX_MAX_ROWS;
  let sheetNumber = 0;
  let sheet: ExcelJS.Worksheet | null = null;
  let rowsInSheet = 0;

  const openSheet = () => {
    sheetNumber += 1;
    const name = sheetNumber === 1 ? options.sheetName : `${options.sheetName} (${sheetNumber})`;
    const next = workbook.addWorksheet(name.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
    next.columns = columns.map((column, index) => ({
      header: column.header,
      key: String(index),
      width: column.width ?? 14,
      ...(column.numFmt && { style: { numFmt: column.numFmt } }),
    }));
    next.getRow(1).font = { bold: true };
    next.getRow(1).commit();
    rowsInSheet = 1;
    return next;
  };

  sheet = openSheet();
  for await (const page of pages) {
    for (const row of page) {
      if (rowsInSheet >= maxRows) {
        sheet.commit();
        sheet = openSheet();
      }
      sheet.addRow(columns.map((column) => cell(column.value(row)))).commit();
      rowsInSheet += 1;
    }
    if (out.writableNeedDrain) await once(out, "drain");
  }
  sheet.commit();
  await workbook.commit();
}

/**
 * The workbook as a readable stream. A failure part-way (the store going away) destroys the stream,
 * so the client sees a broken download rather than a short file that looks complete.
 */
export function xlsxStream<R>(
  columns: Column<R>[],
  pages: AsyncIterable<R[]>,
  options: XlsxOptions & { onError?: (error: unknown) => void },
): Readable {
  const out = new PassThrough();
  writeXlsx(columns, pages, out, options).catch((error: unknown) => {
    options.onError?.(error);
    out.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return out;
}
