/**
 * `presswatch extract FILE.html... [--url URL]`: one JSON line per file with the extracted article,
 * in the order given. Files may be gzip-compressed (detected by their first bytes). Meant for
 * evaluating extraction on outside benchmarks, so it streams: hundreds of files are read one at a
 * time and a file that cannot be read yields a line with `error` instead of stopping the run.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { extractArticle } from "../../src/extract/extract.ts";
import { decodeBody } from "../../src/fetch/charset.ts";
import { type CommandSpec, parseCommand, stringOption, usageError } from "../args.ts";

const EXTRACT: CommandSpec = {
  name: "extract",
  summary:
    "One JSON line per saved page (gzip accepted), in the order given: the extracted article, or {file, error} for a page that cannot be read.",
  usage: ["FILE.html... [--url URL]"],
  positionals: "FILE.html..., saved pages",
  options: { url: { type: "string", value: "URL", help: "the page's address (only with a single file)" } },
};

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
  const { values: options, positionals } = parseCommand(EXTRACT, args);
  const values = { url: stringOption(options, "url") };
  if (positionals.length === 0) throw usageError(EXTRACT, "needs at least one FILE.html");
  if (values.url && positionals.length > 1) throw usageError(EXTRACT, "--url needs exactly one file");
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
