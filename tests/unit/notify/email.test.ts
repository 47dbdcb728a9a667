import { describe, expect, it } from "vitest";
import { alertEmail, plainLine, vietnamTime } from "../../../src/notify/email.ts";
import { tourismSpike, watchlistHit } from "./fixtures.ts";

describe("the alert e-mail", () => {
  it("has a Vietnamese subject naming the kind and scope, with plan names when known", () => {
    const message = alertEmail(tourismSpike, {
      rule: "du-lich",
      labels: { themes: { tourism: "Du lịch" } },
      dashboardUrl: "https://pw.example.vn",
    });
    expect(message.subject).toBe(
      "[Presswatch] Cảnh báo: Tăng đột biến — bài tiêu cực, chủ đề Du lịch (tourism)",
    );
    expect(message.text).toContain("Chủ đề: Du lịch (tourism)");
    expect(message.text).toContain("Thời điểm phát hiện: 06/06/2024 09:30 (giờ Việt Nam)");
    expect(message.text).toContain("Số bài trong 15 phút: 7 (mức thường thấy: 1,3)");
    expect(message.text).toContain("Bài viết làm căn cứ (2): a1, a2");
    expect(message.text).toContain(`Xem chi tiết: https://pw.example.vn/#/alerts?id=${tourismSpike.id}`);
    expect(message.text).toContain("Quy tắc thông báo: du-lich");
  });

  it("falls back to ids, and carries no markup from the watchlist name", () => {
    const message = alertEmail(watchlistHit, { rule: "dat-dai" });
    expect(message.subject).toBe("[Presswatch] Cảnh báo: Chủ đề theo dõi có bài mới — chủ đề environment");
    expect(message.text).toContain("Cơ quan liên quan: stnmt, ubnd_huyen");
    expect(message.text).not.toMatch(/<\/?b>/);
    expect(message.text).toContain("Măng Đen đất đai");
    expect(message.text).not.toContain("Xem chi tiết");
  });

  it("keeps one line one line", () => {
    expect(plainLine("a\r\nBcc: x@y.z\u0000 <script>b</script>")).toBe("a Bcc: x@y.z b");
    expect(vietnamTime("2024-12-31T17:05:00Z")).toBe("01/01/2025 00:05 (giờ Việt Nam)");
  });
});
