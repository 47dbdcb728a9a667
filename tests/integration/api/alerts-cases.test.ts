// The alert and case endpoints on the real app and node: agency users see their own, the workflow
// refuses invalid moves with a clear error, stale versions get 409, the timeline records every
// step, the event stream delivers a new alert, and compliance answers by month.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCase } from "../../../src/cases/workflow.ts";
import { queueKeyPrefix } from "../../../src/config/env.ts";
import { spikeAlert } from "../../../src/detect/alerts.ts";
import { createBudgetStore, DEFAULT_BUDGET } from "../../../src/detect/budget.ts";
import type { Alert } from "../../../src/model/alert.ts";
import { type AlertStore, createAlertStore } from "../../../src/store/alerts.ts";
import { addUser, bearer, login, startTestApi, type TestApi } from "./helpers.ts";

let api: TestApi;
let alerts: AlertStore;
const tokens: Record<"coordinator" | "tourism" | "farming" | "viewer", string> = {
  coordinator: "",
  tourism: "",
  farming: "",
  viewer: "",
};

function spike(dimension: "theme" | "agency", value: string, minute: number): Alert {
  const bucket = Date.parse("2024-06-12T02:00:00Z") + minute * 60_000;
  return spikeAlert(
    { dimension, value, measure: "flagged" },
    {
      bucket,
      count: 6,
      expected: 0.5,
      sd: 0.8,
      z: 6.9,
      score: 8,
      alert: true,
      ids: [`a-${value}-${minute}`],
    },
    new Date(bucket + 15 * 60_000),
  );
}

const tourismAlert = spike("agency", "svhttdl", 0);
const farmingAlert = spike("theme", "agriculture", 15);
const farmingAgencyAlert = spike("agency", "snnptnt", 30);

async function call(token: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) {
  const response = await api.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
  return { status: response.statusCode, body: response.json() };
}

beforeAll(async () => {
  api = await startTestApi({ label: "api-cases", config: { alertStreamPollMs: 200 } });
  alerts = createAlertStore(api.client, { prefix: api.prefix });
  for (const alert of [tourismAlert, farmingAlert, farmingAgencyAlert])
    await alerts.put(alert, { refresh: true });
  const users = [
    ["coordinator", "coordinator", null],
    ["tourism", "agency", "svhttdl"],
    ["farming", "agency", "snnptnt"],
    ["viewer", "viewer", null],
  ] as const;
  for (const [name, role, agency] of users) {
    const { username, password } = await addUser(api, name, role, agency);
    tokens[name] = await login(api, username, password);
  }
});

afterAll(async () => {
  await api?.close();
});

describe("alerts", () => {
  it("lists all alerts to a coordinator and only its own to an agency user", async () => {
    const all = await call(tokens.coordinator, "GET", "/api/alerts");
    expect(all.body.alerts.map((a: Alert) => a.id).sort()).toEqual(
      [tourismAlert.id, farmingAlert.id, farmingAgencyAlert.id].sort(),
    );
    const own = await call(tokens.tourism, "GET", "/api/alerts");
    expect(own.body.alerts.map((a: Alert) => a.id)).toEqual([tourismAlert.id]);
    const hidden = await call(tokens.tourism, "GET", `/api/alerts/${farmingAlert.id}`);
    expect(hidden).toEqual({
      status: 404,
      body: { error: "not_found", message: `no alert ${farmingAlert.id}` },
    });
  });

  it("acknowledges an open alert once, records who did it, and audits it", async () => {
    const first = await call(tokens.tourism, "POST", `/api/alerts/${tourismAlert.id}/acknowledge`);
    expect(first.status).toBe(200);
    expect(first.body.alert.state).toBe("acknowledged");
    expect(first.body.alert.acknowledged_by).toBe("tourism");
    const again = await call(tokens.coordinator, "POST", `/api/alerts/${tourismAlert.id}/acknowledge`);
    expect(again.body.alert.acknowledged_by).toBe("tourism");
    await api.client.indices.refresh({ index: `${api.prefix}-audit*` });
    const audit = await api.app.inject({
      url: "/api/audit?action=alerts.acknowledge",
      headers: bearer(await adminToken()),
    });
    const entries = audit.json().entries as Array<{
      actor: { username: string };
      target: string;
      detail: string;
    }>;
    expect(entries.map((e) => [e.actor.username, e.target, e.detail]).sort()).toEqual(
      [
        ["coordinator", tourismAlert.id, "already acknowledged"],
        ["tourism", tourismAlert.id, "acknowledged"],
      ].sort(),
    );
  });

  it("shows each notification delivery and its last error on the alert", async () => {
    const record = {
      id: "delivery-1",
      rule: "tin-gia",
      channel: "webhook" as const,
      target: "https://hooks.example.vn/presswatch",
      state: "pending" as const,
      attempts: 2,
      last_error: "HTTP 503",
      updated_at: "2024-06-12T02:40:00.000Z",
      delivered_at: null,
    };
    expect(await alerts.recordNotification(farmingAlert.id, record)).toBe(true);
    const shown = await call(tokens.coordinator, "GET", `/api/alerts/${farmingAlert.id}`);
    expect(shown.body.alert.notifications).toEqual([record]);
  });

  it("keeps the alert budget an operator sets, where the alerts workers read it", async () => {
    const before = await call(tokens.viewer, "GET", "/api/alerts/budget");
    expect(before.status).toBe(200);
    expect(before.body).toEqual(DEFAULT_BUDGET);
    const budget = {
      default: { min_spacing_minutes: 240, daily_cap: 6 },
      scopes: { "theme:tourism:negative": { daily_cap: 1 } },
    };
    const set = await call(tokens.coordinator, "PUT", "/api/alerts/budget", budget);
    expect(set.status).toBe(200);
    expect((await call(tokens.viewer, "GET", "/api/alerts/budget")).body).toEqual(budget);
    // The store the workers read (the same Redis key) answers the same budget.
    expect(await createBudgetStore(api.deps.redis, queueKeyPrefix(api.prefix)).get()).toEqual(budget);
    const bad = await call(tokens.coordinator, "PUT", "/api/alerts/budget", {
      default: { min_spacing_minutes: 60, daily_cap: 1 },
      scopes: { town: { daily_cap: 1 } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("town");
    expect((await call(tokens.viewer, "PUT", "/api/alerts/budget", budget)).status).toBe(403);
  });

  it("rejects bad filters with the field named", async () => {
    const bad = await call(tokens.coordinator, "GET", "/api/alerts?from=2024-06-30&to=2024-06-01");
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain("to");
    const kind = await call(tokens.coordinator, "GET", "/api/alerts?kind=earthquake");
    expect(kind.status).toBe(400);
    expect(JSON.stringify(kind.body)).toContain("kind");
  });

  it("streams a new alert as a server-sent event", async () => {
    const base = await api.app.listen({ host: "127.0.0.1", port: 0 });
    const abort = new AbortController();
    const response = await fetch(`${base}/api/alerts/stream`, {
      headers: bearer(tokens.coordinator),
      signal: abort.signal,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const fresh = spike("theme", "tourism", 45);
    await alerts.put(fresh, { refresh: true });
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes(`id: ${fresh.id}`)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    abort.abort();
    const event = text.split("\n\n").find((block) => block.includes(`id: ${fresh.id}`))!;
    expect(event).toContain("event: alert");
    expect(JSON.parse(event.split("data: ")[1]!).kind).toBe("spike");
    // Alerts present before the stream opened are not replayed.
    expect(text).not.toContain(tourismAlert.id);
  });
});

let admin: string | null = null;
async function adminToken(): Promise<string> {
  if (!admin) {
    const { username, password } = await addUser(api, "quantri", "admin", null);
    admin = await login(api, username, password);
  }
  return admin;
}

describe("cases", () => {
  it("opens a case from an alert with the plan's agency suggested, and walks it to resolved", async () => {
    const created = await call(tokens.coordinator, "POST", "/api/cases", {
      title: "Tin giả về sâm Ngọc Linh",
      alert_ids: [farmingAlert.id, farmingAlert.id],
    });
    expect(created.status).toBe(201);
    const record = created.body.case;
    expect(record.status).toBe("new");
    expect(record.alert_ids).toEqual([farmingAlert.id]);
    expect(record.themes).toEqual(["agriculture"]);
    expect(record.suggested_agency.agency).toBe("snnptnt");
    expect(record.agency).toBeNull();

    const steps: object[] = [
      { type: "assign", agency: "snnptnt" },
      { type: "transition", to: "verifying" },
      { type: "note", text: "Đã đối chiếu với Trung tâm sâm Ngọc Linh" },
      { type: "transition", to: "responding" },
      { type: "set_response", url: "https://snnptnt.kontum.gov.vn/thong-bao-sam-gia" },
      { type: "transition", to: "resolved" },
    ];
    let version = record.version;
    for (const [i, action] of steps.entries()) {
      // The agency itself carries its case once assigned.
      const token = i === 0 ? tokens.coordinator : tokens.farming;
      const response = await call(token, "POST", `/api/cases/${record.id}/actions`, { version, action });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.case.version;
    }
    const final = await call(tokens.farming, "GET", `/api/cases/${record.id}`);
    expect(final.body.case.status).toBe("resolved");
    expect(final.body.case.response_url).toBe("https://snnptnt.kontum.gov.vn/thong-bao-sam-gia");
    const timeline = final.body.case.timeline as Array<{
      seq: number;
      action: string;
      actor: { username: string };
    }>;
    expect(timeline.map((t) => t.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(timeline.map((t) => t.action)).toEqual([
      "create",
      "assign",
      "transition",
      "note",
      "transition",
      "set_response",
      "transition",
    ]);
    expect(timeline.map((t) => t.actor.username)).toEqual([
      "coordinator",
      "coordinator",
      "farming",
      "farming",
      "farming",
      "farming",
      "farming",
    ]);
    // The alert now points to its case.
    const alert = await call(tokens.coordinator, "GET", `/api/alerts/${farmingAlert.id}`);
    expect(alert.body.alert.case_id).toBe(record.id);
  });

  it("refuses an invalid transition with the allowed moves, and a stale version with 409", async () => {
    const created = await call(tokens.coordinator, "POST", "/api/cases", {
      title: "Thông tin sai về dịch bệnh",
      alert_ids: [farmingAgencyAlert.id],
      agency: "snnptnt",
    });
    const id = created.body.case.id as string;
    const jump = await call(tokens.coordinator, "POST", `/api/cases/${id}/actions`, {
      version: 1,
      action: { type: "transition", to: "resolved" },
    });
    expect(jump.status).toBe(400);
    expect(jump.body.message).toBe(
      `case ${id} cannot move from "new" to "resolved": from "new" it can only move to "verifying" or "dismissed"`,
    );
    const moved = await call(tokens.coordinator, "POST", `/api/cases/${id}/actions`, {
      version: 1,
      action: { type: "transition", to: "verifying" },
    });
    expect(moved.status).toBe(200);
    const stale = await call(tokens.farming, "POST", `/api/cases/${id}/actions`, {
      version: 1,
      action: { type: "note", text: "ghi chú trên bản cũ" },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/is at version 2, not 1/);
    const unknownAgency = await call(tokens.coordinator, "POST", `/api/cases/${id}/actions`, {
      version: 2,
      action: { type: "assign", agency: "so-khong-ton-tai" },
    });
    expect(unknownAgency.status).toBe(400);
    expect(unknownAgency.body.message).toContain("so-khong-ton-tai");
    const record = await call(tokens.coordinator, "GET", `/api/cases/${id}`);
    expect(record.body.case.timeline.map((t: { action: string }) => t.action)).toEqual([
      "create",
      "transition",
    ]);
  });

  it("shows an agency user only its own cases, and refuses what its role may not do", async () => {
    const tourismCase = createCase(
      {
        id: "case-20240612-tourism",
        title: "Phản ánh về lễ hội",
        alert_ids: [tourismAlert.id],
        agency: "svhttdl",
      },
      { id: null, username: "seed", role: "coordinator", agency: null },
      new Date("2024-06-12T05:00:00Z"),
    );
    await api.deps.cases.create(tourismCase);
    const mine = await call(tokens.tourism, "GET", "/api/cases");
    expect(mine.body.cases.map((c: { id: string }) => c.id)).toEqual([tourismCase.id]);
    const farming = await call(tokens.farming, "GET", "/api/cases");
    expect(farming.body.cases.length).toBe(2);
    expect(farming.body.cases.every((c: { agency: string }) => c.agency === "snnptnt")).toBe(true);
    const other = await call(tokens.farming, "GET", `/api/cases/${tourismCase.id}`);
    expect(other.status).toBe(404);
    const filter = await call(tokens.farming, "GET", "/api/cases?agency=svhttdl");
    expect(filter.status).toBe(403);
    const reassign = await call(tokens.tourism, "POST", `/api/cases/${tourismCase.id}/actions`, {
      version: 1,
      action: { type: "assign", agency: "snnptnt" },
    });
    expect(reassign).toEqual({
      status: 403,
      body: { error: "forbidden", message: "role agency may not reassign a case" },
    });
    const open = await call(tokens.tourism, "POST", "/api/cases", {
      title: "x",
      alert_ids: [tourismAlert.id],
    });
    expect(open.status).toBe(403);
  });

  it("rejects case bodies with the field named", async () => {
    const noAlerts = await call(tokens.coordinator, "POST", "/api/cases", {
      title: "Thiếu cảnh báo",
      alert_ids: [],
    });
    expect(noAlerts.status).toBe(400);
    expect(JSON.stringify(noAlerts.body)).toContain("alert_ids");
    const ghost = await call(tokens.coordinator, "POST", "/api/cases", {
      title: "Ma",
      alert_ids: ["spike-khong-co"],
    });
    expect(ghost.status).toBe(400);
    expect(JSON.stringify(ghost.body)).toContain("no alert spike-khong-co");
    const badAction = await call(tokens.coordinator, "POST", "/api/cases/case-x/actions", {
      version: 1,
      action: { type: "teleport" },
    });
    expect(badAction.status).toBe(400);
  });
});

describe("compliance", () => {
  it("answers twelve months per obligation line, and confines an agency user to its agency", async () => {
    const plan = await call(tokens.viewer, "GET", "/api/contracts/compliance?year=2024");
    expect(plan.status).toBe(200);
    expect(plan.body.scope).toBe("plan");
    expect(plan.body.lines.length).toBeGreaterThan(0);
    for (const line of plan.body.lines) expect(line.months).toHaveLength(12);
    const own = await call(tokens.tourism, "GET", "/api/contracts/compliance?year=2024");
    expect(own.body.scope).toBe("agency:svhttdl");
    type Line = { obligation: { id: string; owner: string } };
    const planIds = new Set(plan.body.lines.map((line: Line) => line.obligation.id));
    const ownIds = own.body.lines.map((line: Line) => line.obligation.id);
    expect(ownIds.every((id: string) => planIds.has(id))).toBe(true);
    expect(own.body.lines.some((line: Line) => line.obligation.owner === "svhttdl")).toBe(true);
    expect(own.body.lines.length).toBeLessThan(plan.body.lines.length);
    const bad = await call(tokens.coordinator, "GET", "/api/contracts/compliance?scope=outlet:khong_co");
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain("outlet:khong_co");
  });
});
