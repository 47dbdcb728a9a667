/** Query parameters and responses of the article routes. */
import { type Static, Type } from "@sinclair/typebox";
import { DateText, Id, List, StringEnum } from "./common.ts";

export const OUTLET_KINDS = [
  "central_partner",
  "economic_partner",
  "provincial_press",
  "portal",
  "other",
] as const;
export const TONES = ["negative", "neutral", "positive"] as const;
export const SORTS = ["relevance", "newest", "oldest"] as const;
export const MAX_PAGE_SIZE = 200;
/** The engine's max_result_window: deeper pages use the `after` cursor. */
export const MAX_OFFSET_WINDOW = 10_000;

export const filterProperties = {
  theme: Type.Optional(List(Id, "theme ids")),
  agency: Type.Optional(List(Id, "agency ids")),
  outlet: Type.Optional(List(Id, "outlet ids")),
  outlet_kind: Type.Optional(List(StringEnum(OUTLET_KINDS), "outlet kinds")),
  district: Type.Optional(List(Id, "district ids")),
  tone: Type.Optional(List(StringEnum(TONES), "tones")),
  has_misinformation: Type.Optional(
    Type.Boolean({ description: "only (true) or no (false) flagged articles" }),
  ),
};

/** Parameters that take lists: the comma-splitting hook needs their names. */
export const LIST_PARAMETERS = ["theme", "agency", "outlet", "outlet_kind", "district", "tone", "by"];

const textAndDates = {
  q: Type.Optional(
    Type.String({
      maxLength: 500,
      description:
        'full text, with or without diacritics; "quoted phrase", -excluded, a | b; never a raw query_string',
    }),
  ),
  from: Type.Optional(DateText),
  to: Type.Optional(DateText),
  sort: Type.Optional(StringEnum(SORTS, { default: "relevance" })),
};

export const SearchQuery = Type.Object(
  {
    ...textAndDates,
    ...filterProperties,
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })),
    offset: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_OFFSET_WINDOW,
        description: "offset paging for the first pages",
      }),
    ),
    after: Type.Optional(
      Type.String({
        maxLength: 2000,
        pattern: "^[A-Za-z0-9_-]+$",
        description: "cursor from the previous page's `next`, for deep pages",
      }),
    ),
    facets: Type.Optional(Type.Boolean({ default: false })),
    highlight: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

export const ExportQuery = Type.Object(
  { ...textAndDates, ...filterProperties },
  { additionalProperties: false },
);
export type ExportQuery = Static<typeof ExportQuery>;

export const ArticleParams = Type.Object(
  { id: Type.String({ pattern: "^[A-Za-z0-9_-]{1,128}$" }) },
  { additionalProperties: false },
);
export type ArticleParams = Static<typeof ArticleParams>;

const Article = Type.Object({ id: Type.String() }, { additionalProperties: true });

export const SearchResponseSchema = Type.Object({
  total: Type.Integer(),
  hits: Type.Array(
    Type.Object({
      id: Type.String(),
      score: Type.Union([Type.Number(), Type.Null()]),
      article: Article,
      highlight: Type.Object({}, { additionalProperties: Type.Array(Type.String()) }),
    }),
  ),
  next: Type.Optional(Type.String()),
  facets: Type.Optional(
    Type.Object(
      {},
      { additionalProperties: Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() })) },
    ),
  ),
});

const Correction = Type.Object({ article_id: Type.String() }, { additionalProperties: true });

export const ArticleResponse = Type.Object({
  article: Article,
  /** The coordinators' correction in force, when there is one. */
  correction: Type.Optional(Type.Union([Correction, Type.Null()])),
});

export const CorrectionBody = Type.Object(
  {
    themes: Type.Optional(
      Type.Array(Id, {
        minItems: 1,
        maxItems: 9,
        description: "every theme of the article, the primary first",
      }),
    ),
    tone: Type.Optional(StringEnum(TONES)),
    agency: Type.Optional(
      Type.Union([Id, Type.Null()], { description: "the responsible agency, or null for none" }),
    ),
    relevant: Type.Optional(
      Type.Boolean({ description: "whether the article is about the plan's province" }),
    ),
    note: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type CorrectionBody = Static<typeof CorrectionBody>;
