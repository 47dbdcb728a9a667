/**
 * What a webhook receives: a versioned JSON event with the alert and the rule that routed it, and
 * the signed headers. Built once per attempt (the timestamp is the attempt's); the body and the
 * delivery id are the same on every attempt, so a receiver can de-duplicate.
 */
import type { Alert } from "../model/alert.ts";
import {
  HEADER_DELIVERY,
  HEADER_EVENT,
  HEADER_SIGNATURE,
  HEADER_TIMESTAMP,
  signWebhook,
} from "./signature.ts";
import { alertTexts, type Lang, type TextLabels } from "./text.ts";

export const WEBHOOK_EVENT = "alert.raised";

export interface WebhookEvent {
  event: typeof WEBHOOK_EVENT;
  version: 1;
  delivery_id: string;
  rule: string;
  alert: Alert;
  /**
   * What happened, rendered in the rule's language (vi unless the channel says `lang: en`): the
   * kind, the one-line title and the story's lines (headline, outlets, times in Vietnam time,
   * themes, agencies, tone, evidence against the baseline, why). The alert's fields stay the data.
   */
  text: ReturnType<typeof alertTexts>;
  /** Where the alert is on the dashboard, when the rules file says where the dashboard is. */
  alert_url?: string;
}

export function webhookBody(input: {
  deliveryId: string;
  rule: string;
  alert: Alert;
  dashboardUrl?: string | undefined;
  lang?: Lang;
  labels?: TextLabels;
}): string {
  const event: WebhookEvent = {
    event: WEBHOOK_EVENT,
    version: 1,
    delivery_id: input.deliveryId,
    rule: input.rule,
    alert: input.alert,
    text: alertTexts(input.alert, input.labels ?? {}, input.lang ?? "vi"),
    ...(input.dashboardUrl ? { alert_url: alertUrl(input.dashboardUrl, input.alert.id) } : {}),
  };
  return JSON.stringify(event);
}

export function webhookHeaders(input: {
  secret: string;
  deliveryId: string;
  body: string;
  /** Unix seconds. */
  timestamp: number;
}): Record<string, string> {
  return {
    "content-type": "application/json; charset=utf-8",
    "user-agent": "Presswatch-Webhook/1",
    [HEADER_EVENT]: WEBHOOK_EVENT,
    [HEADER_DELIVERY]: input.deliveryId,
    // Also under the name common idempotency middleware looks for.
    "idempotency-key": input.deliveryId,
    [HEADER_TIMESTAMP]: String(input.timestamp),
    [HEADER_SIGNATURE]: signWebhook(input.secret, input.timestamp, input.body),
  };
}

/** The dashboard routes in the URL hash (`#/alerts`); the id selects the alert there. */
export function alertUrl(dashboardUrl: string, alertId: string): string {
  return `${dashboardUrl.replace(/\/+$/, "")}/#/alerts?id=${encodeURIComponent(alertId)}`;
}
