import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "../../../src/auth/tokens.ts";

const SECRET = "a session secret of at least thirty-two characters";
const NOW = Date.UTC(2024, 2, 31, 8);

describe("session tokens", () => {
  it("verify with the same secret before expiry", () => {
    const { token, claims } = signToken("coordinator", SECRET, 3600, NOW);
    expect(token).toMatch(/^pwt1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(claims).toEqual({ sub: "coordinator", iat: NOW / 1000, exp: NOW / 1000 + 3600 });
    expect(verifyToken(token, SECRET, NOW + 3_599_000)).toEqual({ ok: true, claims });
  });

  it("expire", () => {
    const { token } = signToken("coordinator", SECRET, 3600, NOW);
    expect(verifyToken(token, SECRET, NOW + 3_600_000)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuse another secret and any change to the claims", () => {
    const { token } = signToken("viewer", SECRET, 3600, NOW);
    expect(verifyToken(token, `${SECRET}!`, NOW)).toEqual({ ok: false, reason: "bad_signature" });
    const [version, , signature] = token.split(".");
    const forged = Buffer.from(
      JSON.stringify({ sub: "admin", iat: NOW / 1000, exp: NOW / 1000 + 3600 }),
    ).toString("base64url");
    expect(verifyToken(`${version}.${forged}.${signature}`, SECRET, NOW)).toEqual({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("refuse malformed tokens", () => {
    for (const token of ["", "pwt1", "pwt1..", "pwt2.a.b", "a.b.c.d", "pwt1.e30.x"]) {
      expect(verifyToken(token, SECRET, NOW).ok).toBe(false);
    }
  });
});
