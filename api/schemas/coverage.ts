/** Query parameters and response of the coverage routes. */
import { type Static, Type } from "@sinclair/typebox";
import { filterProperties } from "./articles.ts";
import { DateText, StringEnum } from "./common.ts";

export const PERIODS = ["day", "week", "month"] as const;
export const DIMENSIONS = ["theme", "outlet", "agency", "outlet_kind"] as const;
/** At most this many periods per request, so one request cannot ask for years of daily cells. */
export const MAX_PERIODS = { day: 400, week: 260, month: 120 } as const;

export const CoverageQuery = Type.Object(
  {
    period: Type.Optional(StringEnum(PERIODS, { default: "month" })),
    from: Type.Optional(DateText),
    to: Type.Optional(DateText),
    by: Type.Optional(
      Type.Array(StringEnum(DIMENSIONS), {
        maxItems: 3,
        uniqueItems: true,
        description: "breakdown dimensions in order (default theme); repeat or separate with commas",
      }),
    ),
    ...filterProperties,
  },
  { additionalProperties: false },
);
export type CoverageQuery = Static<typeof CoverageQuery>;

export const CoverageResponseSchema = Type.Object({
  period: Type.String(),
  from: Type.String(),
  to: Type.String(),
  rows: Type.Array(
    Type.Object({
      period: Type.String(),
      theme: Type.Optional(Type.String()),
      outlet: Type.Optional(Type.String()),
      agency: Type.Optional(Type.String()),
      outlet_kind: Type.Optional(Type.String()),
      raw: Type.Integer(),
      unique_stories: Type.Integer(),
      share_of_voice: Type.Number(),
      change: Type.Union([Type.Integer(), Type.Null()]),
    }),
  ),
  totals: Type.Array(
    Type.Object({ period: Type.String(), raw: Type.Integer(), unique_stories: Type.Integer() }),
  ),
});
