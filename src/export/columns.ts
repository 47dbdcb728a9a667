/**
 * What a table export is: named columns, each reading one value from a row. The CSV and XLSX
 * writers share these definitions, so both files have the same columns in the same order.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

export interface Column<R> {
  header: string;
  value: (row: R) => CellValue;
  /** Approximate width in characters (XLSX only). */
  width?: number;
  /** Excel number format (XLSX only), e.g. "0.0%" or "yyyy-mm-dd hh:mm". */
  numFmt?: string;
}

/** Asia/Ho_Chi_Minh has been UTC+7 without daylight saving since 1975. */
export const VIETNAM_OFFSET_MINUTES = 7 * 60;

/** "2024-03-31 14:05" as the clock read in Viet Nam at that instant. */
export function formatVietnamTime(date: Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): string {
  const local = new Date(date.getTime() + offsetMinutes * 60_000);
  return local.toISOString().slice(0, 16).replace("T", " ");
}

/** An instant as a Date whose UTC fields show Viet Nam's wall clock (what Excel displays). */
export function shiftToVietnamWallClock(date: Date, offsetMinutes = VIETNAM_OFFSET_MINUTES): Date {
  return new Date(date.getTime() + offsetMinutes * 60_000);
}

/** Parses an ISO timestamp from the store; null for absent or unreadable values. */
export function isoToDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}
