/**
 * Bodies and responses of the routes that edit configuration entries (contracts, claims). The
 * entry itself is checked by its own schema in src/ (zod), which names the path of a bad value;
 * here only the envelope is described, so the two never disagree about what is valid.
 */
import { type Static, Type } from "@sinclair/typebox";
import { Nullable } from "./alerts.ts";

export const EntryParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 120, description: "the contract's or claim's id" }),
});
export type EntryParams = Static<typeof EntryParams>;

const Free = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const CreateEntryBody = Free(
  "the entry in the same shape as its YAML file under config/ (contracts: config/contracts, claims: config/claims)",
);
export type CreateEntryBody = Record<string, unknown>;

export const UpdateEntryBody = Type.Object(
  {
    version: Type.Integer({
      minimum: 1,
      description: "the version the change was made on; 409 when the entry changed since",
    }),
  },
  {
    additionalProperties: true,
    description: "the whole entry as in its file (the id may be left out), plus the version it was read at",
  },
);
export type UpdateEntryBody = { version: number } & Record<string, unknown>;

/** One entry and where it comes from: a file (read-only) or the API (versioned). */
function Entry(field: "contract" | "claim") {
  return Type.Object({
    id: Type.String(),
    source: Type.Union([Type.Literal("file"), Type.Literal("api")]),
    read_only: Type.Boolean({ description: "true for entries from files under config/: edit the file" }),
    version: Nullable(Type.Integer()),
    created_at: Nullable(Type.String()),
    created_by: Nullable(Type.String()),
    updated_at: Nullable(Type.String()),
    updated_by: Nullable(Type.String()),
    [field]: Free(`the ${field}, as checked (defaults filled in)`),
  });
}

export const ContractEntry = Entry("contract");
export const ContractListResponse = Type.Object({ contracts: Type.Array(ContractEntry) });
export const ClaimEntry = Entry("claim");
export const ClaimListResponse = Type.Object({ claims: Type.Array(ClaimEntry) });

export const ClaimMatchesResponse = Type.Object({
  stories: Type.Array(
    Type.Object({
      story_id: Type.String(),
      first_at: Nullable(Type.String()),
      articles: Type.Array(
        Type.Object({
          id: Type.String(),
          title: Type.String(),
          outlet: Type.String(),
          url: Type.String(),
          published_at: Nullable(Type.String()),
          stance: Type.String({ description: "asserts, refutes or hypothetical" }),
          score: Type.Number(),
        }),
      ),
    }),
  ),
});
