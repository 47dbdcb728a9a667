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
