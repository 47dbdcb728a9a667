/** Query parameters and response of the compliance route. */
import { type Static, Type } from "@sinclair/typebox";
import { STATUSES } from "../../src/contracts/index.ts";
import { Nullable } from "./alerts.ts";
import { StringEnum } from "./common.ts";

export const ComplianceQuery = Type.Object(
  {
    year: Type.Optional(
      Type.Integer({ minimum: 2000, maximum: 2100, description: "the plan's year by default" }),
    ),
    scope: Type.Optional(
      Type.String({
        maxLength: 100,
        description:
          "plan (default), contract:<id>, outlet:<id> or agency:<id>; agency users see their agency's",
      }),
    ),
  },
  { additionalProperties: false },
);
export type ComplianceQuery = Static<typeof ComplianceQuery>;

const Evidence = Type.Object({
  article_id: Type.String(),
  outlet: Type.String(),
  title: Type.String(),
  url: Type.String(),
  snapshot: Nullable(Type.String()),
  published_at: Type.String(),
  day: Type.String(),
});

const Month = Type.Object({
  status: StringEnum(STATUSES as unknown as readonly ["met", "at_risk", "missed", "not_yet_due", "no_data"]),
  counted: Type.Number(),
  required: Type.Number(),
  evidence: Type.Array(Evidence),
});

export const ComplianceResponseSchema = Type.Object({
  year: Type.Integer(),
  now: Type.String(),
  scope: Type.String(),
  lines: Type.Array(
    Type.Object({
      obligation: Type.Object({
        id: Type.String(),
        title: Type.String(),
        kind: Type.String(),
        section: Type.Optional(Type.String()),
        owner: Type.Optional(Type.String()),
      }),
      outlet: Nullable(Type.String()),
      unit: Type.String(),
      months: Type.Array(Nullable(Month), { minItems: 12, maxItems: 12 }),
    }),
  ),
});
