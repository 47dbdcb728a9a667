/**
 * Moves every article into the index of the current mapping version and swaps the alias in one
 * atomic step, as an engine task: the copy runs inside OpenSearch (`wait_for_completion=false`)
 * while this polls the task API and reports progress. The task id is remembered (TaskMemory; the
 * CLI keeps it in Redis), so a run that was interrupted — Ctrl-C, a lost connection, a killed
 * shell — is resumed by running it again: it attaches to the task if the engine still runs or
 * knows it, or else starts a new copy that skips what the old one already created. The old index
 * is kept (delete it by hand once satisfied).
 */
import { MAPPING_VERSION } from "./articleMapping.ts";
import type { SearchClient } from "./client.ts";
import { articleNames } from "./names.ts";
import { aliasTargets, putTemplate } from "./setup.ts";

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
}

export interface ReindexResult {
  from: string;
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

export async function reindexArticles(
  client: SearchClient,
  prefix: string,
  options: ReindexOptions = {},
): Promise<ReindexResult> {
  const log = options.log ?? (() => {});
  const memory = options.memory ?? noMemory();
  const names = articleNames(prefix);
  await putTemplate(client, prefix);
  const [from] = await aliasTargets(client, names.alias);
  if (!from) throw new Error(`no alias ${names.alias}: nothing to reindex`);
  const to = names.version(MAPPING_VERSION);
  if (from === to) {
    await memory.clear();
    throw new Error(`${names.alias} already points to ${to} (mapping version ${MAPPING_VERSION})`);
  }

  const remembered = await memory.get();
  let task: string | null = null;
  if (remembered && remembered.from === from && remembered.to === to) {
    const known = await readTask(client, remembered.task);
    if (known) {
      task = remembered.task;
      log(`attaching to the copy already under way: task ${task}`);
    } else {
      log(`task ${remembered.task} is unknown to the engine (restarted?): continuing with a new copy`);
    }
  }
  if (!task) {
    const exists = (await client.indices.exists({ index: to })).body;
    if (!exists) await client.indices.create({ index: to });
    task = await startCopy(client, from, to, options.requestsPerSecond);
    await memory.set({ task, from, to });
    log(
      `copying ${from} → ${to} as task ${task}${exists ? " (resuming: documents already copied are skipped)" : ""}…`,
    );
  }

  const outcome = await waitFor(client, task, log, options);
  const failures = outcome.response?.failures ?? [];
  if (outcome.error)
    throw new Error(`reindex task ${task} failed: ${outcome.error.reason ?? "unknown"}; alias not moved`);
  if (failures.length) throw new Error(`reindex left ${failures.length} failures; alias not moved`);

  await client.indices.refresh({ index: to });
  const [fromCount, toCount] = await Promise.all([count(client, from), count(client, to)]);
  if (toCount < fromCount)
    throw new Error(
      `${to} holds ${toCount} of the ${fromCount} articles of ${from}; alias not moved (run again)`,
    );
  await client.indices.updateAliases({
    body: {
      actions: [
        { remove: { index: from, alias: names.alias } },
        { add: { index: to, alias: names.alias, is_write_index: true } },
      ],
    },
  });
  await memory.clear();
  return { from, to, copied: toCount };
}

async function startCopy(client: SearchClient, from: string, to: string, rps?: number): Promise<string> {
  const response = await client.reindex({
    body: {
      // Articles already in the target (an interrupted copy's) stay: conflicts are skipped, not fatal.
      conflicts: "proceed",
      source: { index: from, size: 500 },
      dest: { index: to, op_type: "create" },
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

async function count(client: SearchClient, index: string): Promise<number> {
  const response = await client.count({ index });
  return Number((response.body as { count: number }).count);
}
