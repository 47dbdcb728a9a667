/**
 * Outlets entered through the API, and the sources an operator paused, in Redis next to the
 * sources' health (the crawl's shared state; the compose file runs Redis with append-only
 * persistence). Every crawl process reads them through its SourceCatalog, so a source added or
 * paused in the dashboard is picked up within the catalog's check interval, without a restart.
 *
 * An outlet is kept as it was entered (the shape of a `config/sources/*.yaml` file, durations as
 * written), checked by the file schema before it is stored, and versioned like the API's contracts
 * and claims: a change names the version it was made on.
 */
import { crawlKey, type RedisClient } from "../queue/connection.ts";

export interface OutletRecord {
  id: string;
  version: number;
  /** The outlet file's content as entered. */
  value: Record<string, unknown>;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

export interface PauseRecord {
  source_id: string;
  paused_at: string;
  paused_by: string;
}

export class OutletExistsError extends Error {
  override name = "OutletExistsError";
}

export class OutletVersionError extends Error {
  override name = "OutletVersionError";
}

/** Replaces the record only when its stored version is the one stated: -1 absent, 0 done, else the version. */
const UPDATE_IF_VERSION = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return -1 end
local version = cjson.decode(current).version
if version ~= tonumber(ARGV[2]) then return version end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 0
`;

export class SourceEntries {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private get outletsKey() {
    return crawlKey(this.prefix, "sources", "outlets");
  }

  private get pausedKey() {
    return crawlKey(this.prefix, "sources", "paused");
  }

  async outlets(): Promise<OutletRecord[]> {
    const all = await this.redis.hvals(this.outletsKey);
    return all.map((text) => JSON.parse(text) as OutletRecord).sort((a, b) => a.id.localeCompare(b.id));
  }

  async outlet(id: string): Promise<OutletRecord | null> {
    const text = await this.redis.hget(this.outletsKey, id);
    return text ? (JSON.parse(text) as OutletRecord) : null;
  }

  async create(
    id: string,
    value: Record<string, unknown>,
    by: string,
    now = new Date(),
  ): Promise<OutletRecord> {
    const at = now.toISOString();
    const record: OutletRecord = {
      id,
      version: 1,
      value,
      created_at: at,
      created_by: by,
      updated_at: at,
      updated_by: by,
    };
    const created = await this.redis.hsetnx(this.outletsKey, id, JSON.stringify(record));
    if (created === 0) throw new OutletExistsError(`outlet ${id} already exists`);
    return record;
  }

  /** Null when there is no such outlet; OutletVersionError when it changed since `version`. */
  async update(
    id: string,
    value: Record<string, unknown>,
    version: number,
    by: string,
    now = new Date(),
  ): Promise<OutletRecord | null> {
    const current = await this.outlet(id);
    if (!current) return null;
    const record: OutletRecord = {
      ...current,
      version: version + 1,
      value,
      updated_at: now.toISOString(),
      updated_by: by,
    };
    const result = Number(
      await this.redis.eval(
        UPDATE_IF_VERSION,
        1,
        this.outletsKey,
        id,
        String(version),
        JSON.stringify(record),
      ),
    );
    if (result === -1) return null;
    if (result !== 0)
      throw new OutletVersionError(
        `outlet ${id} is at version ${result}, not ${version}: it changed since it was read`,
      );
    return record;
  }

  async paused(): Promise<Map<string, PauseRecord>> {
    const all = await this.redis.hgetall(this.pausedKey);
    return new Map(Object.entries(all).map(([id, text]) => [id, JSON.parse(text) as PauseRecord]));
  }

  /** Idempotent: pausing a paused source keeps who paused it first. */
  async pause(sourceId: string, by: string, now = new Date()): Promise<PauseRecord> {
    const record: PauseRecord = { source_id: sourceId, paused_at: now.toISOString(), paused_by: by };
    await this.redis.hsetnx(this.pausedKey, sourceId, JSON.stringify(record));
    const stored = await this.redis.hget(this.pausedKey, sourceId);
    return stored ? (JSON.parse(stored) as PauseRecord) : record;
  }

  async resume(sourceId: string): Promise<void> {
    await this.redis.hdel(this.pausedKey, sourceId);
  }
}
