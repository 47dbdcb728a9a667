/**
 * What one delivery attempt came to, and what the operator sees of it on the alert. Pure: which
 * failures are worth retrying, and the record kept in the alert's `notifications` list.
 */
import { OutcomeError } from "../model/errors.ts";
import type { Channel } from "./rules.ts";

/** A failed attempt. `retryable: false` ends the delivery at once: retrying cannot fix it. */
export class DeliveryError extends OutcomeError {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/**
 * A webhook's answer: 2xx is delivered; 408 (timeout), 429 (slow down) and 5xx are the receiver's
 * passing trouble and are retried; any other 4xx says the request itself is wrong (bad URL, bad
 * secret), which a retry would only repeat. Redirects are not followed — a signed request should
 * go where the rule says — so a 3xx means the rule's URL needs fixing.
 */
export function webhookStatusError(status: number): DeliveryError | null {
  if (status >= 200 && status < 300) return null;
  if (status === 408 || status === 429 || status >= 500)
    return new DeliveryError(`receiver answered HTTP ${status}`, true);
  if (status >= 300 && status < 400)
    return new DeliveryError(`receiver answered HTTP ${status} (redirects are not followed)`, false);
  return new DeliveryError(`receiver answered HTTP ${status}`, false);
}

/**
 * An SMTP failure: a 5xx reply is permanent (unknown mailbox, refused sender); a 4xx reply and
 * anything without a reply (connection refused, timeout) is retried.
 */
export function smtpError(error: unknown): DeliveryError {
  const { message, responseCode } = error as { message?: string; responseCode?: number };
  const text = `SMTP: ${message ?? String(error)}`;
  return new DeliveryError(text, !(typeof responseCode === "number" && responseCode >= 500));
}

export type NotificationState = "pending" | "delivered" | "failed";

/** One delivery as the operator sees it on the alert; updated after every attempt. */
export interface NotificationRecord {
  /** The delivery id: the job id and the webhook's delivery header. */
  id: string;
  rule: string;
  channel: Channel["type"];
  target: string;
  /** pending: not delivered yet, more attempts to come; failed: no more attempts. */
  state: NotificationState;
  attempts: number;
  last_error: string | null;
  updated_at: string;
  delivered_at: string | null;
}

/** Long error texts (an HTML error page) would bloat the alert; the start is what tells. */
export function shortError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}…` : text;
}
