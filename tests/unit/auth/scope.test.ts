import { describe, expect, it } from "vitest";
import { accountProblems } from "../../../src/auth/accounts.ts";
import { generateApiKey, hashApiKey, looksLikeApiKey } from "../../../src/auth/apiKeys.ts";
import { articleVisible, scopeFilters } from "../../../src/auth/scope.ts";
import type { SearchFilters } from "../../../src/store/types.ts";

const agency = { role: "agency" as const, agency: "svhttdl" };
const coordinator = { role: "coordinator" as const, agency: null };

describe("the agency scope", () => {
  it("restricts an agency user's filters to their agency", () => {
    const filters: SearchFilters = { theme: ["tourism"] };
    expect(scopeFilters(agency, filters)).toEqual({
      ok: true,
      value: { theme: ["tourism"], agency: ["svhttdl"] },
    });
    expect(scopeFilters(agency, { agency: ["skhdt", "svhttdl"] })).toEqual({
      ok: true,
      value: { agency: ["svhttdl"] },
    });
  });

  it("refuses an agency user's filter on other agencies only", () => {
    expect(scopeFilters(agency, { agency: ["skhdt"] })).toEqual({
      ok: false,
      message: "role agency is restricted to agency svhttdl",
    });
    expect(scopeFilters({ role: "agency", agency: null }, {}).ok).toBe(false);
  });

  it("leaves other roles' filters alone", () => {
    expect(scopeFilters(coordinator, { agency: ["skhdt"] })).toEqual({
      ok: true,
      value: { agency: ["skhdt"] },
    });
  });

  it("shows an agency user only articles naming their agency", () => {
    expect(articleVisible(agency, { agencies: ["snnptnt", "svhttdl"] })).toBe(true);
    expect(articleVisible(agency, { agencies: ["skhdt"] })).toBe(false);
    expect(articleVisible(agency, { agencies: [] })).toBe(false);
    expect(articleVisible(coordinator, { agencies: [] })).toBe(true);
  });
});

describe("API keys", () => {
  it("are 32 random bytes after pw_, stored as their sha256", () => {
    const a = generateApiKey();
    const b = generateApiKey();
    expect(a.key).toMatch(/^pw_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.key.slice(3), "base64url")).toHaveLength(32);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toBe(hashApiKey(a.key));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hint).toBe(a.key.slice(0, 7));
    expect(looksLikeApiKey(a.key)).toBe(true);
    expect(looksLikeApiKey(`${a.key}x`)).toBe(false);
    expect(looksLikeApiKey("pwt1.abc.def")).toBe(false);
  });
});

describe("account rules", () => {
  it("name each problem's field", () => {
    expect(accountProblems({ username: "ok-user", password: "một mật khẩu đủ dài", role: "viewer" })).toEqual(
      [],
    );
    expect(accountProblems({ username: "Bad Name", password: "short", role: "boss", agency: "X!" })).toEqual([
      { field: "username", message: "must be 3-64 lower-case letters, digits, '.', '_' or '-'" },
      { field: "role", message: "must be one of: admin, coordinator, agency, viewer" },
      { field: "agency", message: "must be an agency id (lower-case letters, digits, '.', '_' or '-')" },
      { field: "password", message: "must be at least 12 characters" },
    ]);
    expect(accountProblems({ username: "so-abc", password: "một mật khẩu đủ dài", role: "agency" })).toEqual([
      { field: "agency", message: "is required for role agency" },
    ]);
  });
});
