// The registry of false claims through the API on the real node: the claim files listed read-only,
// claims entered and edited on the version read, bad bodies refused with a 400 naming the field,
// every write audited, and `loadAllClaims` (what the analysis reads) seeing files and entries alike.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClaims } from "../../../src/signals/load.ts";
import { loadAllClaims } from "../../../src/signals/registry.ts";
import { createClaimStore } from "../../../src/store/claims.ts";
import { addUser, bearer, login, startTestApi, type TestApi } from "./helpers.ts";

const CLAIMS_DIR = join(new URL("../../../", import.meta.url).pathname, "config/claims");
const fileClaims = await loadClaims(CLAIMS_DIR);

const CLAIM = {
  id: "ngoc-hoi-water-poisoned",
  title: "Tin đồn nước máy Ngọc Hồi bị nhiễm độc",
  claim: "Nước máy ở thị trấn Plei Kần bị nhiễm độc, người dân không được dùng để nấu ăn.",
  verdict: "false",
  correction: {
    url: "https://ngochoi.example/tin-tuc/nuoc-may-dam-bao-an-toan",
    summary: "Kết quả xét nghiệm cho thấy nước máy bảo đảm an toàn.",
  },
  key_terms: ["nước máy", ["nhiễm độc", "có độc", "ô nhiễm"]],
  phrasings: ["Nước máy Plei Kần nhiễm độc, đừng dùng nấu ăn."],
  themes: ["economy"],
};

let api: TestApi;
let admin: Record<string, string>;
let coordinator: Record<string, string>;
let viewer: Record<string, string>;

beforeAll(async () => {
  api = await startTestApi({ label: "api-claims" });
  const headers = async (name: string, role: "admin" | "coordinator" | "viewer") => {
    const user = await addUser(api, name, role);
    return bearer(await login(api, user.username, user.password));
  };
  admin = await headers("admin", "admin");
  coordinator = await headers("coordinator", "coordinator");
  viewer = await headers("viewer", "viewer");
});

afterAll(async () => {
  await api?.close();
});

describe("the claim registry through the API", () => {
  it("lists the claim files as read-only", async () => {
    const response = await api.app.inject({ url: "/api/claims", headers: viewer });
    expect(response.statusCode).toBe(200);
    const entries = response.json().claims as Array<{ id: string; source: string; read_only: boolean }>;
    expect(entries.map((e) => e.id).sort()).toEqual(fileClaims.map((c) => c.id).sort());
    expect(entries.every((e) => e.source === "file" && e.read_only)).toBe(true);
    const one = await api.app.inject({ url: `/api/claims/${fileClaims[0]!.id}`, headers: viewer });
    expect(one.json()).toMatchObject({ source: "file", version: null, claim: { id: fileClaims[0]!.id } });
  });

  it("enters a claim, reads it back with its defaults, and edits it on the version read", async () => {
    const created = await api.app.inject({
      method: "POST",
      url: "/api/claims",
      headers: coordinator,
      payload: CLAIM,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      id: CLAIM.id,
      source: "api",
      version: 1,
      created_by: "coordinator",
    });
    // A key term given as one phrase is stored as a list of one; defaults are filled in.
    expect(created.json().claim).toMatchObject({
      key_terms: [["nước máy"], ["nhiễm độc", "có độc", "ô nhiễm"]],
      example: false,
      places: [],
    });

    const updated = await api.app.inject({
      method: "PUT",
      url: `/api/claims/${CLAIM.id}`,
      headers: admin,
      payload: { ...CLAIM, verdict: "misleading", version: 1 },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({
      version: 2,
      updated_by: "admin",
      claim: { verdict: "misleading" },
    });

    const stale = await api.app.inject({
      method: "PUT",
      url: `/api/claims/${CLAIM.id}`,
      headers: coordinator,
      payload: { ...CLAIM, version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    const read = await api.app.inject({ url: `/api/claims/${CLAIM.id}`, headers: viewer });
    expect(read.json()).toMatchObject({ version: 2, claim: { verdict: "misleading" } });
    const listed = (await api.app.inject({ url: "/api/claims", headers: viewer })).json().claims;
    expect(listed).toHaveLength(fileClaims.length + 1);
  });

  it("refuses the id of a claim file or of an entered claim with 409, and keeps files read-only", async () => {
    const file = fileClaims[0]!;
    const clash = await api.app.inject({
      method: "POST",
      url: "/api/claims",
      headers: coordinator,
      payload: { ...CLAIM, id: file.id },
    });
    expect(clash.statusCode).toBe(409);
    const again = await api.app.inject({
      method: "POST",
      url: "/api/claims",
      headers: coordinator,
      payload: CLAIM,
    });
    expect(again.statusCode).toBe(409);
    const edit = await api.app.inject({
      method: "PUT",
      url: `/api/claims/${file.id}`,
      headers: admin,
      payload: { ...CLAIM, id: file.id, version: 1 },
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().message).toMatch(/read-only/);
    const missing = await api.app.inject({ url: "/api/claims/no-such-claim", headers: viewer });
    expect(missing.statusCode).toBe(404);
  });

  it.each([
    ["no key term", { key_terms: [] }, "key_terms", /at least one key term/],
    [
      "a correction that is not a web address",
      { correction: { url: "ftp://x.example/a" } },
      "correction.url",
      /http/,
    ],
    ["a verdict it does not know", { verdict: "true" }, "verdict", /.+/],
    ["a missing claim text", { claim: undefined }, "claim", /.+/],
    ["an unknown field", { severity: "high" }, "severity", /unknown field/],
    ["a theme the plan does not know", { themes: ["weather"] }, "themes[0]", /unknown theme "weather"/],
    ["an agency the plan does not know", { agency: "bo_y_te" }, "agency", /unknown agency "bo_y_te"/],
  ])("refuses %s with a 400 naming the field", async (_what, change, field, message) => {
    const payload = { ...CLAIM, id: "refused-claim", ...change };
    const response = await api.app.inject({
      method: "POST",
      url: "/api/claims",
      headers: coordinator,
      payload,
    });
    expect(response.statusCode, response.body).toBe(400);
    const body = response.json() as { message: string; fields: Array<{ field: string; message: string }> };
    expect(body.fields[0]?.field).toBe(field);
    expect(body.fields[0]?.message).toMatch(message);
    expect(body.message.startsWith(`${field} `)).toBe(true);
  });

  it("audits every write, refused ones included", async () => {
    await api.client.indices.refresh({ index: `${api.prefix}-audit*` });
    const entries = async (action: string) =>
      (await api.app.inject({ url: `/api/audit?action=${action}&size=200`, headers: admin })).json()
        .entries as Array<{
        outcome: string;
        target: string | null;
      }>;
    const creates = await entries("claims.create");
    expect(creates.filter((e) => e.outcome === "success").map((e) => e.target)).toEqual([CLAIM.id]);
    // Two id clashes and seven bad bodies.
    expect(creates.filter((e) => e.outcome === "rejected")).toHaveLength(9);
    const updates = await entries("claims.update");
    expect(updates.map((e) => e.outcome).sort()).toEqual(["rejected", "rejected", "success"]);
  });

  it("gives the analysis the files' claims and the entered ones through loadAllClaims", async () => {
    const all = await loadAllClaims(CLAIMS_DIR, createClaimStore(api.client, { prefix: api.prefix }));
    expect(all.map((c) => c.id).sort()).toEqual([...fileClaims.map((c) => c.id), CLAIM.id].sort());
    expect(all.find((c) => c.id === CLAIM.id)?.verdict).toBe("misleading");
  });
});
