/** Bodies, query parameters and responses of the case routes (the shapes of src/cases/workflow.ts). */
import { type Static, Type } from "@sinclair/typebox";
import { CASE_STATUSES } from "../../src/model/case.ts";
import { Nullable } from "./alerts.ts";
import { Id, StringEnum } from "./common.ts";

const Actor = Type.Object({
  id: Nullable(Type.String()),
  username: Nullable(Type.String()),
  role: Nullable(Type.String()),
  agency: Nullable(Type.String()),
});

const TimelineEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Actor,
  action: Type.String(),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  detail: Type.String(),
});

export const CaseSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  status: Type.String(),
  version: Type.Integer(),
  agency: Nullable(Type.String()),
  suggested_agency: Nullable(Type.Object({ agency: Type.String(), reason: Type.String() })),
  alert_ids: Type.Array(Type.String()),
  article_ids: Type.Array(Type.String()),
  claim_ids: Type.Array(Type.String()),
  themes: Type.Array(Type.String()),
  response_url: Nullable(Type.String()),
  response_at: Nullable(Type.String()),
  created_at: Type.String(),
  updated_at: Type.String(),
  created_by: Actor,
  timeline: Type.Array(TimelineEntry),
});

export const CaseListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(CASE_STATUSES)),
    agency: Type.Optional(Id),
    alert_id: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export type CaseParams = Static<typeof CaseParams>;

const Ref = Type.String({ minLength: 1, maxLength: 200 });
const Note = Type.Optional(Type.String({ maxLength: 4000 }));

export const CreateCaseBody = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    alert_ids: Type.Array(Ref, {
      minItems: 1,
      maxItems: 50,
      description: "the alerts the case is opened from",
    }),
    article_ids: Type.Optional(Type.Array(Ref, { maxItems: 1000 })),
    agency: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 64,
          description: "assign at once; empty or null leaves the case unassigned",
        }),
      ),
    ),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

const strict = { additionalProperties: false } as const;

export const CaseActionSchema = Type.Union([
  Type.Object({ type: Type.Literal("transition"), to: StringEnum(CASE_STATUSES), note: Note }, strict),
  Type.Object(
    { type: Type.Literal("assign"), agency: Type.String({ minLength: 1, maxLength: 64 }), note: Note },
    strict,
  ),
  Type.Object({ type: Type.Literal("note"), text: Type.String({ minLength: 1, maxLength: 4000 }) }, strict),
  Type.Object(
    { type: Type.Literal("set_response"), url: Type.String({ minLength: 1, maxLength: 2000 }), note: Note },
    strict,
  ),
  Type.Object({ type: Type.Literal("link_alert"), alert_id: Ref }, strict),
  Type.Object({ type: Type.Literal("link_article"), article_id: Ref }, strict),
]);

export const CaseActionBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: "the case version the action was made on" }),
    action: CaseActionSchema,
  },
  { additionalProperties: false },
);
export type CaseActionBody = Static<typeof CaseActionBody>;

export const CaseListResponse = Type.Object({ cases: Type.Array(CaseSchema) });
const SpreadSchema = Type.Object(
  {
    rumour: Type.Object({
      articles: Type.Integer(),
      outlets: Type.Integer(),
      after_response: Type.Integer(),
    }),
    correction: Type.Object({ articles: Type.Integer(), outlets: Type.Integer() }),
    reach_ratio: Nullable(Type.Number()),
    hourly: Type.Array(
      Type.Object({ hour: Type.String(), rumour: Type.Integer(), correction: Type.Integer() }),
    ),
  },
  { description: "the rumour's spread against the correction's, hour by hour, in the case's stories" },
);

export const CaseResponse = Type.Object({ case: CaseSchema, spread: Type.Optional(Nullable(SpreadSchema)) });
