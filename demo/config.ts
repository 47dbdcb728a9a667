/**
 * The demo's own configuration directory (`<DATA_DIR>/demo/<prefix>/config`), rebuilt at every start so the
 * demo never touches the operator's `config/`:
 *   - claims, contracts and the credibility lists: copied from the real configuration;
 *   - sources: one file per press-web outlet (127.0.0.1 allowed), or copies of `--sources DIR`;
 *   - the plan: with the press web, a copy whose outlets list no domains. The press web serves
 *     from 127.0.0.1, not from baokontum.com.vn, and a column counts only when it is on the outlet's
 *     own site; an outlet without domains is not checked for it. Against real outlets the plan is
 *     used as it is.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { isMap, isSeq, parseDocument, stringify } from "yaml";
import type { PressWeb } from "./pressWeb.ts";

export interface DemoConfig {
  configDir: string;
  planFile: string;
  sourcesDir: string;
}

/** How often the demo polls each feed: a day of the month lasts seconds. */
export interface PollSettings {
  intervalMs: number;
}

export function sourceFileFor(entry: PressWeb["outlets"][number], poll: PollSettings): string {
  const document = {
    outlet: { id: entry.outlet.id, name: entry.outlet.name, homepage: `${entry.origin}/` },
    politeness: { concurrency: 1, delay: "50ms" },
    // The press web lives on this machine's loopback address, which the crawler refuses by default.
    allow_private_hosts: ["127.0.0.1"],
    sources: [
      {
        id: `${entry.outlet.slug}/tin-moi`,
        kind: "feed",
        url: entry.feedUrl,
        interval: `${poll.intervalMs}ms`,
        max_interval: `${poll.intervalMs * 2}ms`,
      },
    ],
  };
  return `# Demo source (simulated press web, demo data): ${entry.outlet.name}\n${stringify(document)}`;
}

/** The plan text with every outlet's `domains` emptied (comments and anchors kept). */
export function planWithoutDomains(text: string): string {
  const document = parseDocument(text);
  const outlets = document.get("outlets");
  if (isSeq(outlets)) {
    for (const outlet of outlets.items) if (isMap(outlet) && outlet.has("domains")) outlet.set("domains", []);
  }
  return `# Demo copy of the plan: outlets without domains (the simulated press web is on 127.0.0.1).\n${document.toString()}`;
}

export async function prepareDemoConfig(options: {
  dataDir: string;
  /** The demo's INDEX_PREFIX: two demos (a run and a test) keep apart. */
  prefix: string;
  /** The real configuration directory (CONFIG_DIR). */
  configDir: string;
  planFile: string;
  pressWeb: PressWeb | null;
  /** Real sources files (with `--sources`), used instead of the press web. */
  sourcesDir?: string;
  poll: PollSettings;
}): Promise<DemoConfig> {
  const root = join(options.dataDir, "demo", options.prefix, "config");
  await rm(root, { recursive: true, force: true });
  await mkdir(join(root, "sources"), { recursive: true });
  for (const name of ["claims", "contracts", "credibility.yaml"]) {
    await cp(join(options.configDir, name), join(root, name), { recursive: true }).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      },
    );
  }
  let planFile = options.planFile;
  if (options.pressWeb) {
    planFile = join(root, "plans", basename(options.planFile).replace(/\.ya?ml$/, ".demo.yaml"));
    await mkdir(join(root, "plans"), { recursive: true });
    await writeFile(planFile, planWithoutDomains(await readFile(options.planFile, "utf8")));
    for (const entry of options.pressWeb.outlets) {
      await writeFile(join(root, "sources", `${entry.outlet.slug}.yaml`), sourceFileFor(entry, options.poll));
    }
  } else if (options.sourcesDir) {
    for (const name of await readdir(options.sourcesDir)) {
      if (/\.ya?ml$/.test(name)) await cp(join(options.sourcesDir, name), join(root, "sources", name));
    }
  }
  return { configDir: root, planFile, sourcesDir: join(root, "sources") };
}
