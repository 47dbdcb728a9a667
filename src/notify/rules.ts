/**
 * Notification rules: which alerts go where. A rule matches alerts by what the alert says about
 * itself (kind, themes, agencies, the spike's scope, the watchlist or claim behind it) and lists
 * the channels to notify. Pure: the schema of `config/notifications.yaml` and the matching; reading
 * the file is `load.ts`.
 *
 * Matching: every criterion that is given must hold (AND); within one criterion any listed value
 * will do (OR). A rule without criteria matches every alert.
 */

import { z } from "zod";
import type { Alert } from "../model/alert.ts";
import { LANGS } from "./text.ts";

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, "must be lower-case letters, digits, '_' or '-'");
// Values are ids from the plan, sources and contracts, whose spellings vary; only emptiness is wrong.
const ids = z.array(z.string().trim().min(1)).min(1, "list at least one value, or leave the criterion out");

/** Only the name of the variable lives in the file; the secret itself stays in the environment. */
const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, "must be an environment variable name (A-Z, 0-9, _)");

const httpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !url.username && !url.password;
  } catch {
    return false;
  }
}, "must be an http:// or https:// URL without credentials (the secret signs the request instead)");

export const webhookChannelSchema = z.strictObject({
  type: z.literal("webhook"),
  url: httpUrl,
  secret_env: envName,
  /** Lets the webhook reach a private or loopback address (an intranet receiver, a local test). */
  allow_private: z.boolean().default(false),
  timeout_ms: z.number().int().min(100).max(60_000).default(10_000),
  /** The language of the texts the event carries beside the alert (`text`): vi or en. */
  lang: z.enum(LANGS).default("vi"),
});

export const emailChannelSchema = z.strictObject({
  type: z.literal("email"),
  to: z.array(z.email("must be an e-mail address")).min(1, "list at least one recipient"),
  /** The language of the message: vi (default) or en. */
  lang: z.enum(LANGS).default("vi"),
});

export const channelSchema = z.discriminatedUnion("type", [webhookChannelSchema, emailChannelSchema]);

export const matchSchema = z.strictObject({
  kinds: z
    .array(z.enum(["spike", "rumour", "watchlist", "obligation"]))
    .min(1)
    .optional(),
  themes: ids.optional(),
  agencies: ids.optional(),
  /** A spike on an outlet kind (`central_partner`, `provincial_press`, …). */
  outlet_kinds: ids.optional(),
  /** Outlets named in the alert's evidence (a rumour carried by them, an obligation of theirs). */
  outlets: ids.optional(),
  /** Plan or contract obligations at risk. */
  obligations: ids.optional(),
  measures: z
    .array(z.enum(["negative", "flagged"]))
    .min(1)
    .optional(),
  watchlists: ids.optional(),
  claims: ids.optional(),
});

export const ruleSchema = z.strictObject({
  id,
  description: z.string().optional(),
  enabled: z.boolean().default(true),
  match: matchSchema.default({}),
  channels: z.array(channelSchema).min(1, "list at least one channel"),
});

export const notificationsFileSchema = z
  .strictObject({
    /** Where the dashboard is, for links in e-mails (`<dashboard_url>/#/alerts?id=<id>`). */
    dashboard_url: httpUrl.optional(),
    rules: z.array(ruleSchema).default([]),
  })
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        context.addIssue({
          code: "custom",
          path: ["rules", index, "id"],
          message: `duplicate rule id "${rule.id}"`,
        });
      seen.add(rule.id);
    });
  });

export type WebhookChannel = z.output<typeof webhookChannelSchema>;
export type EmailChannel = z.output<typeof emailChannelSchema>;
export type Channel = z.output<typeof channelSchema>;
export type RuleMatch = z.output<typeof matchSchema>;
export type Rule = z.output<typeof ruleSchema>;
export type NotificationsConfig = z.output<typeof notificationsFileSchema>;

const overlaps = (wanted: readonly string[] | undefined, actual: readonly string[]): boolean =>
  wanted === undefined || wanted.some((value) => actual.includes(value));

const scopeValue = (alert: Alert, dimension: string): string[] =>
  alert.scope.dimension === dimension && alert.scope.value ? [alert.scope.value] : [];

export function matchesRule(match: RuleMatch, alert: Alert): boolean {
  return (
    overlaps(match.kinds, [alert.kind]) &&
    overlaps(match.themes, alert.themes) &&
    overlaps(match.agencies, alert.agencies) &&
    overlaps(match.outlet_kinds, scopeValue(alert, "outlet_kind")) &&
    overlaps(match.outlets, [
      ...(alert.evidence.outlets ?? []),
      ...(alert.evidence.outlet ? [alert.evidence.outlet] : []),
    ]) &&
    overlaps(match.obligations, alert.evidence.obligation ? [alert.evidence.obligation] : []) &&
    overlaps(match.measures, alert.scope.measure ? [alert.scope.measure] : []) &&
    overlaps(match.watchlists, alert.scope.watchlist_id ? [alert.scope.watchlist_id] : []) &&
    overlaps(match.claims, [
      ...(alert.scope.claim_id ? [alert.scope.claim_id] : []),
      ...(alert.evidence.claim_ids ?? []),
    ])
  );
}

/** The enabled rules that match the alert, in file order. */
export function matchingRules(rules: readonly Rule[], alert: Alert): Rule[] {
  return rules.filter((rule) => rule.enabled && matchesRule(rule.match, alert));
}

/** What a channel points at, for the operator: the URL of a webhook, the recipients of an e-mail. */
export function channelTarget(channel: Channel): string {
  return channel.type === "webhook" ? channel.url : [...channel.to].sort().join(", ");
}
