/** Bodies and responses of the watchlist routes (the shapes of src/store/watchlists.ts). */
import { type Static, Type } from "@sinclair/typebox";
import { Nullable } from "./alerts.ts";

const Spec = Type.Object(
  {
    text: Type.Optional(
      Type.String({ description: 'words (all), "phrases", -excluded; diacritics optional' }),
    ),
    themes: Type.Optional(Type.Array(Type.String())),
    agencies: Type.Optional(Type.Array(Type.String())),
    outlets: Type.Optional(Type.Array(Type.String())),
    outlet_kinds: Type.Optional(Type.Array(Type.String())),
    districts: Type.Optional(Type.Array(Type.String())),
    tone: Type.Optional(Type.Array(Type.String())),
    min_misinformation: Type.Optional(Type.Number()),
  },
  { description: "every part given must hold; values within a part are alternatives" },
);

export const WatchlistSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  owner: Type.String(),
  agency: Nullable(Type.String()),
  spec: Spec,
  created_at: Type.String(),
});

export const CreateWatchlistBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    // Checked by the store's schema, so each problem is named with its path.
    spec: Type.Record(Type.String(), Type.Unknown()),
    agency: Type.Optional(
      Nullable(Type.String({ maxLength: 64, description: "route its alerts to this agency" })),
    ),
  },
  { additionalProperties: false },
);
export type CreateWatchlistBody = Static<typeof CreateWatchlistBody>;

export const WatchlistParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export type WatchlistParams = Static<typeof WatchlistParams>;

export const WatchlistListResponse = Type.Object({ watchlists: Type.Array(WatchlistSchema) });
export const WatchlistResponse = Type.Object({ watchlist: WatchlistSchema });

export const UpdateWatchlistBody = CreateWatchlistBody;
export type UpdateWatchlistBody = CreateWatchlistBody;

const Day = Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "a day in Vietnam, YYYY-MM-DD" });

export const TryWatchlistBody = Type.Object(
  {
    spec: Type.Record(Type.String(), Type.Unknown()),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  },
  { additionalProperties: false },
);
export type TryWatchlistBody = Static<typeof TryWatchlistBody>;

export const TryWatchlistResponse = Type.Object({
  total: Type.Integer({ description: "stored articles the query matches" }),
  articles: Type.Array(
    Type.Object({
      id: Type.String(),
      title: Type.String(),
      outlet: Type.String(),
      url: Type.String(),
      published_at: Nullable(Type.String()),
      primary_theme: Nullable(Type.String()),
      agencies: Type.Array(Type.String()),
      tone: Type.Object({ label: Type.String() }),
    }),
  ),
});
