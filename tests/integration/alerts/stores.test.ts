/**
 * Alerts, cases and watchlists on the real OpenSearch node, each test file with its own prefix.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { suggestAgency } from "../../../src/cases/agency.ts";
import { createCase, InvalidTransitionError, VersionConflictError } from "../../../src/cases/workflow.ts";
import { spikeAlert, watchlistAlert } from "../../../src/detect/alerts.ts";
import type { CaseActor } from "../../../src/model/case.ts";
import { loadPlan } from "../../../src/plan/load.ts";
import { createAlertStore } from "../../../src/store/alerts.ts";
import { createCaseStore } from "../../../src/store/cases.ts";
import { createSearchClient } from "../../../src/store/client.ts";
import { createWatchlistStore, type PercolatedArticle } from "../../../src/store/watchlists.ts";
import { services, uniqueName } from "../../helpers/isolation.ts";

const prefix = uniqueName("alerts");
const client = createSearchClient({ url: services().openSearchUrl });
const alerts = createAlertStore(client, { prefix });
const cases = createCaseStore(client, { prefix });
const watchlists = createWatchlistStore(client, { prefix });
const coordinator: CaseActor = { id: "u1", username: "dieuphoi", role: "coordinator", agency: null };
const now = new Date("2024-06-06T02:30:00Z");

beforeAll(async () => {
  await Promise.all([alerts.ensureReady(), cases.ensureReady(), watchlists.ensureReady()]);
  // Twice: every process calls it at start.
  await Promise.all([alerts.ensureReady(), cases.ensureReady(), watchlists.ensureReady()]);
});

afterAll(async () => {
  await client.indices.delete({ index: `${prefix}-*` }, { ignore: [404] });
  await client.close();
});

describe("the alert store", () => {
  const scope = { dimension: "agency" as const, value: "stnmt", measure: "flagged" as const };
  const evaluation = {
    bucket: now.getTime(),
    count: 4,
    expected: 0.1,
    sd: 0.3,
    z: 5,
    score: 4,
    alert: true,
    ids: ["a1"],
  };

  it("stores an alert once however often it is raised, and lists it for its agency only", async () => {
    const alert = spikeAlert(scope, evaluation, now);
    expect(await alerts.put(alert, { refresh: true })).toEqual({ created: true });
    expect(await alerts.put({ ...alert, title: "again" }, { refresh: true })).toEqual({ created: false });
    expect((await alerts.get(alert.id))?.title).toBe(alert.title);
    expect((await alerts.list({ agency: "stnmt", size: 10 })).map((a) => a.id)).toEqual([alert.id]);
    expect(await alerts.list({ agency: "svhttdl", size: 10 })).toEqual([]);
  });

  it("acknowledges an open alert once, keeping who and when", async () => {
    const alert = spikeAlert({ ...scope, value: "sct" }, evaluation, now);
    await alerts.put(alert);
    const acknowledged = await alerts.acknowledge(alert.id, "dieuphoi", new Date("2024-06-06T03:00:00Z"));
    expect(acknowledged).toMatchObject({
      state: "acknowledged",
      acknowledged_at: "2024-06-06T03:00:00.000Z",
    });
    const again = await alerts.acknowledge(alert.id, "someone-else", new Date("2024-06-06T04:00:00Z"));
    expect(again.acknowledged_at).toBe("2024-06-06T03:00:00.000Z");
    await expect(alerts.acknowledge("no-such-alert", "x")).rejects.toThrow(/no alert no-such-alert/);
  });
});

describe("the case store", () => {
  it("creates a case from an alert with the plan's suggestion and follows it to resolution", async () => {
    const plan = await loadPlan("config/plans/kon-tum-2024.yaml");
    const suggestion = suggestAgency(plan, { themes: ["economy"], claimAgencies: ["bqlkkt"] });
    const record = createCase(
      {
        id: "case-1",
        title: "Tin đồn đóng cửa khẩu Bờ Y",
        alert_ids: ["rumour-x"],
        themes: ["economy"],
        suggested_agency: suggestion,
      },
      coordinator,
      now,
    );
    await cases.create(record);
    await expect(cases.create(record)).rejects.toThrow(/already exists/);
    let current = await cases.apply("case-1", { type: "transition", to: "verifying" }, coordinator, 1, now);
    current = await cases.apply(
      "case-1",
      { type: "assign", agency: suggestion!.agency },
      coordinator,
      current.version,
      now,
    );
    current = await cases.apply(
      "case-1",
      { type: "transition", to: "responding" },
      coordinator,
      current.version,
      now,
    );
    current = await cases.apply(
      "case-1",
      { type: "set_response", url: "https://bqlkkt-kontum.example/bo-y-hoat-dong-binh-thuong" },
      coordinator,
      current.version,
      now,
    );
    current = await cases.apply(
      "case-1",
      { type: "transition", to: "resolved" },
      coordinator,
      current.version,
      now,
    );
    const stored = await cases.get("case-1");
    expect(stored).toEqual(current);
    expect(stored?.status).toBe("resolved");
    expect(stored?.agency).toBe("bqlkkt");
    expect(stored?.timeline.map((entry) => entry.action)).toEqual([
      "create",
      "transition",
      "assign",
      "transition",
      "set_response",
      "transition",
    ]);
    expect((await cases.list({ agency: "bqlkkt", size: 10 })).map((c) => c.id)).toEqual(["case-1"]);
  });

  it("refuses an invalid transition and a stale version, storing nothing", async () => {
    await cases.create(createCase({ id: "case-2", title: "Tin đồn dịch bệnh ở Đăk Glei" }, coordinator, now));
    await expect(
      cases.apply("case-2", { type: "transition", to: "resolved" }, coordinator, 1, now),
    ).rejects.toBeInstanceOf(InvalidTransitionError);
    await cases.apply("case-2", { type: "note", text: "đã liên hệ Trung tâm Y tế" }, coordinator, 1, now);
    await expect(
      cases.apply("case-2", { type: "note", text: "late" }, coordinator, 1, now),
    ).rejects.toBeInstanceOf(VersionConflictError);
    const stored = await cases.get("case-2");
    expect(stored?.version).toBe(2);
    expect(stored?.timeline).toHaveLength(2);
  });

  it("lets only one of two writers who saw the same version succeed", async () => {
    await cases.create(createCase({ id: "case-3", title: "Hai người sửa cùng lúc" }, coordinator, now));
    const results = await Promise.allSettled([
      cases.apply("case-3", { type: "note", text: "writer A" }, coordinator, 1, now),
      cases.apply("case-3", { type: "note", text: "writer B" }, coordinator, 1, now),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(VersionConflictError);
    expect((await cases.get("case-3"))?.timeline).toHaveLength(2);
  });
});

describe("the watchlist store (percolator)", () => {
  const article = (id: string, overrides: Partial<PercolatedArticle> = {}): PercolatedArticle => ({
    id,
    title: "Phát hiện sâm Ngọc Linh giả bán trên mạng",
    lead: "",
    body: "Lực lượng quản lý thị trường tỉnh Kon Tum thu giữ 20 kg củ tam thất giả sâm Ngọc Linh.",
    outlet: "bao_kon_tum",
    outlet_kind: "provincial_press",
    themes: [{ id: "agriculture", score: 0.9 }],
    agencies: ["snnptnt"],
    districts: ["tu_mo_rong"],
    tone: { label: "negative", score: 0.8 },
    misinformation: { score: 0.1, reasons: [] },
    ...overrides,
  });

  it("matches each article of a batch to the saved queries it satisfies, with or without diacritics", async () => {
    await watchlists.putMany([
      {
        id: "w-sam",
        name: "Sâm Ngọc Linh",
        owner: "dieuphoi",
        agency: "snnptnt",
        spec: { text: "sam ngoc linh" },
        created_at: now.toISOString(),
      },
      {
        id: "w-neg-agri",
        name: "Tiêu cực nông nghiệp",
        owner: "dieuphoi",
        agency: null,
        spec: { themes: ["agriculture"], tone: ["negative"] },
        created_at: now.toISOString(),
      },
      {
        id: "w-flagged",
        name: "Nghi tin giả",
        owner: "dieuphoi",
        agency: null,
        spec: { min_misinformation: 0.5 },
        created_at: now.toISOString(),
      },
      {
        id: "w-bo-y",
        name: "Bờ Y",
        owner: "dieuphoi",
        agency: "bqlkkt",
        spec: { text: '"Bờ Y"' },
        created_at: now.toISOString(),
      },
    ]);
    const matches = await watchlists.percolate([
      article("a1"),
      article("a2", {
        title: "Cửa khẩu Bờ Y đóng cửa vô thời hạn",
        body: "Tin lan truyền trên mạng.",
        themes: [{ id: "economy", score: 1 }],
        tone: { label: "neutral", score: 0 },
        misinformation: { score: 0.8, reasons: [] },
      }),
      article("a3", {
        title: "Lễ hội",
        body: "Khai mạc lễ hội du lịch.",
        themes: [{ id: "tourism", score: 1 }],
        tone: { label: "positive", score: 1 },
      }),
    ]);
    const ids = matches.map((m) => [m.article_id, m.watchlists.map((w) => w.id).sort()]);
    expect(ids).toEqual([
      ["a1", ["w-neg-agri", "w-sam"]],
      ["a2", ["w-bo-y", "w-flagged"]],
      ["a3", []],
    ]);
    const alert = watchlistAlert(matches[0]!.watchlists.find((w) => w.id === "w-sam")!, article("a1"), now);
    expect(alert).toMatchObject({
      kind: "watchlist",
      agencies: ["snnptnt"],
      evidence: { article_ids: ["a1"] },
    });
  });

  it("refuses an empty or malformed spec, and removes a watchlist", async () => {
    const base = { id: "w-bad", name: "x", owner: "x", agency: null, created_at: now.toISOString() };
    await expect(watchlists.put({ ...base, spec: {} })).rejects.toThrow(/at least one condition/);
    await expect(watchlists.put({ ...base, spec: { tone: ["angry"] } as never })).rejects.toThrow();
    expect(await watchlists.remove("w-sam")).toBe(true);
    expect(await watchlists.remove("w-sam")).toBe(false);
    expect((await watchlists.list()).map((w) => w.id)).not.toContain("w-sam");
  });
});
