/**
 * Checks that relate a contract to the plan and to itself: outlets, themes and agencies that must
 * exist in the plan, the plan obligation it fulfils, dates in order, amendments that change only
 * what exists at their date. Runs on a contract whose shape schema.ts has already accepted.
 */
import type { IssuePath } from "../plan/problems.ts";
import type { Plan } from "../plan/schema.ts";
import type { Contract } from "./schema.ts";

export interface ContractIssue {
  path: IssuePath;
  message: string;
}

export function findContractInconsistencies(contract: Contract, plan: Plan): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const report = (path: IssuePath, message: string) => issues.push({ path, message });
  const themes = new Set(plan.themes.map((t) => t.id));
  const agencies = new Set(plan.agencies.map((a) => a.id));
  const outlets = new Set(plan.outlets.map((o) => o.id));
  const mustExist = (ids: Set<string>, what: string) => (value: string | undefined, path: IssuePath) => {
    if (value !== undefined && !ids.has(value)) report(path, `unknown ${what} "${value}" (not in the plan)`);
  };
  const theme = mustExist(themes, "theme");
  const agency = mustExist(agencies, "agency");
  const outlet = mustExist(outlets, "outlet");

  agency(contract.signed_by, ["signed_by"]);
  contract.co_signers.forEach((value, i) => {
    agency(value, ["co_signers", i]);
  });
  contract.outlets.forEach((value, i) => {
    outlet(value, ["outlets", i]);
  });
  contract.themes.forEach((value, i) => {
    theme(value, ["themes", i]);
  });

  if (contract.obligation !== undefined) {
    const obligation = plan.obligations.find((o) => o.id === contract.obligation);
    if (!obligation) report(["obligation"], `unknown plan obligation "${contract.obligation}"`);
    else if (obligation.kind !== "contract") {
      report(["obligation"], `plan obligation "${obligation.id}" is a ${obligation.kind}, not a contract`);
    } else {
      contract.outlets.forEach((value, i) => {
        if (outlets.has(value) && !obligation.outlets.includes(value)) {
          report(
            ["outlets", i],
            `outlet "${value}" is not among the outlets of plan obligation "${obligation.id}" (${obligation.outlets.join(", ")})`,
          );
        }
      });
    }
  }

  const { from, to } = contract.period;
  if (to < from) report(["period", "to"], `the contract ends (${to}) before it starts (${from})`);

  const current = new Set<string>();
  contract.deliverables.forEach((deliverable, d) => {
    if (current.has(deliverable.id))
      report(["deliverables", d, "id"], `duplicate deliverable id "${deliverable.id}"`);
    current.add(deliverable.id);
    deliverable.themes.forEach((value, i) => {
      theme(value, ["deliverables", d, "themes", i]);
    });
  });

  // Amendments apply in date order; each may only change or remove what exists on its date.
  const amendmentIds = new Set<string>();
  let previousEffective = from;
  let end = to;
  contract.amendments.forEach((amendment, a) => {
    const at = (...rest: IssuePath) => ["amendments", a, ...rest];
    if (amendmentIds.has(amendment.id)) report(at("id"), `duplicate amendment id "${amendment.id}"`);
    amendmentIds.add(amendment.id);
    if (amendment.effective <= previousEffective) {
      report(
        at("effective"),
        a === 0
          ? `an amendment takes effect after the contract starts (${from})`
          : `amendments are listed in date order: this one takes effect on or before the previous one (${previousEffective})`,
      );
    }
    if (amendment.effective > end) {
      report(at("effective"), `takes effect (${amendment.effective}) after the contract ends (${end})`);
    }
    if (amendment.ends !== undefined) {
      if (amendment.ends < amendment.effective) {
        report(at("ends"), `the contract would end (${amendment.ends}) before the amendment takes effect`);
      } else end = amendment.ends;
    }
    amendment.remove.forEach((value, i) => {
      if (!current.has(value)) report(at("remove", i), `no deliverable "${value}" to remove at this date`);
      current.delete(value);
    });
    amendment.deliverables.forEach((patch, p) => {
      patch.themes?.forEach((value, i) => {
        theme(value, at("deliverables", p, "themes", i));
      });
      if (!current.has(patch.id)) {
        const missing = (["kind", "count", "per"] as const).filter((field) => patch[field] === undefined);
        if (missing.length > 0) {
          report(
            at("deliverables", p),
            `new deliverable "${patch.id}" needs ${missing.join(", ")} (only existing deliverables may be patched)`,
          );
        }
        current.add(patch.id);
      }
    });
    previousEffective = amendment.effective;
  });
  return issues;
}
