import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkClaim, checkClaimText, SignalConfigError } from "../../../src/signals/claims.ts";
import { checkClaimsDir, loadClaims } from "../../../src/signals/load.ts";

const valid = `id: test-claim
title: Tin đồn thử
claim: Một tin đồn để thử.
verdict: false
correction:
  url: https://example.org/cai-chinh
key_terms:
  - [Măng Đen, Kon Plông]
  - thu hồi
phrasings:
  - Nhà nước thu hồi đất Măng Đen.
`;

describe("the shipped claim registry", () => {
  it("loads every claim, each marked as an example with a correction link and phrasings", async () => {
    const claims = await loadClaims("config/claims");
    expect(claims.length).toBeGreaterThanOrEqual(5);
    expect(claims.length).toBeLessThanOrEqual(8);
    for (const claim of claims) {
      expect(claim.example, claim.id).toBe(true);
      expect(claim.correction.url).toMatch(/^https:\/\//);
      expect(claim.phrasings.length).toBeGreaterThanOrEqual(3);
      expect(claim.key_terms.every((entry) => entry.length >= 1)).toBe(true);
    }
    expect(new Set(claims.map((claim) => claim.id)).size).toBe(claims.length);
  });
});

describe("checkClaimText", () => {
  it("reads a bare YAML false as the verdict 'false' and single key terms as one-entry lists", () => {
    const result = checkClaimText(valid, "x.yaml");
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.claim.verdict).toBe("false");
    expect(result.claim.key_terms).toEqual([["Măng Đen", "Kon Plông"], ["thu hồi"]]);
    expect(result.claim.example).toBe(false);
  });

  it("reports a bad value with its file, line and path", () => {
    const source = valid.replace("https://example.org/cai-chinh", "not a url");
    const result = checkClaimText(source, "bad.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: "bad.yaml",
        line: 6,
        path: "correction.url",
        message: "must be an http(s) URL",
      }),
    ]);
  });

  it("reports a missing field, and a stray key where it was written", () => {
    const source = valid
      .replace(/phrasings:\n.*\n/, "")
      .replace("verdict: false", "verdict: false\nverdikt: x");
    const result = checkClaimText(source, "bad.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "phrasings", message: "required field is missing" }),
        expect.objectContaining({ path: "verdikt", line: 5, message: "unknown field" }),
      ]),
    );
  });

  it("reports YAML syntax errors with a position", () => {
    const result = checkClaimText("id: [unclosed\n", "broken.yaml");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toMatch(/^YAML syntax/);
    expect(result.problems[0]?.line).toBeGreaterThanOrEqual(1);
  });

  it("checks API input the same way, normalising tone placement", () => {
    const result = checkClaim({
      id: "api-claim",
      title: "Hoà bình",
      claim: "x",
      verdict: "misleading",
      correction: { url: "https://example.org" },
      key_terms: ["hoà"],
      phrasings: ["hoà"],
    });
    expect(result.ok && result.claim.title).toBe("Hòa bình");
    expect(checkClaim({ id: "Bad Id" }).ok).toBe(false);
  });
});

describe("a claims directory", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "claims-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("refuses two files with the same claim id, naming both", async () => {
    await writeFile(join(dir, "a.yaml"), valid);
    await writeFile(join(dir, "b.yaml"), valid);
    const result = await checkClaimsDir(dir);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toContain(join(dir, "a.yaml"));
    await expect(loadClaims(dir)).rejects.toBeInstanceOf(SignalConfigError);
  });

  it("is an empty registry when the directory does not exist", async () => {
    expect(await loadClaims(join(dir, "missing"))).toEqual([]);
  });
});
