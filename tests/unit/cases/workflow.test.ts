import { beforeAll, describe, expect, it } from "vitest";
import { suggestAgency } from "../../../src/cases/agency.ts";
import { compareSpread } from "../../../src/cases/spread.ts";
import {
  applyCaseAction,
  CASE_TRANSITIONS,
  CaseValidationError,
  createCase,
  InvalidTransitionError,
  VersionConflictError,
} from "../../../src/cases/workflow.ts";
import { CASE_STATUSES, type CaseAction, type CaseActor, type CaseRecord } from "../../../src/model/case.ts";
import { loadPlan } from "../../../src/plan/load.ts";
import type { Plan } from "../../../src/plan/schema.ts";

const coordinator: CaseActor = { id: "u1", username: "dieuphoi", role: "coordinator", agency: null };
const agencyUser: CaseActor = { id: "u2", username: "stnmt.lan", role: "agency", agency: "stnmt" };
const t = (minutes: number) => new Date(Date.UTC(2024, 5, 6, 2, minutes));

function opened(): CaseRecord {
  return createCase(
    {
      id: "c1",
      title: "Tin đồn vỡ đập thủy điện",
      alert_ids: ["rumour-1"],
      article_ids: ["a1", "a2"],
      themes: ["economy"],
    },
    coordinator,
    t(0),
  );
}

/** Applies actions in order, each with the version the previous one produced. */
function run(record: CaseRecord, steps: Array<[CaseAction, CaseActor]>): CaseRecord {
  return steps.reduce(
    (current, [action, actor], i) => applyCaseAction(current, action, actor, current.version, t(i + 1)),
    record,
  );
}

describe("the transition table", () => {
  it("allows exactly new → verifying → responding → resolved, and dismissal before responding", () => {
    const allowed = CASE_STATUSES.flatMap((from) => CASE_TRANSITIONS[from].map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        "new→verifying",
        "new→dismissed",
        "verifying→responding",
        "verifying→dismissed",
        "responding→resolved",
      ].sort(),
    );
  });

  it.each(
    CASE_STATUSES.flatMap((from) =>
      CASE_STATUSES.filter((to) => !CASE_TRANSITIONS[from].includes(to)).map((to) => [from, to] as const),
    ),
  )("refuses %s → %s with an error naming the allowed moves", (from, to) => {
    const record = { ...opened(), status: from };
    let error: unknown;
    try {
      applyCaseAction(record, { type: "transition", to, note: "x" }, coordinator, record.version, t(1));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidTransitionError);
    const message = (error as Error).message;
    expect(message).toContain(`case c1 cannot move from "${from}" to "${to}"`);
    if (CASE_TRANSITIONS[from].length)
      for (const next of CASE_TRANSITIONS[from]) expect(message).toContain(`"${next}"`);
    else expect(message).toContain("is final");
  });
});

describe("applyCaseAction", () => {
  it("follows a case to its official response and records every step in the timeline", () => {
    const done = run(opened(), [
      [{ type: "transition", to: "verifying", note: "checking with Sở Công Thương" }, coordinator],
      [{ type: "assign", agency: "sct" }, coordinator],
      [{ type: "note", text: "Chủ đầu tư xác nhận đập an toàn" }, coordinator],
      [{ type: "transition", to: "responding" }, coordinator],
      [{ type: "link_article", article_id: "a3" }, agencyUser],
      [{ type: "set_response", url: "https://kontum.gov.vn/cai-chinh" }, agencyUser],
      [{ type: "transition", to: "resolved", note: "thông cáo đã đăng" }, coordinator],
    ]);
    expect(done).toMatchObject({
      status: "resolved",
      version: 8,
      agency: "sct",
      response_url: "https://kontum.gov.vn/cai-chinh",
      article_ids: ["a1", "a2", "a3"],
    });
    expect(
      done.timeline.map((entry) => [entry.seq, entry.action, entry.actor.username, entry.detail]),
    ).toEqual([
      [1, "create", "dieuphoi", 'opened "Tin đồn vỡ đập thủy điện" from alerts rumour-1 and 2 articles'],
      [2, "transition", "dieuphoi", "new → verifying: checking with Sở Công Thương"],
      [3, "assign", "dieuphoi", "assigned to sct"],
      [4, "note", "dieuphoi", "Chủ đầu tư xác nhận đập an toàn"],
      [5, "transition", "dieuphoi", "verifying → responding"],
      [6, "link_article", "stnmt.lan", "linked article a3"],
      [7, "set_response", "stnmt.lan", "official response https://kontum.gov.vn/cai-chinh"],
      [8, "transition", "dieuphoi", "responding → resolved: thông cáo đã đăng"],
    ]);
    // One entry per version, in time order.
    expect(done.timeline.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(done.timeline.every((entry, i, all) => i === 0 || entry.at >= all[i - 1]!.at)).toBe(true);
  });

  it("refuses a stale version without changing anything", () => {
    const record = run(opened(), [[{ type: "note", text: "first" }, coordinator]]);
    expect(() => applyCaseAction(record, { type: "note", text: "late" }, agencyUser, 1, t(5))).toThrow(
      VersionConflictError,
    );
    expect(() => applyCaseAction(record, { type: "note", text: "late" }, agencyUser, 1, t(5))).toThrow(
      "case c1 is at version 2, not 1: it was changed by someone else; reload it and try again",
    );
    expect(record.timeline).toHaveLength(2);
  });

  it("asks for what each step needs: a reason to dismiss, an agency to respond, a link to resolve", () => {
    const record = opened();
    expect(() =>
      applyCaseAction(record, { type: "transition", to: "dismissed" }, coordinator, 1, t(1)),
    ).toThrow(/dismissing needs a reason/);
    const verifying = run(record, [[{ type: "transition", to: "verifying" }, coordinator]]);
    expect(() =>
      applyCaseAction(verifying, { type: "transition", to: "responding" }, coordinator, 2, t(2)),
    ).toThrow(/assign a responsible agency/);
    const responding = run(verifying, [
      [{ type: "assign", agency: "sct" }, coordinator],
      [{ type: "transition", to: "responding" }, coordinator],
    ]);
    expect(() =>
      applyCaseAction(responding, { type: "transition", to: "resolved" }, coordinator, 4, t(4)),
    ).toThrow(/set the official response link/);
    expect(() =>
      applyCaseAction(responding, { type: "set_response", url: "javascript:alert(1)" }, coordinator, 4, t(4)),
    ).toThrow(CaseValidationError);
    const dismissed = run(opened(), [
      [{ type: "transition", to: "dismissed", note: "tin cũ, đã xử lý" }, coordinator],
    ]);
    expect(() => applyCaseAction(dismissed, { type: "assign", agency: "sct" }, coordinator, 2, t(3))).toThrow(
      /is dismissed: cannot reassign a closed case/,
    );
  });
});

describe("suggestAgency", () => {
  let plan: Plan;
  beforeAll(async () => {
    plan = await loadPlan("config/plans/kon-tum-2024.yaml");
  });

  it("prefers the claim's agency, then a theme owner named in the articles, then the first owner", () => {
    expect(suggestAgency(plan, { themes: ["economy"], claimAgencies: ["bqlkkt"] })).toEqual({
      agency: "bqlkkt",
      reason: "named by the registered claim",
    });
    expect(suggestAgency(plan, { themes: ["economy"], agencies: ["sct"] })?.agency).toBe("sct");
    expect(suggestAgency(plan, { themes: ["tourism"] })).toEqual({
      agency: "svhttdl",
      reason: "owns theme tourism in the plan",
    });
  });

  it("falls back to the coordinator when no theme has an owner", () => {
    expect(suggestAgency(plan, { themes: ["no-such-theme"], claimAgencies: ["not-an-agency"] })?.agency).toBe(
      "stttt",
    );
  });
});

describe("compareSpread", () => {
  it("counts rumour and correction articles and outlets, before and after the response", () => {
    const result = compareSpread(
      [
        { id: "a", outlet: "p1", at: "2024-06-06T02:05:00Z", stance: "asserts" },
        { id: "b", outlet: "p2", at: "2024-06-06T02:40:00Z", stance: "asserts" },
        { id: "c", outlet: "p2", at: "2024-06-06T03:10:00Z", stance: "asserts" },
        { id: "d", outlet: "vov", at: "2024-06-06T03:20:00Z", stance: "refutes" },
      ],
      "2024-06-06T03:00:00Z",
    );
    expect(result.rumour).toEqual({ articles: 3, outlets: 2, after_response: 1 });
    expect(result.correction).toEqual({ articles: 1, outlets: 1 });
    expect(result.reach_ratio).toBe(0.5);
    expect(result.hourly).toEqual([
      { hour: "2024-06-06T02:00Z", rumour: 2, correction: 0 },
      { hour: "2024-06-06T03:00Z", rumour: 1, correction: 1 },
    ]);
  });
});
