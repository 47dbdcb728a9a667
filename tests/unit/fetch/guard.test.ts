import { describe, expect, it } from "vitest";
import { checkUrl, type Resolve } from "../../../src/fetch/guard.ts";

const resolveTo =
  (...addresses: string[]): Resolve =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));

describe("checkUrl", () => {
  it("refuses a name that resolves to any private address", async () => {
    const error = await checkUrl(
      new URL("http://intranet.example/"),
      [],
      resolveTo("8.8.8.8", "192.168.0.10"),
    );
    expect(error?.kind).toBe("ssrf");
    expect(error?.message).toContain("192.168.0.10");
  });

  it("refuses the metadata service by name and by IPv6 address", async () => {
    expect(
      (await checkUrl(new URL("http://metadata.google.internal/"), [], resolveTo("169.254.169.254")))?.kind,
    ).toBe("ssrf");
    expect((await checkUrl(new URL("http://[fd00:ec2::254]/"), []))?.kind).toBe("ssrf");
  });

  it("allows a public name and an explicitly allowed private host", async () => {
    expect(await checkUrl(new URL("https://baokontum.com.vn/"), [], resolveTo("14.225.0.1"))).toBeNull();
    expect(await checkUrl(new URL("http://127.0.0.1:8080/"), ["127.0.0.1"])).toBeNull();
  });

  it("allows only the host as written: allowing 127.0.0.1 does not allow localhost", async () => {
    expect((await checkUrl(new URL("http://localhost/"), ["127.0.0.1"], resolveTo("127.0.0.1")))?.kind).toBe(
      "ssrf",
    );
  });

  it("refuses other schemes and credentials in URLs", async () => {
    expect((await checkUrl(new URL("file:///etc/passwd"), []))?.kind).toBe("bad_url");
    expect((await checkUrl(new URL("http://user:pw@example.vn/"), [], resolveTo("8.8.8.8")))?.kind).toBe(
      "bad_url",
    );
  });

  it("reports a name that does not resolve as a network error", async () => {
    const failing: Resolve = async () => {
      throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
    };
    expect((await checkUrl(new URL("http://nowhere.invalid/"), [], failing))?.kind).toBe("network");
  });
});
