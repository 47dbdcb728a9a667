import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "../../../src/auth/passwords.ts";

// A cheap cost for speed; the format and the checks are the same at any cost.
const CHEAP = { log2N: 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("verifies the right password and refuses others", async () => {
    const stored = await hashPassword("Mật khẩu của Sở 2024", CHEAP);
    expect(stored).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("Mật khẩu của Sở 2024", stored)).toBe(true);
    expect(await verifyPassword("Mật khẩu của Sở 2025", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts every hash", async () => {
    const [a, b] = await Promise.all([
      hashPassword("same password", CHEAP),
      hashPassword("same password", CHEAP),
    ]);
    expect(a).not.toBe(b);
  });

  it("treats NFC and NFD spellings of a Vietnamese password as the same", async () => {
    const stored = await hashPassword("Hòa bình".normalize("NFC"), CHEAP);
    expect(await verifyPassword("Hòa bình".normalize("NFD"), stored)).toBe(true);
  });

  it("uses the OWASP cost by default", async () => {
    expect(await hashPassword("x".repeat(12))).toMatch(/^scrypt\$15\$8\$3\$/);
  });

  it("refuses tampered or foreign hashes instead of throwing", async () => {
    const stored = await hashPassword("correct horse battery", CHEAP);
    const parts = stored.split("$");
    parts[5] = `${parts[5]!.slice(0, -2)}AA`;
    expect(await verifyPassword("correct horse battery", parts.join("$"))).toBe(false);
    expect(await verifyPassword("correct horse battery", "correct horse battery")).toBe(false);
    expect(await verifyPassword("x", "scrypt$40$8$1$c2FsdA$aGFzaA")).toBe(false);
    expect(await verifyPassword("x", "$2b$10$abcdefghijklmnopqrstuv")).toBe(false);
  });

  it("explains why a password is not acceptable", () => {
    expect(passwordProblem("ngắn")).toBe("must be at least 12 characters");
    expect(passwordProblem(" leading space here")).toBe("must not start or end with spaces");
    expect(passwordProblem("x".repeat(257))).toBe("must be at most 256 characters");
    expect(passwordProblem("đủ dài và ổn định")).toBeNull();
  });
});
