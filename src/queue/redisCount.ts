/**
 * Counts what this process sends to Redis, for the benches: commands (every command, also those
 * inside pipelines, transactions and scripts' calls) and writes to the socket (one per single
 * command, one per pipeline or auto-pipelined group: each is a round trip that waits for Redis).
 * ioredis is patched once per process, on every connection including those BullMQ duplicates;
 * it costs one increment per command and is off unless asked for (REDIS_COUNT).
 */
import { Redis } from "ioredis";

export interface RedisCounts {
  commands: number;
  writes: number;
}

const counts: RedisCounts = { commands: 0, writes: 0 };
let installed = false;
const STREAM = Symbol("presswatch.redisCount.stream");
const WRAPPED = Symbol("presswatch.redisCount.wrapped");

type Writable = { write: (...args: unknown[]) => boolean; [WRAPPED]?: true };

/** Starts counting (idempotent) and returns the live counters. */
export function countRedis(): Readonly<RedisCounts> {
  if (installed) return counts;
  installed = true;
  const proto = Redis.prototype as unknown as {
    sendCommand: (...args: unknown[]) => unknown;
    [STREAM]?: Writable;
  };
  const send = proto.sendCommand;
  proto.sendCommand = function (this: unknown, ...args: unknown[]) {
    counts.commands++;
    return send.apply(this, args);
  };
  // ioredis assigns `this.stream` on every (re)connection: wrap each socket's write as it comes.
  Object.defineProperty(Redis.prototype, "stream", {
    configurable: true,
    get(this: { [STREAM]?: Writable }) {
      return this[STREAM];
    },
    set(this: { [STREAM]?: Writable }, stream: Writable | undefined) {
      if (stream && !stream[WRAPPED]) {
        const write = stream.write;
        stream.write = function (this: unknown, ...args: unknown[]) {
          counts.writes++;
          return write.apply(this, args);
        };
        stream[WRAPPED] = true;
      }
      this[STREAM] = stream;
    },
  });
  return counts;
}
