// `presswatch analyze` carries the misinformation signals of every analysed line, as the pipeline
// indexes them: {score, reasons}, from the shipped claims and credibility files or the given ones.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const BIN = new URL("../../../bin/presswatch.js", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "presswatch-analyze-signals-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], input: string) {
  const result = spawnSync(process.execPath, [BIN, "analyze", ...args], {
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const rumour = {
  title: "Khẩn cấp: Đập thủy điện Thượng Kon Tum đã vỡ, người dân hạ du sơ tán ngay",
  lead: "Nhiều tài khoản chia sẻ tin đập thủy điện Thượng Kon Tum bị vỡ trong đêm.",
  body:
    "Theo các bài đăng lan truyền sáng nay, đập thủy điện Thượng Kon Tum đã vỡ, nước đang đổ về các xã " +
    "ven sông Đăk Bla, bà con vùng hạ du phải sơ tán ngay trong đêm. Người đăng kêu gọi chia sẻ gấp để " +
    "mọi người kịp chạy lũ.",
  url: "https://tinnong24h.example/khan-cap-vo-dap-thuong-kon-tum",
};
const festival = {
  title: "Măng Đen đón hơn 20 nghìn lượt khách dịp nghỉ lễ",
  lead: "Dịp nghỉ lễ 30/4 - 1/5, khu du lịch Măng Đen, huyện Kon Plông đón lượng khách kỷ lục.",
  body:
    "Sở Văn hóa, Thể thao và Du lịch tỉnh Kon Tum cho biết các homestay tại Măng Đen kín phòng, nhiều " +
    "hoạt động trình diễn cồng chiêng, ẩm thực được tổ chức phục vụ du khách.",
  outlet: "vov",
};
const input = [JSON.stringify(rumour), "{broken", JSON.stringify(festival)].join("\n");

type Line = { line: number; error?: string; misinformation?: { score: number; reasons: string[] } };
const parse = (stdout: string): Line[] =>
  stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Line);

// Each run starts node with tsx and compiles the plan and the registry: slow on a busy machine.
describe("presswatch analyze: misinformation signals", { timeout: 90_000 }, () => {
  it("gives every analysed line {score, reasons}, high for a registered rumour, the same on every run", () => {
    const first = run([], input);
    expect(first.code).toBe(0);
    const lines = parse(first.stdout);
    expect(lines.map((line) => line.line)).toEqual([1, 2, 3]);
    expect(lines[1]).toEqual({ line: 2, error: expect.stringMatching(/invalid JSON/) });
    for (const line of [lines[0]!, lines[2]!]) {
      expect(Object.keys(line.misinformation!).sort()).toEqual(["reasons", "score"]);
      expect(line.misinformation!.score).toBeGreaterThanOrEqual(0);
      expect(line.misinformation!.score).toBeLessThanOrEqual(1);
      expect(line.misinformation!.reasons.every((reason) => typeof reason === "string")).toBe(true);
    }
    const [spread, , calm] = lines;
    expect(spread!.misinformation!.score).toBeGreaterThanOrEqual(0.8);
    expect(spread!.misinformation!.reasons).toContainEqual(
      expect.stringMatching(/^claim \(\+[\d.]+\): repeats registered claim dam-break-alarm/),
    );
    expect(spread!.misinformation!.reasons).toContainEqual(expect.stringMatching(/is unreliable/));
    expect(calm!.misinformation!.score).toBeLessThan(0.2);
    expect(calm!.misinformation!.reasons).toContainEqual(expect.stringMatching(/source vov is partner/));

    // Stable: the same input gives byte-identical output.
    expect(run([], input).stdout).toBe(first.stdout);
  });

  it("reads the registry and credibility lists given, and refuses a broken registry", () => {
    const empty = join(dir, "no-claims");
    mkdirSync(empty);
    const credibility = join(dir, "credibility.yaml");
    writeFileSync(credibility, "partner: []\nofficial: []\nunreliable: []\n");
    const { code, stdout } = run(["--claims", empty, "--credibility", credibility], JSON.stringify(rumour));
    expect(code).toBe(0);
    const [line] = parse(stdout);
    // Without the registry and the unreliable list, only the writing style is left as evidence.
    expect(line!.misinformation!.reasons.some((reason) => reason.startsWith("claim "))).toBe(false);
    expect(line!.misinformation!.reasons).toContainEqual(expect.stringMatching(/is unknown/));
    expect(line!.misinformation!.score).toBeLessThan(0.8);

    const broken = join(dir, "broken-claims");
    mkdirSync(broken);
    writeFileSync(join(broken, "vo-dap.yaml"), "id: vo-dap\ntitle: Tin đồn vỡ đập\n");
    const refused = run(["--claims", broken], JSON.stringify(rumour));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cannot load the misinformation signals: .*vo-dap\.yaml/);
    expect(refused.stdout).toBe("");
  });
});
