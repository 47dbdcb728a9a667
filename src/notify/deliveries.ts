/**
 * From an alert and the rules to the deliveries it needs: one per matching rule and channel. A
 * delivery's id is derived from what it is (alert, rule, channel target), so notifying the same
 * alert twice — a job run twice, two alerts workers — plans the same ids and the queue keeps one.
 */
import { createHash } from "node:crypto";
import type { Alert } from "../model/alert.ts";
import { type Channel, channelTarget, matchingRules, type Rule } from "./rules.ts";

export interface Delivery {
  /** Also the BullMQ job id and the webhook's delivery header. */
  id: string;
  rule: string;
  channel: Channel;
  alert: Alert;
}

export function deliveryId(alertId: string, rule: string, channel: Channel): string {
  const digest = createHash("sha256")
    .update([alertId, rule, channel.type, channelTarget(channel)].join("\u0000"))
    .digest("hex")
    .slice(0, 32);
  // BullMQ refuses ':' and all-digit custom ids; a fixed prefix and hex rule out both.
  return `n-${digest}`;
}

export function planDeliveries(alert: Alert, rules: readonly Rule[]): Delivery[] {
  const seen = new Set<string>();
  const deliveries: Delivery[] = [];
  for (const rule of matchingRules(rules, alert)) {
    for (const channel of rule.channels) {
      const id = deliveryId(alert.id, rule.id, channel);
      // The same target twice in one rule is one delivery.
      if (seen.has(id)) continue;
      seen.add(id);
      deliveries.push({ id, rule: rule.id, channel, alert });
    }
  }
  return deliveries;
}
