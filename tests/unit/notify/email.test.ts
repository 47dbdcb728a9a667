import { describe, expect, it } from "vitest";
import { describeAlert } from "../../../src/detect/describe.ts";
import { alertEmail, plainLine, vietnamTime } from "../../../src/notify/email.ts";
import { webhookBody } from "../../../src/notify/payload.ts";
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

describe("what happened, in the reader's language", () => {
  const articles = [
    {
      id: "r1",
      title: "Rao bán sâm Ngọc Linh giả giá rẻ <b>trên mạng</b>",
      outlet: "vietnamnet",
      published_at: "2024-06-18T01:10:00Z",
      fetched_at: "2024-06-18T01:12:00Z",
      themes: [{ id: "agriculture", score: 0.9 }],
      agencies: ["snnptnt"],
      tone: { label: "negative" as const, score: 0.8 },
    },
    {
      id: "r2",
      title: "Sâm Ngọc Linh chính gốc giá 500 nghìn",
      outlet: "sggp",
      published_at: "2024-06-18T01:45:00Z",
      fetched_at: "2024-06-18T01:46:00Z",
      themes: [{ id: "agriculture", score: 0.9 }],
      agencies: ["snnptnt"],
      tone: { label: "neutral" as const, score: 0.5 },
    },
  ];
  const rumour = describeAlert(
    {
      id: "rumour-x",
      kind: "rumour",
      title: "story s1 spread to 2 outlets within 60 minutes",
      scope: { story_id: "s1" },
      evidence: {
        article_ids: ["r1", "r2"],
        outlets: ["vietnamnet", "sggp"],
        window_minutes: 60,
        reasons: ["claim"],
      },
      themes: ["agriculture"],
      agencies: ["snnptnt"],
      state: "open",
      created_at: "2024-06-18T01:50:00Z",
      acknowledged_at: null,
    },
    articles,
  );
  const labels = { outlets: { vietnamnet: "Báo VietNamNet", sggp: "Báo Sài Gòn Giải Phóng" } };

  it("e-mails the headline, outlets, times (Vietnam time), tone and why, in Vietnamese by default", () => {
    const { subject, text } = alertEmail(rumour, { rule: "tin-don", labels });
    expect(subject).toBe(
      "[Presswatch] Cảnh báo: Tin đồn, thông tin sai lệch lan truyền — “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”",
    );
    expect(text).toContain("Nội dung: Tin lan nhanh trên 2 cơ quan báo chí trong 60 phút");
    expect(text).toContain("Tin: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”");
    expect(text).toContain(
      "Cơ quan báo chí đăng tải (2): Báo VietNamNet (vietnamnet), Báo Sài Gòn Giải Phóng (sggp)",
    );
    expect(text).toContain(
      "Bài đầu: 18/06/2024 08:10 (giờ Việt Nam); bài mới nhất: 18/06/2024 08:45 (giờ Việt Nam)",
    );
    expect(text).toContain("Sắc thái: tiêu cực (1/2 bài tiêu cực)");
    expect(text).toContain("Lý do: lặp lại thông tin sai đã đăng ký");
    expect(text).not.toContain("spread to 2 outlets");
    expect(text).not.toMatch(/<\/?b>/);
  });

  it("e-mails the same in English when the rule asks for it", () => {
    const { subject, text } = alertEmail(rumour, { rule: "rumours", labels, lang: "en" });
    expect(subject).toBe(
      "[Presswatch] Alert: Spreading rumour or false information — “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”",
    );
    expect(text).toContain("What: A story spreading to 2 outlets within 60 minutes");
    expect(text).toContain("Story: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”");
    expect(text).toContain(
      "Outlets that carried it (2): Báo VietNamNet (vietnamnet), Báo Sài Gòn Giải Phóng (sggp)",
    );
    expect(text).toContain(
      "First article: 18/06/2024 08:10 (Vietnam time); latest: 18/06/2024 08:45 (Vietnam time)",
    );
    expect(text).toContain("Why: repeats a registered false claim");
    expect(text).not.toContain("Kính gửi");
  });

  it("puts the same texts beside the alert in a webhook, in the rule's language", () => {
    const vi = JSON.parse(webhookBody({ deliveryId: "d1", rule: "r", alert: rumour, labels }));
    expect(vi.text.lang).toBe("vi");
    expect(vi.text.title).toBe("Tin lan nhanh trên 2 cơ quan báo chí trong 60 phút");
    expect(vi.text.lines[0]).toBe("Tin: “Rao bán sâm Ngọc Linh giả giá rẻ trên mạng”");
    expect(vi.alert.evidence.story.outlets).toEqual(["vietnamnet", "sggp"]);
    const en = JSON.parse(webhookBody({ deliveryId: "d1", rule: "r", alert: rumour, labels, lang: "en" }));
    expect(en.text.title).toBe("A story spreading to 2 outlets within 60 minutes");
    expect(en.text.lines).toContain(
      "First article: 18/06/2024 08:10 (Vietnam time); latest: 18/06/2024 08:45 (Vietnam time)",
    );
  });
});
