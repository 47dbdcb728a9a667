/** Streams a table as a CSV or XLSX download. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Column } from "../src/export/columns.ts";
import { csvStream } from "../src/export/csv.ts";
import { xlsxStream } from "../src/export/xlsx.ts";
import { vietnamToday } from "./dates.ts";

export type ExportFormat = "csv" | "xlsx";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export function sendTable<R>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: {
    format: ExportFormat;
    name: string;
    sheetName: string;
    columns: Column<R>[];
    pages: AsyncIterable<R[]>;
  },
) {
  const filename = `presswatch-${options.name}-${vietnamToday()}.${options.format}`;
  let rows = 0;
  async function* counted(): AsyncGenerator<R[]> {
    for await (const page of options.pages) {
      rows += page.length;
      yield page;
    }
    request.log.info({ export: options.name, format: options.format, rows }, "export finished");
  }
  const stream =
    options.format === "csv"
      ? csvStream(options.columns, counted())
      : xlsxStream(options.columns, counted(), {
          sheetName: options.sheetName,
          onError: (error) => request.log.error({ err: error, rows }, "export failed part-way"),
        });
  if (options.format === "csv") {
    stream.on("error", (error) => request.log.error({ err: error, rows }, "export failed part-way"));
  }
  return reply
    .header("content-type", CONTENT_TYPES[options.format])
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store")
    .send(stream);
}
