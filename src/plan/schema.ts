/**
 * The shape of a communication plan file (config/plans/*.yaml) and the types the rest of the system
 * codes against. This file checks each value on its own (types, formats, required fields); checks
 * that relate one part of the plan to another (ids that must exist, dates inside the plan year)
 * live in consistency.ts, which runs once this shape is known to hold.
 */
import { z } from "zod";

// ---------------------------------------------------------------------------------------------
// Public types. Other modules depend on these names and shapes; fields may be added, only as
// optional ones.

export type Term = { text: string; weight: number }; // YAML may give a bare string: weight 1

export interface Theme {
  id: string;
  name: string;
  name_en: string;
  section?: string;
  terms: Term[];
  owners: string[] /* agency ids */;
  description?: string;
}

export interface Agency {
  id: string;
  name: string;
  name_en?: string;
  kind: "coordinator" | "department" | "district" | "press" | "other";
  abbreviations: string[];
  aliases: string[];
  owns: string[] /* theme ids */;
  sections: string[];
  /** For a group named as one unit in the plan ("UBND các huyện, thành phố"): its member agency ids. */
  members?: string[];
  /** For a district's People's Committee: the district id. */
  district?: string;
  note?: string;
}

export interface District {
  id: string;
  name: string;
  aliases: string[];
}

export interface Place {
  id: string;
  name: string;
  aliases: string[];
  district?: string;
}

export interface Outlet {
  id: string;
  name: string;
  kind: "central_partner" | "economic_partner" | "provincial_press" | "portal" | "other";
  aliases: string[];
  domains: string[];
  /** The agency that runs or answers for this outlet (a department's own portal, the provincial paper). */
  agency?: string;
  section?: string;
}

/** A period of days, both ends included. */
export interface Period {
  from: string /* YYYY-MM-DD */;
  to: string /* YYYY-MM-DD */;
}

export interface Obligation {
  id: string;
  kind: "column" | "contract" | "campaign_day" | "report";
  title: string;
  section: string;
  outlets: string[];
  themes: string[];
  owner: string;
  partners: string[];
  frequency: "monthly" | "per_contract" | "on_date" | "once";
  min_count?: number;
  dates?: string[] /* YYYY-MM-DD */;
  /** The last day that counts as on time ("trước ngày 15/12" gives the 14th). */
  due?: string /* YYYY-MM-DD */;
  title_markers: string[];
  /** When the obligation applies, if narrower than the plan year (a campaign month). */
  period?: Period;
  note?: string;
}

export interface Plan {
  id: string;
  title: string;
  year: number;
  timezone: string;
  province: { name: string; aliases: string[] };
  districts: District[];
  places: Place[];
  official_titles: string[];
  themes: Theme[];
  agencies: Agency[];
  outlets: Outlet[];
  obligations: Obligation[];
  /** The source document: number, date, issuer. */
  source?: string;
}

/** Theme ids the classifier relies on in every plan: Party affairs, and the bucket for the rest. */
export const REQUIRED_THEME_IDS = ["politics", "other"] as const;

export const AGENCY_KINDS = ["coordinator", "department", "district", "press", "other"] as const;
export const OUTLET_KINDS = [
  "central_partner",
  "economic_partner",
  "provincial_press",
  "portal",
  "other",
] as const;
export const OBLIGATION_KINDS = ["column", "contract", "campaign_day", "report"] as const;
export const FREQUENCIES = ["monthly", "per_contract", "on_date", "once"] as const;

// ---------------------------------------------------------------------------------------------
// Building blocks.

const text = z.string().trim().min(1, { error: "must not be empty" });
const textList = z.array(text).default([]);

// Ids are written into stored documents and URLs, so they stay plain ASCII.
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, {
  error: "an id is lower-case ASCII letters, digits and _, starting with a letter",
});
const idList = z.array(id).default([]);

// A plan section as the plan numbers it: "II", "III.5", "III.5a", "III.5đ", "V.2".
const section = z.string().regex(/^(?:I|II|III|IV|V|VI|VII|VIII|IX|X)(?:\.\d{1,2}[a-zđ]?)?$/, {
  error: 'a plan section looks like "III.4" or "III.5a"',
});

/** True when the string is a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const date = z.string().refine(isCalendarDate, { error: "not a real date in the form YYYY-MM-DD" });

/** True when Intl knows the zone: the only list of IANA zones the runtime actually honours. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

// Weights rank how strongly a term signals its theme; 10 is a generous ceiling that still
// catches a typo such as 30 for 3.
const termSchema = z.union(
  [
    text.transform((value) => ({ text: value, weight: 1 })),
    z.strictObject({ text, weight: z.number().positive().max(10) }),
  ],
  { error: "a term is a string or { text, weight }" },
);

const themeSchema = z.strictObject({
  id,
  name: text,
  name_en: text,
  section: section.optional(),
  terms: z.array(termSchema).min(1, { error: "a theme needs at least one term" }),
  owners: idList,
  description: text.optional(),
});

const agencySchema = z.strictObject({
  id,
  name: text,
  name_en: text.optional(),
  kind: z.enum(AGENCY_KINDS),
  abbreviations: textList,
  aliases: textList,
  owns: idList,
  sections: z.array(section).default([]),
  members: z.array(id).optional(),
  district: id.optional(),
  note: text.optional(),
});

const districtSchema = z.strictObject({ id, name: text, aliases: textList });

const placeSchema = z.strictObject({ id, name: text, aliases: textList, district: id.optional() });

// A bare host name: operators paste URLs, and "https://" or a path here would never match a host.
const domain = z.string().regex(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/, {
  error: 'a domain is a lower-case host name such as "vov.vn", without scheme or path',
});

const outletSchema = z.strictObject({
  id,
  name: text,
  kind: z.enum(OUTLET_KINDS),
  aliases: textList,
  domains: z.array(domain).default([]),
  agency: id.optional(),
  section: section.optional(),
});

const periodSchema = z.strictObject({ from: date, to: date });

const obligationSchema = z.strictObject({
  id,
  kind: z.enum(OBLIGATION_KINDS),
  title: text,
  section,
  outlets: idList,
  themes: idList,
  owner: id,
  partners: idList,
  frequency: z.enum(FREQUENCIES),
  min_count: z.number().int().positive().optional(),
  dates: z.array(date).optional(),
  due: date.optional(),
  title_markers: textList,
  period: periodSchema.optional(),
  note: text.optional(),
});

const planShape = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]*$/, { error: 'a plan id is lower-case ASCII such as "kon-tum-2024"' }),
  title: text,
  year: z.number().int().min(2000).max(2100),
  timezone: z.string().refine(isTimeZone, { error: 'not an IANA time zone such as "Asia/Ho_Chi_Minh"' }),
  province: z.strictObject({ name: text, aliases: textList }),
  districts: z.array(districtSchema),
  places: z.array(placeSchema).default([]),
  official_titles: textList,
  themes: z.array(themeSchema).min(1),
  agencies: z.array(agencySchema).min(1),
  outlets: z.array(outletSchema),
  obligations: z.array(obligationSchema),
  source: text.optional(),
});

/** The structural schema of a plan file. Its declared type doubles as a compile-time check that
 * what it produces is a `Plan`. */
export const planSchema: z.ZodType<Plan> = planShape;
