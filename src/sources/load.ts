/**
 * Reads every `*.yaml` / `*.yml` under a sources directory. A bad file does not hide the good ones:
 * each problem is reported with its file and the path of the bad value, and the valid outlets are
 * still returned, so one typo by an operator does not stop the whole crawl.
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { coerceError } from "../model/errors.ts";
import { flattenOutlet, outletFileSchema, type Source } from "./schema.ts";

export interface SourceProblem {
  file: string;
  path: string;
  message: string;
}

export interface LoadedSources {
  sources: Source[];
  problems: SourceProblem[];
  /** Changes whenever a file is added, removed or modified; cheap to compute. */
  signature: string;
}

export async function listSourceFiles(
  dir: string,
): Promise<Array<{ path: string; mtimeMs: number; size: number }>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  const files = names.filter((name) => /\.ya?ml$/i.test(name)).sort();
  const listed = await Promise.all(
    files.map(async (name) => {
      const path = join(dir, name);
      const info = await stat(path).catch(ignoreVanished);
      return info ? { path, mtimeMs: info.mtimeMs, size: info.size } : null;
    }),
  );
  return listed.filter((file) => file !== null);
}

/** An operator may delete a file between our listing and our reading it: it is simply gone. */
function ignoreVanished(error: NodeJS.ErrnoException): null {
  if (error.code === "ENOENT") return null;
  throw error;
}

export function signatureOf(files: Array<{ path: string; mtimeMs: number; size: number }>): string {
  return files.map((file) => `${file.path}:${file.mtimeMs}:${file.size}`).join("|");
}

export function parseSourceFile(
  text: string,
  file: string,
): { sources: Source[]; problems: SourceProblem[] } {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return {
      sources: [],
      problems: [{ file, path: "", message: `not valid YAML: ${coerceError(error).message}` }],
    };
  }
  const parsed = outletFileSchema.safeParse(data);
  if (!parsed.success) {
    return {
      sources: [],
      problems: parsed.error.issues.map((issue) => ({
        file,
        path: issue.path.join("."),
        message: issue.message,
      })),
    };
  }
  return { sources: flattenOutlet(parsed.data, file), problems: [] };
}

export async function loadSources(dir: string): Promise<LoadedSources> {
  const files = await listSourceFiles(dir);
  const sources: Source[] = [];
  const problems: SourceProblem[] = [];
  const byId = new Map<string, Source>();
  for (const file of files) {
    const text = await readFile(file.path, "utf8").catch(ignoreVanished);
    if (text === null) continue;
    const result = parseSourceFile(text, file.path);
    problems.push(...result.problems);
    for (const [index, source] of result.sources.entries()) {
      const other = byId.get(source.id);
      if (other) {
        problems.push({
          file: file.path,
          path: `sources.${index}.id`,
          message: `duplicate source id "${source.id}" (also in ${other.file})`,
        });
        continue;
      }
      byId.set(source.id, source);
      sources.push(source);
    }
  }
  return { sources, problems, signature: signatureOf(files) };
}

/**
 * The sources of outlets entered through the API (each the content of an outlet file), after the
 * files' own: an id a file already uses is a problem, not an override, so a file stays the truth
 * for what it declares.
 */
export function mergeEnteredOutlets(
  files: LoadedSources,
  entered: ReadonlyArray<{ id: string; value: unknown }>,
  paused: ReadonlySet<string>,
): LoadedSources {
  const sources = [...files.sources];
  const problems = [...files.problems];
  const byId = new Set(sources.map((source) => source.id));
  for (const outlet of entered) {
    const file = `api:${outlet.id}`;
    const parsed = outletFileSchema.safeParse(outlet.value);
    if (!parsed.success) {
      problems.push(
        ...parsed.error.issues.map((issue) => ({ file, path: issue.path.join("."), message: issue.message })),
      );
      continue;
    }
    for (const [index, source] of flattenOutlet(parsed.data, file).entries()) {
      if (byId.has(source.id)) {
        problems.push({ file, path: `sources.${index}.id`, message: `duplicate source id "${source.id}"` });
        continue;
      }
      byId.add(source.id);
      sources.push(source);
    }
  }
  return {
    sources: sources.map((source) =>
      paused.has(source.id) ? { ...source, enabled: false, paused: true } : source,
    ),
    problems,
    signature: files.signature,
  };
}
