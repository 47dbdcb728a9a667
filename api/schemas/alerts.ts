/** Query parameters and responses of the alert routes (the shapes of src/detect/alerts.ts). */
import { type Static, type TSchema, Type } from "@sinclair/typebox";
import { DateText, Id, StringEnum } from "./common.ts";

export const ALERT_KINDS = ["spike", "rumour", "watchlist", "obligation"] as const;
export const ALERT_STATES = ["open", "acknowledged", "closed"] as const;

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const AlertSchema = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  title: Type.String(),
  scope: Type.Object({
    dimension: Type.Optional(Type.String()),
    value: Type.Optional(Type.String()),
    measure: Type.Optional(Type.String()),
    story_id: Type.Optional(Type.String()),
    claim_id: Type.Optional(Type.String()),
    watchlist_id: Type.Optional(Type.String()),
  }),
  evidence: Type.Object({
    article_ids: Type.Array(Type.String()),
    count: Type.Optional(Type.Number()),
    expected: Type.Optional(Type.Number()),
    z: Type.Optional(Type.Number()),
    score: Type.Optional(Type.Number()),
    previous: Type.Optional(Type.Number({ description: "spike: the count of the bucket before" })),
    change_z: Type.Optional(
      Type.Number({ description: "spike: the change from the bucket before, as a z-score" }),
    ),
    record: Type.Optional(
      Type.Number({ description: "spike: the highest count before (a record beats it)" }),
    ),
    bucket_start: Type.Optional(Type.String()),
    outlets: Type.Optional(Type.Array(Type.String())),
    window_minutes: Type.Optional(Type.Number()),
    claim_ids: Type.Optional(Type.Array(Type.String())),
    reasons: Type.Optional(
      Type.Array(Type.String(), {
        description:
          "what decided it: a rumour's negative, flagged, claim, outside_partners; a spike's record, jump, cusum or single_bucket",
      }),
    ),
    story: Type.Optional(
      Type.Object(
        {
          headline: Nullable(Type.String()),
          other_headlines: Type.Array(Type.String()),
          outlets: Type.Array(Type.String()),
          first_at: Nullable(Type.String()),
          latest_at: Nullable(Type.String()),
          themes: Type.Array(Type.String()),
          agencies: Type.Array(Type.String()),
          tone: Type.Object({
            label: Type.String(),
            negative: Type.Integer(),
            neutral: Type.Integer(),
            positive: Type.Integer(),
          }),
          articles: Type.Integer(),
        },
        { description: "what happened: the story of the evidence articles" },
      ),
    ),
    budget: Type.Optional(
      Type.Object(
        {
          min_spacing_minutes: Type.Number(),
          daily_cap: Nullable(Type.Number()),
          alerts_today: Type.Number(),
        },
        { description: "the alert budget in force when a spike was raised" },
      ),
    ),
    // Obligation at risk (obligationAlert in src/detect/alerts.ts).
    obligation: Type.Optional(Type.String()),
    outlet: Type.Optional(Nullable(Type.String())),
    period: Type.Optional(Type.String()),
    ends_at: Type.Optional(Type.String()),
    required: Type.Optional(Type.Number()),
    counted: Type.Optional(Type.Number()),
    expected_by_now: Type.Optional(Type.Number()),
  }),
  themes: Type.Array(Type.String()),
  agencies: Type.Array(Type.String()),
  state: Type.String(),
  created_at: Type.String(),
  acknowledged_at: Nullable(Type.String()),
  acknowledged_by: Type.Optional(Type.String()),
  notifications: Type.Optional(
    Type.Array(
      Type.Object({
        id: Type.String(),
        rule: Type.String(),
        channel: Type.String(),
        target: Type.String(),
        state: Type.String({ description: "pending (more attempts to come), delivered or failed" }),
        attempts: Type.Integer(),
        last_error: Nullable(Type.String()),
        updated_at: Type.String(),
        delivered_at: Nullable(Type.String()),
      }),
      { description: "each webhook or e-mail delivery of the alert, updated after every attempt" },
    ),
  ),
  case_id: Type.Optional(Nullable(Type.String({ description: "the case opened from this alert, if any" }))),
});

const ScopeBudget = {
  min_spacing_minutes: Type.Integer({ minimum: 0, maximum: 10080 }),
  daily_cap: Nullable(Type.Integer({ minimum: 0, maximum: 1000 })),
};

export const AlertBudgetSchema = Type.Object(
  {
    default: Type.Object(ScopeBudget, { additionalProperties: false }),
    scopes: Type.Record(
      Type.String(),
      Type.Object(
        {
          min_spacing_minutes: Type.Optional(ScopeBudget.min_spacing_minutes),
          daily_cap: Type.Optional(ScopeBudget.daily_cap),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const AlertListQuery = Type.Object(
  {
    kind: Type.Optional(StringEnum(ALERT_KINDS)),
    state: Type.Optional(StringEnum(ALERT_STATES)),
    theme: Type.Optional(Id),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);
export type AlertListQuery = Static<typeof AlertListQuery>;

export const AlertParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export type AlertParams = Static<typeof AlertParams>;

export const AlertListResponse = Type.Object({ alerts: Type.Array(AlertSchema) });
export const AlertResponse = Type.Object({ alert: AlertSchema });
