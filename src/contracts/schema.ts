/**
 * The shape of a press contract file (config/contracts/*.yaml): who publishes what, how often, on
 * which themes, for how long, and the amendments that change those terms from a given date. The
 * plan names the contracts (III.1, III.5a, III.7b) but gives no quantities; the quantities are data
 * entered from each signed contract. Checks that relate a contract to the plan (outlets, themes,
 * agencies that must exist) live in consistency.ts.
 */
import { z } from "zod";
import { isCalendarDate } from "../plan/schema.ts";

// ---------------------------------------------------------------------------------------------
// Public types.

/** What kind of item a deliverable is; "article" accepts any text piece, columns included. */
export type DeliverableKind = "article" | "column" | "video" | "infographic";
/** The period a deliverable's count applies to; "total" is the whole contract term. */
export type DeliverablePer = "month" | "quarter" | "year" | "total";
/** How an article is recognised as belonging to a deliverable or a column. */
export type Recognition = "title_marker" | "section" | "theme";

export const DELIVERABLE_KINDS = ["article", "column", "video", "infographic"] as const;
export const DELIVERABLE_PERS = ["month", "quarter", "year", "total"] as const;
export const RECOGNITIONS = ["title_marker", "section", "theme"] as const;

export interface Deliverable {
  id: string;
  title?: string;
  kind: DeliverableKind;
  count: number;
  per: DeliverablePer;
  /** Plan theme ids; empty means the contract's own themes (or any theme when it has none). */
  themes: string[];
  min_words?: number;
  /** The item must name the province (its name or an alias, or the terms in `mention_terms`). */
  must_mention_province: boolean;
  mention_terms: string[];
  /** The item must be published on one of the outlet's own domains (from the plan). */
  own_site: boolean;
  /** A copy of another outlet's piece counts (syndication the contract pays for). */
  allow_reprints: boolean;
  /** Each of the contract's outlets owes the count (true), or all of them together (false). */
  each_outlet: boolean;
  title_markers: string[];
  sections: string[];
  recognize_by: Recognition[];
}

/** An amendment's change to one deliverable: the fields it sets; a new id needs kind, count, per. */
export type DeliverablePatch = Partial<Omit<Deliverable, "id">> & { id: string };

export interface Amendment {
  id: string;
  title: string;
  number?: string;
  signed_on?: string;
  /** The first day the amended terms apply (YYYY-MM-DD, in the plan's time zone). */
  effective: string;
  /** A new last day of the contract. */
  ends?: string;
  deliverables: DeliverablePatch[];
  /** Deliverables that end the day before `effective`. */
  remove: string[];
  note?: string;
}

export interface Contract {
  id: string;
  /** Shipped examples carry made-up quantities: the plan gives none. */
  example: boolean;
  title: string;
  number?: string;
  /** The plan obligation this contract fulfils (`contract_ttxvn`…). */
  obligation?: string;
  signed_on?: string;
  /** The agency that signed for the province (Sở TT&TT, Sở KH&ĐT…). */
  signed_by: string;
  co_signers: string[];
  outlets: string[];
  themes: string[];
  period: { from: string; to: string };
  deliverables: Deliverable[];
  amendments: Amendment[];
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Building blocks (the same conventions as the plan file).

const text = z.string().trim().min(1, { error: "must not be empty" });
const textList = z.array(text).default([]);
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: "an id is lower-case ASCII letters, digits and _, starting with a letter",
});
const idList = z.array(id).default([]);
const date = z.string().refine(isCalendarDate, { error: "not a real date in the form YYYY-MM-DD" });
const count = z.number().int().positive();

const deliverableFields = {
  title: text.optional(),
  kind: z.enum(DELIVERABLE_KINDS),
  count,
  per: z.enum(DELIVERABLE_PERS),
  themes: idList,
  min_words: z.number().int().positive().optional(),
  must_mention_province: z.boolean().default(false),
  mention_terms: textList,
  own_site: z.boolean().default(false),
  allow_reprints: z.boolean().default(false),
  each_outlet: z.boolean().default(false),
  title_markers: textList,
  sections: textList,
  recognize_by: z.array(z.enum(RECOGNITIONS)).min(1).default(["title_marker", "section", "theme"]),
};

const deliverableSchema = z.strictObject({ id, ...deliverableFields });

// A patch names only what changes; defaults are not applied, or they would undo earlier terms.
const patchSchema = z.strictObject({
  id,
  title: text.optional(),
  kind: z.enum(DELIVERABLE_KINDS).optional(),
  count: count.optional(),
  per: z.enum(DELIVERABLE_PERS).optional(),
  themes: z.array(id).optional(),
  min_words: z.number().int().positive().optional(),
  must_mention_province: z.boolean().optional(),
  mention_terms: z.array(text).optional(),
  own_site: z.boolean().optional(),
  allow_reprints: z.boolean().optional(),
  each_outlet: z.boolean().optional(),
  title_markers: z.array(text).optional(),
  sections: z.array(text).optional(),
  recognize_by: z.array(z.enum(RECOGNITIONS)).min(1).optional(),
});

const amendmentSchema = z.strictObject({
  id,
  title: text,
  number: text.optional(),
  signed_on: date.optional(),
  effective: date,
  ends: date.optional(),
  deliverables: z.array(patchSchema).default([]),
  remove: idList,
  note: text.optional(),
});

const contractShape = z.strictObject({
  id,
  example: z.boolean().default(false),
  title: text,
  number: text.optional(),
  obligation: id.optional(),
  signed_on: date.optional(),
  signed_by: id,
  co_signers: idList,
  outlets: z.array(id).min(1, { error: "a contract needs at least one outlet" }),
  themes: idList,
  period: z.strictObject({ from: date, to: date }),
  deliverables: z.array(deliverableSchema).min(1, { error: "a contract needs at least one deliverable" }),
  amendments: z.array(amendmentSchema).default([]),
  note: text.optional(),
});

/** One contract file holds one contract. */
export const contractSchema: z.ZodType<Contract> = contractShape;
