/**
 * The sources as of now: re-read from disk whenever a file changed, checked at most every
 * `checkEveryMs`, so adding, editing or removing a source takes effect in running workers without a
 * restart. Every worker process reads the same directory; nothing is shared in memory.
 */
import type { Logger } from "../log.ts";
import {
  type LoadedSources,
  listSourceFiles,
  loadSources,
  mergeEnteredOutlets,
  signatureOf,
} from "./load.ts";
import type { Source } from "./schema.ts";

/** Outlets entered through the API and paused sources (src/crawl/sourceEntries.ts). */
export interface EnteredSources {
  outlets(): Promise<Array<{ id: string; value: unknown }>>;
  paused(): Promise<ReadonlyMap<string, unknown>>;
}

export class SourceCatalog {
  private files: LoadedSources | null = null;
  private current: LoadedSources | null = null;
  private checkedAt = 0;
  private loading: Promise<LoadedSources> | null = null;

  constructor(
    private readonly dir: string,
    private readonly options: {
      checkEveryMs?: number;
      logger?: Logger;
      now?: () => number;
      entered?: EnteredSources;
    } = {},
  ) {}

  async all(): Promise<LoadedSources> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && now - this.checkedAt < (this.options.checkEveryMs ?? 2000)) return this.current;
    this.loading ??= this.refresh(now).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  /** The next read checks again at once: this process just changed what it would read. */
  invalidate(): void {
    this.checkedAt = Number.NEGATIVE_INFINITY;
  }

  async get(id: string): Promise<Source | undefined> {
    return (await this.all()).sources.find((source) => source.id === id);
  }

  private async refresh(now: number): Promise<LoadedSources> {
    const signature = signatureOf(await listSourceFiles(this.dir));
    if (!this.files || signature !== this.files.signature) {
      const loaded = await loadSources(this.dir);
      for (const problem of loaded.problems)
        this.options.logger?.error({ ...problem }, "invalid source configuration");
      if (this.files) this.options.logger?.info({ sources: loaded.sources.length }, "sources reloaded");
      this.files = loaded;
    }
    let next = this.files;
    const { entered } = this.options;
    if (entered) {
      // Read on every check: they change from the dashboard, not on disk. A failed read keeps what
      // was read last rather than dropping the entered outlets from the crawl.
      try {
        const [outlets, paused] = await Promise.all([entered.outlets(), entered.paused()]);
        next = mergeEnteredOutlets(this.files, outlets, new Set(paused.keys()));
      } catch (error) {
        this.options.logger?.warn({ err: error }, "could not read the sources entered in the dashboard");
        // Asked again on the next read rather than after a whole interval.
        if (this.current) return this.current;
      }
    }
    this.current = next;
    this.checkedAt = now;
    return this.current;
  }
}
