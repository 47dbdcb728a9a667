import { describe, expect, it } from "vitest";
import { forbiddenAddressReason, parseIPv6 } from "../../../src/fetch/addresses.ts";

describe("forbiddenAddressReason", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "carrier-grade NAT"],
    ["100.127.255.255", "carrier-grade NAT"],
    ["169.254.169.254", "metadata"],
    ["169.254.1.1", "link-local"],
    ["0.0.0.0", "this network"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["::1", "loopback"],
    ["::", "unspecified"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["fc00::1", "unique local"],
    ["fd12:3456::1", "unique local"],
    ["fd00:ec2::254", "metadata"],
    ["::ffff:127.0.0.1", "loopback (IPv4-mapped)"],
    ["::ffff:7f00:1", "loopback (IPv4-mapped)"],
    ["::ffff:a9fe:a9fe", "metadata service (IPv4-mapped)"],
    ["::ffff:10.1.2.3", "private (RFC 1918) (IPv4-mapped)"],
    ["64:ff9b::a00:1", "NAT64"],
    ["2002:c0a8:0101::1", "6to4"],
    ["ff02::1", "multicast"],
    ["[::1]", "loopback"],
  ])("refuses %s (%s)", (address, reason) => {
    expect(forbiddenAddressReason(address)).toContain(reason);
  });

  it.each([
    "8.8.8.8",
    "14.225.0.1",
    "203.113.131.1",
    "172.32.0.1",
    "100.128.0.1",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
  ])("allows the public address %s", (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it("refuses what is not an IP address", () => {
    expect(forbiddenAddressReason("localhost")).toBe("not an IP address");
    expect(forbiddenAddressReason("999.1.1.1")).toBe("not an IP address");
  });
});

describe("parseIPv6", () => {
  it("expands :: and embedded IPv4", () => {
    expect(parseIPv6("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]);
    expect(parseIPv6("2001:db8::1")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(parseIPv6("not-an-address")).toBeNull();
  });
});
