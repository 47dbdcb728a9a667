// The operator's tables in README.md cannot drift from the code: the Configuration table lists
// exactly the environment schema's variables with their defaults, and the compose table every
// variable docker-compose.yml reads from .env that the schema does not know.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envSchema } from "../../../src/config/env.ts";

const ROOT = new URL("../../../", import.meta.url).pathname;
const readme = readFileSync(`${ROOT}README.md`, "utf8");
const compose = readFileSync(`${ROOT}docker-compose.yml`, "utf8");

/** The rows `| `NAME` | default | meaning |` of the first table after `heading`. */
function variableRows(heading: string): Map<string, string> {
  const section = readme.slice(readme.indexOf(`\n${heading}\n`));
  const table = section.slice(section.indexOf("\n| variable | default | meaning |"));
  const rows = new Map<string, string>();
  for (const line of table.split("\n").slice(3)) {
    if (!line.startsWith("|")) break;
    const [name, fallback] = line.split(" | ").map((cell) => cell.replace(/^\| ?/, "").trim());
    const match = /^`([A-Z][A-Z0-9_]*)`$/.exec(name ?? "");
    if (!match) throw new Error(`README row without one variable name: ${line}`);
    rows.set(match[1]!, fallback ?? "");
  }
  return rows;
}

/** The schema's default as the README writes it (`1 minute`), or null without one. */
function schemaDefault(name: string): string | null {
  const shape = envSchema.shape as Record<
    string,
    { safeParse(value: unknown): { success: boolean; data?: unknown } }
  >;
  const parsed = shape[name]!.safeParse(undefined);
  return parsed.success && parsed.data !== undefined ? String(parsed.data) : null;
}

describe("README.md", () => {
  const configuration = variableRows("## Configuration");

  it("lists every variable of the environment schema, and no other, in Configuration", () => {
    expect([...configuration.keys()].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("gives each variable the schema's default", () => {
    const wrong = [...configuration].flatMap(([name, cell]) => {
      const expected = schemaDefault(name);
      const written = /^`([^`]*)`$/.exec(cell)?.[1];
      if (expected === null)
        return cell.startsWith("—") ? [] : [`${name}: "${cell}", the schema has no default`];
      return written === expected ? [] : [`${name}: "${cell}", the schema's default is "${expected}"`];
    });
    expect(wrong).toEqual([]);
  });

  it("lists every variable docker-compose.yml reads from .env that the schema does not know", () => {
    const read = new Set([...compose.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!));
    const composeRows = variableRows("## Production with docker compose");
    const undocumented = [...read].filter((name) => !composeRows.has(name) && !configuration.has(name));
    expect(undocumented).toEqual([]);
    expect([...composeRows.keys()].filter((name) => !read.has(name))).toEqual([]);
  });
});
