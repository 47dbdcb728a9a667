/**
 * Sends one signed webhook with undici: no redirects, a deadline, and the crawler's SSRF guard
 * (a rule's URL may not reach a private or loopback address unless the rule says
 * `allow_private: true`). Resolves when the receiver accepted (2xx); otherwise throws a
 * `DeliveryError` saying whether another attempt may help.
 */
import { type Dispatcher, request } from "undici";
import { checkUrl, GuardedDispatchers, GuardedLookupError, urlHost } from "../fetch/guard.ts";
import type { Alert } from "../model/alert.ts";
import { DeliveryError, webhookStatusError } from "./outcome.ts";
import { webhookBody, webhookHeaders } from "./payload.ts";
import type { WebhookChannel } from "./rules.ts";
import type { TextLabels } from "./text.ts";

export interface WebhookInput {
  deliveryId: string;
  rule: string;
  alert: Alert;
  channel: WebhookChannel;
  secret: string;
  dashboardUrl?: string | undefined;
  /** Plan names of themes, agencies and outlets for the texts. */
  labels?: TextLabels;
  /** The job's signal: the worker is closing. */
  signal?: AbortSignal;
}

/** What an error reply says, for the operator: the first bytes of its body. */
const ERROR_BODY_BYTES = 300;

export function createWebhookSender(dispatchers: GuardedDispatchers = new GuardedDispatchers()) {
  return {
    async send(input: WebhookInput, now: () => number = Date.now): Promise<{ status: number }> {
      const url = new URL(input.channel.url);
      const allowHosts = input.channel.allow_private ? [urlHost(url)] : [];
      const refusal = await checkUrl(url, allowHosts);
      if (refusal) throw new DeliveryError(refusal.message, refusal.retryable);

      const body = webhookBody({ ...input, lang: input.channel.lang ?? "vi" });
      const headers = webhookHeaders({
        secret: input.secret,
        deliveryId: input.deliveryId,
        body,
        timestamp: Math.floor(now() / 1000),
      });
      const deadline = AbortSignal.timeout(input.channel.timeout_ms);
      const signal = input.signal ? AbortSignal.any([input.signal, deadline]) : deadline;
      let response: Dispatcher.ResponseData;
      try {
        response = await request(url, {
          method: "POST",
          headers,
          body,
          signal,
          dispatcher: dispatchers.for(url, allowHosts),
          headersTimeout: input.channel.timeout_ms,
          bodyTimeout: input.channel.timeout_ms,
        });
      } catch (error) {
        throw networkError(error, deadline, input.channel.timeout_ms);
      }
      const problem = webhookStatusError(response.statusCode);
      if (!problem) {
        await response.body.dump();
        return { status: response.statusCode };
      }
      const snippet = await readStart(response.body).catch(() => "");
      throw new DeliveryError(
        snippet ? `${problem.message}: ${snippet}` : problem.message,
        problem.retryable,
      );
    },
    close: () => dispatchers.close(),
  };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;

function networkError(thrown: unknown, deadline: AbortSignal, timeoutMs: number): DeliveryError {
  if (deadline.aborted) return new DeliveryError(`no answer within ${timeoutMs} ms`, true);
  const seen = new Set<unknown>();
  for (let error = thrown as { code?: string; cause?: unknown } | undefined; error && !seen.has(error); ) {
    seen.add(error);
    if (error instanceof GuardedLookupError)
      return new DeliveryError(`refused: ${error.address} is ${error.reason}`, false);
    if (error.code && /^(E[A-Z]+|UND_ERR_[A-Z_]+)$/.test(error.code))
      return new DeliveryError(`network error ${error.code}`, true);
    error = error.cause as typeof error;
  }
  return new DeliveryError(thrown instanceof Error ? thrown.message : String(thrown), true);
}

async function readStart(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk as Buffer);
    size += (chunk as Buffer).length;
    if (size >= ERROR_BODY_BYTES) break;
  }
  // Leaving the loop early destroys the stream, which is what a large error page deserves.
  return Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString("utf8").replace(/\s+/g, " ").trim();
}
