import { beforeAll, describe, expect, it } from "vitest";
import { loadPlan } from "../../../src/plan/load.ts";
import type { Plan } from "../../../src/plan/schema.ts";
import type { Claim } from "../../../src/signals/claims.ts";
import { credibilityLists, credibilityOf } from "../../../src/signals/credibility.ts";
import { loadClaims, loadCredibility } from "../../../src/signals/load.ts";
import { sensationalCues } from "../../../src/signals/sensational.ts";
import {
  type CompiledSignals,
  combine,
  compileSignals,
  misinformationSignals,
  SIGNAL_WEIGHTS,
  storedMisinformation,
} from "../../../src/signals/signals.ts";
import { prepareText } from "../../../src/signals/text.ts";

let plan: Plan;
let claims: Claim[];
let signals: CompiledSignals;
beforeAll(async () => {
  plan = await loadPlan("config/plans/kon-tum-2024.yaml");
  claims = await loadClaims("config/claims");
  signals = compileSignals({ claims, credibility: await loadCredibility("config/credibility.yaml"), plan });
});

describe("credibilityOf", () => {
  it("knows the plan's partners and portals by id, domain and subdomain", () => {
    expect(credibilityOf({ outlet: "vov" }, signals.credibility)).toBe("partner");
    expect(credibilityOf({ url: "https://m.baokontum.com.vn/a" }, signals.credibility)).toBe("partner");
    expect(credibilityOf({ url: "https://www.kontum.gov.vn/tin" }, signals.credibility)).toBe("official");
    expect(credibilityOf({ outlet: "ttdt_stnmt" }, signals.credibility)).toBe("official");
  });

  it("lets an explicit unreliable listing win and falls back to the outlet kind, then unknown", () => {
    const lists = credibilityLists({ partner: [], official: [], unreliable: ["vov.vn"] }, plan);
    expect(credibilityOf({ outlet: "x", url: "https://vov.vn/a" }, lists)).toBe("unreliable");
    expect(credibilityOf({ outlet: "x", outlet_kind: "portal" }, lists)).toBe("official");
    expect(
      credibilityOf({ outlet: "some-blog", outlet_kind: "other", url: "https://blog.example/a" }, lists),
    ).toBe("unknown");
    expect(credibilityOf({ url: "not a url" }, lists)).toBe("unknown");
  });
});

describe("sensationalCues", () => {
  const cues = (title: string, body: string) =>
    sensationalCues({ title, body }, prepareText(`${title}\n${body}`)).map((cue) => cue.kind);

  it("finds a title tag, capitals, a call to share and an unverified source", () => {
    expect(cues("NÓNG: ĐẬP THỦY ĐIỆN ĐÃ VỠ", "Nghe nói nước sắp về, chia sẻ gấp cho bà con!!!")).toEqual([
      "clickbait",
      "all_caps",
      "share_urgently",
      "unverified_source",
      "exclamations",
    ]);
    expect(cues("", "theo mot nguon tin chua kiem chung thi se dong cua")).toEqual(["unverified_source"]);
  });

  it("leaves plain news alone, including heat waves and farming", () => {
    expect(cues("Nắng nóng kéo dài ở Kon Tum", "Nông dân tưới cà phê, UBND tỉnh chỉ đạo chống hạn.")).toEqual(
      [],
    );
    expect(cues("Nông nghiệp công nghệ cao", "Sở NN&PTNT và UBND huyện Đăk Hà ký kết hợp tác.")).toEqual([]);
  });
});

describe("combine", () => {
  it("is the noisy-OR of positive weights scaled down by negative ones", () => {
    expect(combine([{ weight: 0.5 }, { weight: 0.5 }])).toBe(0.75);
    expect(combine([{ weight: 0.5 }, { weight: -0.5 }])).toBe(0.25);
    expect(combine([])).toBe(0);
    expect(combine([{ weight: 2 }])).toBe(1);
  });
});

describe("misinformationSignals", () => {
  it("scores a rumour post from an unreliable page high, with every reason", () => {
    const result = misinformationSignals(
      {
        title: "KHẨN CẤP: ĐẬP THỦY ĐIỆN THƯỢNG KON TUM ĐÃ VỠ",
        body: "Nghe nói nước đang đổ về, người dân hạ du sơ tán ngay. Chia sẻ gấp!!!",
        url: "https://tinnong24h.example/vo-dap",
        outlet: "tinnong24h",
      },
      { signals },
    );
    expect(result.claims[0]).toMatchObject({ claim_id: "dam-break-alarm", stance: "asserts" });
    expect(result.credibility).toBe("unreliable");
    const kinds = result.reasons.map((reason) => reason.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(["claim", "credibility", "clickbait", "all_caps", "share_urgently"]),
    );
    expect(result.score).toBeGreaterThan(0.85);
    expect(result.score).toBeLessThanOrEqual(1);
  });

  it("scores the partner's report of the correction low", () => {
    const result = misinformationSignals(
      {
        title: "Thông tin vỡ đập thủy điện Thượng Kon Tum là sai sự thật",
        body: "Sở Công Thương khẳng định đập vận hành an toàn, người dân vùng hạ du không cần sơ tán.",
        outlet: "bao_kon_tum",
        outlet_kind: "provincial_press",
      },
      { signals },
    );
    expect(result.claims[0]?.stance).toBe("refutes");
    expect(result.reasons.find((reason) => reason.kind === "claim_refuted")?.weight).toBe(
      SIGNAL_WEIGHTS.claimRefuted,
    );
    expect(result.score).toBe(0);
  });

  it("flags a story member that contradicts an official statement in the same story", () => {
    const official = {
      id: "a1",
      title: "Cửa khẩu quốc tế Bờ Y vẫn hoạt động bình thường",
      body: "Ban Quản lý Khu kinh tế tỉnh khẳng định không có quyết định đóng cửa khẩu Bờ Y.",
      outlet: "ttdt_bqlkkt",
      outlet_kind: "portal" as const,
    };
    const rumour = {
      id: "a2",
      title: "Bờ Y đóng cửa vô thời hạn",
      body: "Từ tuần tới cửa khẩu Bờ Y đóng cửa vô thời hạn, cấm xuất nhập cảnh.",
      outlet: "some-page",
      outlet_kind: "other" as const,
    };
    const alone = misinformationSignals(rumour, { signals });
    const inStory = misinformationSignals(rumour, { signals, story: [official] });
    const contradiction = inStory.reasons.find((reason) => reason.kind === "contradicts_official");
    expect(alone.reasons.some((reason) => reason.kind === "contradicts_official")).toBe(false);
    expect(contradiction).toMatchObject({
      claim_id: "bo-y-border-closed",
      weight: SIGNAL_WEIGHTS.contradiction.sameClaim,
    });
    expect(inStory.score).toBeGreaterThan(alone.score);
    // The official article itself contradicts nothing.
    const self = misinformationSignals(official, { signals, story: [official, rumour] });
    expect(self.reasons.some((reason) => reason.kind === "contradicts_official")).toBe(false);
  });

  it("gives ordinary partner news a score near zero and stores reasons as lines", () => {
    const result = misinformationSignals(
      {
        title: "Khai mạc Lễ hội Du lịch Kon Tum",
        body: "Hàng nghìn du khách dự lễ khai mạc.",
        outlet: "vov",
      },
      { signals },
    );
    expect(result.score).toBe(0);
    const stored = storedMisinformation(result);
    expect(stored.reasons).toEqual(["credibility (-0.25): source vov is partner"]);
  });
});
