/**
 * Webhook signatures: HMAC-SHA256 with the rule's secret over `${timestamp}.${body}`, sent as
 * `X-Presswatch-Signature: sha256=<hex>` with the timestamp in `X-Presswatch-Timestamp`. Signing
 * the timestamp with the body lets a receiver refuse a replayed request (an old timestamp) without
 * trusting anything unsigned. `verifyWebhook` is what a receiver does; it is here so receivers and
 * tests share one definition.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export const HEADER_TIMESTAMP = "x-presswatch-timestamp";
export const HEADER_SIGNATURE = "x-presswatch-signature";
/** The same on every attempt of one delivery: receivers drop a delivery they have already seen. */
export const HEADER_DELIVERY = "x-presswatch-delivery";
export const HEADER_EVENT = "x-presswatch-event";

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export type VerifyResult = { ok: true } | { ok: false; reason: string };

/**
 * Checks a received webhook: signature over the exact body bytes as text, timestamp (Unix seconds)
 * within `toleranceSeconds` of `now`.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): VerifyResult {
  const timestampText = single(headers[HEADER_TIMESTAMP]);
  const signature = single(headers[HEADER_SIGNATURE]);
  if (!timestampText || !/^\d+$/.test(timestampText))
    return { ok: false, reason: "missing or bad timestamp" };
  if (!signature) return { ok: false, reason: "missing signature" };
  const timestamp = Number(timestampText);
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300))
    return { ok: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: "signature does not match" };
  return { ok: true };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
