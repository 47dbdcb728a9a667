import { describe, expect, it } from "vitest";
import { sanitizeSnapshot, snapshotDocument } from "../../../src/evidence/safeSnapshot.ts";

describe("sanitizeSnapshot", () => {
  it("keeps the text and drops what could run or reach another server", () => {
    const out = sanitizeSnapshot(
      `<h1 onclick="x()">Tiêu đề</h1><script>alert(1)</script><img src="https://a.example/p.jpg" onerror="y()">` +
        `<img src="data:image/png;base64,AAAA" alt="nội tuyến"><a href="https://a.example/">Đọc tiếp</a>` +
        `<style>body{background:url(https://a.example/b.png)}</style><iframe src="https://a.example/f"></iframe>`,
    );
    expect(out).toBe(`<h1>Tiêu đề</h1><img src="data:image/png;base64,AAAA" alt="nội tuyến" />Đọc tiếp`);
  });

  it("drops javascript: and protocol-relative images", () => {
    expect(sanitizeSnapshot(`<img src="javascript:alert(1)"><img src="//a.example/x.png"><p>ok</p>`)).toBe(
      "<p>ok</p>",
    );
  });
});

describe("snapshotDocument", () => {
  it("says what it is, when it was fetched (Viet Nam time) and its hash, and escapes the URL", () => {
    const html = snapshotDocument("<p>Nội dung</p>", {
      url: `https://a.example/"><script>x()</script>`,
      fetchedAt: "2024-06-18T01:02:03.000Z",
      hash: "a".repeat(64),
      intact: false,
    });
    expect(html).toContain("lấy lúc 08:02 18/06/2024 (giờ Việt Nam)");
    expect(html).toContain(`sha256 ${"a".repeat(64)}`);
    expect(html).toContain("KHÔNG KHỚP mã băm");
    expect(html).not.toContain("<script>");
    expect(html).toContain(`http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;`);
  });
});
