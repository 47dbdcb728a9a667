/**
 * Structured logs (pino). Loggers are scoped with fields (`logger.child({ worker, jobId })`), never
 * with prefixes in the message.
 */
import { type Logger, pino } from "pino";

export type { Logger };

export function createLogger(level: string, fields: Record<string, unknown> = {}): Logger {
  return pino({ level, base: { service: "presswatch", ...fields } });
}
