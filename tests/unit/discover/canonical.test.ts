import { describe, expect, it } from "vitest";
import { canonicalUnique, canonicalUrl } from "../../../src/discover/canonical.ts";

describe("canonicalUrl", () => {
  it("strips tracking parameters and the fragment, keeps the rest in order", () => {
    expect(
      canonicalUrl(
        "https://Baokontum.com.vn/tin/abc.html?b=2&utm_source=rss&a=1&fbclid=x&gclid=y&zarsrc=30#binh-luan",
      ),
    ).toBe("https://baokontum.com.vn/tin/abc.html?b=2&a=1");
  });

  it("drops an empty query, the default port and credentials", () => {
    expect(canonicalUrl("http://user:pw@example.vn:80/a?utm_medium=feed")).toBe("http://example.vn/a");
  });

  it("resolves relative links against the base", () => {
    expect(canonicalUrl("../kinh-te/x.html?utm_campaign=a", "https://vov.vn/xa-hoi/tin/")).toBe(
      "https://vov.vn/xa-hoi/kinh-te/x.html",
    );
    expect(canonicalUrl("//cdn.example.vn/a", "https://vov.vn/")).toBe("https://cdn.example.vn/a");
  });

  it("rejects what is not an http(s) article link", () => {
    expect(canonicalUrl("javascript:void(0)")).toBeNull();
    expect(canonicalUrl("mailto:toasoan@example.vn")).toBeNull();
    expect(canonicalUrl("not a url")).toBeNull();
  });
});

describe("canonicalUnique", () => {
  it("merges spellings of the same article", () => {
    expect(canonicalUnique(["/a?utm_source=x", "/a#top", "https://x.vn/a", "/b"], "https://x.vn/")).toEqual([
      "https://x.vn/a",
      "https://x.vn/b",
    ]);
  });
});
