/**
 * Moves every article of an older mapping version, or of the pre-monthly single index, into the
 * monthly indices of the current version, one source index at a time, each as an engine task: the
 * copy runs inside OpenSearch (`wait_for_completion=false`) while this polls the task API and
 * reports progress. Each source leaves the alias as soon as it is copied (while one is copied its
 * articles count twice) and is kept for the operator to delete. An article already written to the
 * current version is never overwritten.
 *
 * The running task's id is remembered (TaskMemory; the CLI keeps it in Redis), so a run that was
 * interrupted — Ctrl-C, a lost connection, a killed shell — is resumed by running it again: it
 * attaches to the task if the engine still runs or knows it, or else starts a new copy of that
 * source that skips what the old one already created.
 */

import { articleIndices } from "./articleIndices.ts";
import { MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import { DEFAULT_LAYOUT, type IndexLayout } from "./layout.ts";
import { openMonthIndex } from "./monthIndex.ts";
import { articleNames, INDEX_MONTH_TIME_ZONE, indexMonth, parseArticleIndex } from "./names.ts";
import { applyLayout, putTemplate } from "./setup.ts";

/** Where the running copy's task id is kept between runs. */
export interface TaskMemory {
  get(): Promise<RememberedTask | null>;
  set(task: RememberedTask): Promise<void>;
  clear(): Promise<void>;
}

export interface RememberedTask {
  task: string;
  from: string;
  to: string;
}

export interface ReindexOptions {
  log?: (line: string) => void;
  memory?: TaskMemory;
  pollMs?: number;
  /** Throttles the copy (documents per second) on a cluster that serves users meanwhile. */
  requestsPerSecond?: number;
  /** Stops waiting (the engine's task goes on; a later run attaches to it). */
  signal?: AbortSignal;
  /** The deployment's shards, replicas and refresh interval (the template and the new indices). */
  layout?: IndexLayout;
}

export interface ReindexResult {
  /** The indices copied (and taken out of the alias). */
  from: string[];
  /** The monthly indices they went to, as a pattern. */
  to: string;
  copied: number;
}

interface TaskStatus {
  completed: boolean;
  task?: { status?: { total?: number; created?: number; updated?: number; version_conflicts?: number } };
  response?: { failures?: unknown[]; created?: number; version_conflicts?: number };
  error?: { reason?: string };
}

const noMemory = (): TaskMemory => {
  let value: RememberedTask | null = null;
  return {
    get: async () => value,
    set: async (task) => {
      value = task;
    },
    clear: async () => {
      value = null;
    },
  };
};

/**
 * The month of a stored document, by the rule of `routingInstant` (names.ts), in painless: the
 * reindex must send every article to the index a later write of it would choose.
 */
const ROUTE_SCRIPT = `
  ZonedDateTime fetched = ZonedDateTime.parse(ctx._source.fetched_at);
  ZonedDateTime at = fetched;
  if (ctx._source.published_at != null) {
    ZonedDateTime published = ZonedDateTime.parse(ctx._source.published_at);
    if (!published.isAfter(fetched.plusDays(1))) { at = published; }
  }
  ctx._index = params.base + '-' + at.withZoneSameInstant(ZoneId.of(params.zone))
    .format(DateTimeFormatter.ofPattern('yyyy.MM'));
`;

export async function reindexArticles(
  client: SearchClient,
  prefix: string,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const log = options.log ?? (() => {});
  const memory = options.memory ?? noMemory();
  const layout = options.layout ?? DEFAULT_LAYOUT;
  const names = articleNames(prefix);
  await putTemplate(client, prefix, layout);
  const indices = await articleIndices(client, names.alias);
  if (!indices.length) throw new Error(`no alias ${names.alias}: nothing to reindex`);
  const sources = indices.filter((index) => {
    const parsed = parseArticleIndex(index);
    return parsed.version !== MAPPING_VERSION || parsed.month === null;
  });
  const base = names.version(MAPPING_VERSION);
  const to = `${base}-*`;
  if (!sources.length) {
    await memory.clear();
    throw new Error(
      `${names.alias} already points to monthly indices ${to} (mapping version ${MAPPING_VERSION})`,
    );
  }
  // The alias must never be left empty, even when every source turns out to hold nothing.
  if (sources.length === indices.length)
    await openMonthIndex(client, names.monthly(MAPPING_VERSION, indexMonth(new Date())));

  let copied = 0;
  for (const from of sources) {
    const remembered = await memory.get();
    let task: string | null = null;
    if (remembered && remembered.from === from && remembered.to === to) {
      if (await readTask(client, remembered.task)) {
        task = remembered.task;
        log(`attaching to the copy of ${from} already under way: task ${task}`);
      } else {
        log(`task ${remembered.task} is unknown to the engine (restarted?): a new copy of ${from}`);
      }
    }
    if (!task) {
      task = await startCopy(client, from, base, options.requestsPerSecond);
      await memory.set({ task, from, to });
      log(
        `copying ${from} → ${to} as task ${task}${remembered?.from === from ? " (resuming: documents already copied are skipped)" : ""}…`,
      );
    }
    const outcome = await waitFor(client, task, log, options);
    const failures = outcome.response?.failures ?? [];
    if (outcome.error)
      throw new Error(`reindex task ${task} failed: ${outcome.error.reason ?? "unknown"}; alias not moved`);
    if (failures.length)
      throw new Error(`reindex of ${from} left ${failures.length} failures; alias not moved`);
    await client.indices.updateAliases({
      body: { actions: [{ remove: { index: from, alias: names.alias } }] },
    });
    await memory.clear();
    // Articles now in place: those this copy created and those an interrupted one already had.
    copied += (outcome.response?.created ?? 0) + (outcome.response?.version_conflicts ?? 0);
  }
  await applyLayout(client, names.alias, await articleIndices(client, names.alias), layout);
  return { from: sources, to, copied };
}

async function startCopy(client: SearchClient, from: string, base: string, rps?: number): Promise<string> {
  const response = await client.reindex({
    body: {
      // Articles already in the target (an interrupted copy's) stay: conflicts are skipped, not fatal.
      conflicts: "proceed",
      source: { index: from, size: 500 },
      dest: { index: base, op_type: "create" },
      // Each article goes to its month's index, as a later write of it would.
      script: { lang: "painless", source: ROUTE_SCRIPT, params: { base, zone: INDEX_MONTH_TIME_ZONE } },
    },
    refresh: true,
    wait_for_completion: false,
    ...(rps ? { requests_per_second: rps } : {}),
  });
  const task = (response.body as { task?: string }).task;
  if (!task) throw new Error("the engine did not return a task id for the reindex");
  return task;
}

async function readTask(client: SearchClient, task: string): Promise<TaskStatus | null> {
  const response = await client.tasks.get({ task_id: task }, { ignore: [404] });
  if (response.statusCode === 404) return null;
  return response.body as TaskStatus;
}

async function waitFor(
  client: SearchClient,
  task: string,
  log: (line: string) => void,
  options: ReindexOptions,
): Promise<TaskStatus> {
  for (;;) {
    options.signal?.throwIfAborted();
    const status = await readTask(client, task);
    if (!status) throw new Error(`task ${task} disappeared from the engine; run again to continue`);
    const s = status.task?.status ?? {};
    const done = (s.created ?? 0) + (s.updated ?? 0) + (s.version_conflicts ?? 0);
    log(
      `  ${done} of ${s.total ?? "?"} articles (${s.created ?? 0} copied, ${s.version_conflicts ?? 0} already there)`,
    );
    if (status.completed) return status;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1_000));
  }
}
