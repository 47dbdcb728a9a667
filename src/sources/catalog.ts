/**
 * The sources as of now: re-read from disk whenever a file changed, checked at most every
 * `checkEveryMs`, so adding, editing or removing a source takes effect in running workers without a
 * restart. Every worker process reads the same directory; nothing is shared in memory.
 */
import type { Logger } from "../log.ts";
import { type LoadedSources, listSourceFiles, loadSources, signatureOf } from "./load.ts";
import type { Source } from "./schema.ts";

export class SourceCatalog {
  private current: LoadedSources | null = null;
  private checkedAt = 0;
  private loading: Promise<LoadedSources> | null = null;

  constructor(
    private readonly dir: string,
    private readonly options: { checkEveryMs?: number; logger?: Logger; now?: () => number } = {},
  ) {}

  async all(): Promise<LoadedSources> {
    const now = (this.options.now ?? Date.now)();
    if (this.current && now - this.checkedAt < (this.options.checkEveryMs ?? 2000)) return this.current;
    this.loading ??= this.refresh(now).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  async get(id: string): Promise<Source | undefined> {
    return (await this.all()).sources.find((source) => source.id === id);
  }

  private async refresh(now: number): Promise<LoadedSources> {
    const signature = signatureOf(await listSourceFiles(this.dir));
    if (!this.current || signature !== this.current.signature) {
      const loaded = await loadSources(this.dir);
      for (const problem of loaded.problems)
        this.options.logger?.error({ ...problem }, "invalid source configuration");
      if (this.current) this.options.logger?.info({ sources: loaded.sources.length }, "sources reloaded");
      this.current = loaded;
    }
    this.checkedAt = now;
    return this.current;
  }
}
