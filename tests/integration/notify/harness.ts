/**
 * What the notify integration tests share: a local webhook receiver on 127.0.0.1 that answers
 * from a script and verifies every signature it gets, the real stores under a unique prefix, and
 * polling helpers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import { pino } from "pino";
import { verifyWebhook } from "../../../src/notify/signature.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { createSearchClient } from "../../../src/store/client.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

export interface Received {
  at: number;
  delivery: string;
  verified: boolean;
  body: unknown;
  answered: number;
}

/** Answers the n-th request (0-based) with `statuses[n]`, the last one for every later request. */
export async function startReceiver(secret: string, statuses: number[]) {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const status = statuses[Math.min(received.length, statuses.length - 1)]!;
      received.push({
        at: Date.now(),
        delivery: String(request.headers["x-presswatch-delivery"]),
        verified: verifyWebhook(secret, request.headers, text).ok,
        body: JSON.parse(text),
        answered: status,
      });
      response.writeHead(status, { "content-type": "text/plain" }).end(status === 200 ? "ok" : "busy, later");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hooks/presswatch`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: open one, note it, close it. */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/hooks/down`;
}

export function notifyServices(label: string) {
  const prefix = uniqueName(label);
  const client = createSearchClient({ url: services().openSearchUrl });
  const alerts = createAlertStore(client, { prefix });
  const connection = new Redis(services().redisUrl, { maxRetriesPerRequest: null });
  // Attempt logs are part of what is checked by eye when a test fails; silent otherwise.
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  return {
    prefix,
    client,
    alerts,
    connection,
    logger,
    async cleanup() {
      let cursor = "0";
      do {
        const [next, keys] = await connection.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
        cursor = next;
        if (keys.length) await connection.del(...keys);
      } while (cursor !== "0");
      await connection.quit();
      await client.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
      await client.close();
    },
  };
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
