/**
 * Checks that relate one part of a plan to another: ids that must be unique or must exist, the
 * two-way theme ownership, dates inside the plan year, names that would make two entities
 * indistinguishable in text. Runs on a plan whose shape schema.ts has already accepted.
 */
import { foldDiacritics } from "../text/normalize.ts";
import { formatPath, type IssuePath } from "./problems.ts";
import { type Obligation, type Plan, REQUIRED_THEME_IDS } from "./schema.ts";

export interface PlanIssue {
  path: IssuePath;
  message: string;
}

// The frequency each kind of obligation is checked at; a mismatch is almost always a copy-paste slip.
const FREQUENCY_OF_KIND: Record<Obligation["kind"], Obligation["frequency"]> = {
  column: "monthly",
  contract: "per_contract",
  campaign_day: "on_date",
  report: "once",
};

export function findPlanInconsistencies(plan: Plan): PlanIssue[] {
  const issues: PlanIssue[] = [];
  const report = (path: IssuePath, message: string) => issues.push({ path, message });

  const themeIds = indexIds("themes", plan.themes, report);
  const agencyIds = indexIds("agencies", plan.agencies, report);
  const districtIds = indexIds("districts", plan.districts, report);
  indexIds("places", plan.places, report);
  const outletIds = indexIds("outlets", plan.outlets, report);
  indexIds("obligations", plan.obligations, report);

  const mustExist = (ids: Set<string>, what: string) => (value: string | undefined, path: IssuePath) => {
    if (value !== undefined && !ids.has(value)) report(path, `unknown ${what} "${value}"`);
  };
  const theme = mustExist(themeIds, "theme");
  const agency = mustExist(agencyIds, "agency");
  const district = mustExist(districtIds, "district");
  const outlet = mustExist(outletIds, "outlet");

  for (const required of REQUIRED_THEME_IDS) {
    if (!themeIds.has(required)) report(["themes"], `the theme "${required}" is required in every plan`);
  }

  checkThemes(plan, agency, report);
  checkAgencies(plan, theme, agency, district, report);
  plan.places.forEach((place, i) => {
    district(place.district, ["places", i, "district"]);
  });
  checkOutlets(plan, agency, report);
  checkObligations(plan, { theme, agency, outlet }, report);
  checkNamesAreDistinct(plan, report);
  return issues;
}

type Report = (path: IssuePath, message: string) => void;
type MustExist = (value: string | undefined, path: IssuePath) => void;

function indexIds(list: string, items: Array<{ id: string }>, report: Report): Set<string> {
  const firstIndex = new Map<string, number>();
  items.forEach((item, i) => {
    const first = firstIndex.get(item.id);
    if (first === undefined) firstIndex.set(item.id, i);
    else report([list, i, "id"], `duplicate id "${item.id}" (first used at ${list}[${first}])`);
  });
  return new Set(firstIndex.keys());
}

function checkThemes(plan: Plan, agency: MustExist, report: Report): void {
  // A term listed under two themes adds the same weight to both and so tells them apart by nothing.
  const termOwner = new Map<string, string>();
  plan.themes.forEach((theme, t) => {
    theme.owners.forEach((owner, o) => {
      agency(owner, ["themes", t, "owners", o]);
      const owningAgency = plan.agencies.find((a) => a.id === owner);
      if (owningAgency && !owningAgency.owns.includes(theme.id)) {
        report(["themes", t, "owners", o], `agency "${owner}" does not list theme "${theme.id}" in its owns`);
      }
    });
    theme.terms.forEach((term, i) => {
      const key = term.text.toLocaleLowerCase("vi");
      const seenIn = termOwner.get(key);
      if (seenIn === theme.id) report(["themes", t, "terms", i], `term "${term.text}" is listed twice`);
      else if (seenIn)
        report(["themes", t, "terms", i], `term "${term.text}" is also a term of theme "${seenIn}"`);
      else termOwner.set(key, theme.id);
    });
  });
}

function checkAgencies(plan: Plan, theme: MustExist, agency: MustExist, district: MustExist, report: Report) {
  const coordinators = plan.agencies.filter((a) => a.kind === "coordinator");
  if (coordinators.length !== 1) {
    report(["agencies"], `a plan has exactly one coordinator agency, found ${coordinators.length}`);
  }
  plan.agencies.forEach((a, i) => {
    a.owns.forEach((themeId, o) => {
      theme(themeId, ["agencies", i, "owns", o]);
      const owned = plan.themes.find((t) => t.id === themeId);
      if (owned && !owned.owners.includes(a.id)) {
        report(
          ["agencies", i, "owns", o],
          `theme "${themeId}" does not list agency "${a.id}" among its owners`,
        );
      }
    });
    a.members?.forEach((member, m) => {
      agency(member, ["agencies", i, "members", m]);
      if (member === a.id) report(["agencies", i, "members", m], "an agency cannot be its own member");
    });
    district(a.district, ["agencies", i, "district"]);
  });
}

function checkOutlets(plan: Plan, agency: MustExist, report: Report): void {
  const domainOwner = new Map<string, number>();
  plan.outlets.forEach((outlet, i) => {
    agency(outlet.agency, ["outlets", i, "agency"]);
    outlet.domains.forEach((domain, d) => {
      const first = domainOwner.get(domain);
      if (first === undefined) domainOwner.set(domain, i);
      else report(["outlets", i, "domains", d], `domain "${domain}" already belongs to outlets[${first}]`);
    });
  });
}

function checkObligations(
  plan: Plan,
  exists: { theme: MustExist; agency: MustExist; outlet: MustExist },
  report: Report,
): void {
  plan.obligations.forEach((ob, i) => {
    const at = (...rest: IssuePath): IssuePath => ["obligations", i, ...rest];
    ob.outlets.forEach((o, k) => {
      exists.outlet(o, at("outlets", k));
    });
    ob.themes.forEach((t, k) => {
      exists.theme(t, at("themes", k));
    });
    exists.agency(ob.owner, at("owner"));
    ob.partners.forEach((p, k) => {
      exists.agency(p, at("partners", k));
      if (p === ob.owner) report(at("partners", k), `"${p}" is the owner; a partner is another agency`);
    });
    checkObligationTiming(ob, plan.year, at, report);
  });
}

/** Frequency fits the kind, each frequency has what it needs, and every date is in the plan year. */
function checkObligationTiming(
  ob: Obligation,
  year: number,
  at: (...rest: IssuePath) => IssuePath,
  report: Report,
): void {
  const expected = FREQUENCY_OF_KIND[ob.kind];
  if (ob.frequency !== expected) {
    report(at("frequency"), `a ${ob.kind} obligation has frequency "${expected}", not "${ob.frequency}"`);
  }
  if (ob.frequency === "on_date" && !ob.dates?.length && !ob.period) {
    report(at(), "an on_date obligation needs dates or a period");
  }
  if (ob.frequency === "once" && !ob.due) report(at(), "a once obligation needs a due date");
  if (ob.frequency === "monthly" && ob.min_count === undefined) {
    report(at(), "a monthly obligation needs min_count (items per month)");
  }

  const inYear = (value: string, path: IssuePath) => {
    if (!value.startsWith(`${year}-`)) report(path, `date ${value} is outside the plan year ${year}`);
  };
  ob.dates?.forEach((d, k) => {
    inYear(d, at("dates", k));
  });
  if (ob.due) inYear(ob.due, at("due"));
  if (ob.period) {
    inYear(ob.period.from, at("period", "from"));
    inYear(ob.period.to, at("period", "to"));
    if (ob.period.from > ob.period.to) {
      report(at("period", "to"), `the period ends (${ob.period.to}) before it starts (${ob.period.from})`);
    }
  }
}

/**
 * Names, abbreviations and aliases are what text is matched against, without diacritics. Two
 * entities of one list that share a name could not be told apart in an article, so that is an
 * error; spelling variants of one entity that fold to the same letters are fine.
 */
function checkNamesAreDistinct(plan: Plan, report: Report): void {
  const agencyNames = plan.agencies.map((a, i) => ({
    path: ["agencies", i] as IssuePath,
    names: [
      { field: "name", values: [a.name] },
      { field: "abbreviations", values: a.abbreviations },
      { field: "aliases", values: a.aliases },
    ],
  }));
  const outletNames = plan.outlets.map((o, i) => ({
    path: ["outlets", i] as IssuePath,
    names: [
      { field: "name", values: [o.name] },
      { field: "aliases", values: o.aliases },
    ],
  }));
  // Districts and places share one namespace: a place may not be spelled like a district.
  const geographyNames = [
    ...plan.districts.map((d, i) => ({ path: ["districts", i] as IssuePath, item: d })),
    ...plan.places.map((p, i) => ({ path: ["places", i] as IssuePath, item: p })),
  ].map(({ path, item }) => ({
    path,
    names: [
      { field: "name", values: [item.name] },
      { field: "aliases", values: item.aliases },
    ],
  }));
  for (const group of [agencyNames, outletNames, geographyNames]) checkGroup(group, report);
}

type NamedEntity = { path: IssuePath; names: Array<{ field: string; values: string[] }> };

function checkGroup(entities: NamedEntity[], report: Report): void {
  const seen = new Map<string, { entity: number; exact: string }>();
  entities.forEach((entity, e) => {
    for (const { field, values } of entity.names) {
      values.forEach((value, v) => {
        const path = field === "name" ? [...entity.path, field] : [...entity.path, field, v];
        const key = foldDiacritics(value).replace(/\s+/g, " ").trim();
        const exact = value.toLocaleLowerCase("vi");
        const first = seen.get(key);
        if (!first) seen.set(key, { entity: e, exact });
        else if (first.entity !== e) {
          report(path, `"${value}" also names ${formatPath(entities[first.entity]?.path ?? [])}`);
        } else if (first.exact === exact) report(path, `"${value}" is listed twice`);
      });
    }
  });
}
