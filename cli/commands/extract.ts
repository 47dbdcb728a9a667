/**
 * `presswatch extract FILE.html... [--url URL]`: one JSON line per file with the extracted article,
 * in the order given. Files may be gzip-compressed (detected by their first bytes). Meant for
 * evaluating extraction on outside benchmarks, so it streams: hundreds of files are read one at a
 * time and a file that cannot be read yields a line with `error` instead of stopping the run.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { gunzipSync } from "node:zlib";
import { extractArticle } from "../../src/extract/extract.ts";
import { decodeBody } from "../../src/fetch/charset.ts";
import { CliError } from "../errors.ts";

const USAGE = "usage: presswatch extract FILE.html... [--url URL]  (--url only with a single file)";

export async function extractFile(file: string, url?: string): Promise<Record<string, unknown>> {
  let bytes: Buffer = await readFile(file);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
  const html = decodeBody(bytes).text;
  const { method: _method, ...article } = extractArticle(html, {
    url: url ?? pathToFileURL(resolve(file)).href,
  });
  return { file, url: url ?? null, ...article };
}

function writeLine(line: string): Promise<void> {
  // Respecting back-pressure keeps memory flat when stdout is a slow pipe.
  return new Promise((done) =>
    process.stdout.write(`${line}\n`) ? done() : process.stdout.once("drain", done),
  );
}

export async function runExtract(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { url: { type: "string" } },
  });
  if (positionals.length === 0) throw new CliError(USAGE, 2);
  if (values.url && positionals.length > 1) throw new CliError(`--url needs exactly one file; ${USAGE}`, 2);
  let failures = 0;
  for (const file of positionals) {
    try {
      await writeLine(JSON.stringify(await extractFile(file, values.url)));
    } catch (error) {
      failures++;
      await writeLine(
        JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) }),
      );
    }
  }
  return failures === 0 ? 0 : 1;
}
