/**
 * Which IP addresses a crawler must never connect to: everything that is not the public internet.
 * Pure: takes an address string, says why it is forbidden or returns null.
 *
 * IPv6 forms that embed an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`,
 * NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address inside, so
 * `::ffff:127.0.0.1` or `::ffff:a9fe:a9fe` cannot smuggle loopback or the metadata service through.
 */
import { isIPv4, isIPv6 } from "node:net";

interface Range4 {
  base: number;
  bits: number;
  reason: string;
}

const v4 = (cidr: string, reason: string): Range4 => {
  const [address, bits] = cidr.split("/") as [string, string];
  return { base: parseIPv4(address)!, bits: Number(bits), reason };
};

// Order matters only for the reason reported: the metadata address sits inside link-local.
const FORBIDDEN_V4: Range4[] = [
  v4("169.254.169.254/32", "the cloud metadata service"),
  v4("0.0.0.0/8", "'this network'"),
  v4("10.0.0.0/8", "private (RFC 1918)"),
  v4("100.64.0.0/10", "carrier-grade NAT (RFC 6598)"),
  v4("127.0.0.0/8", "loopback"),
  v4("169.254.0.0/16", "link-local"),
  v4("172.16.0.0/12", "private (RFC 1918)"),
  v4("192.0.0.0/24", "IETF protocol assignments"),
  v4("192.0.2.0/24", "documentation (TEST-NET-1)"),
  v4("192.88.99.0/24", "6to4 relay anycast"),
  v4("192.168.0.0/16", "private (RFC 1918)"),
  v4("198.18.0.0/15", "benchmarking"),
  v4("198.51.100.0/24", "documentation (TEST-NET-2)"),
  v4("203.0.113.0/24", "documentation (TEST-NET-3)"),
  v4("224.0.0.0/4", "multicast"),
  v4("240.0.0.0/4", "reserved"),
];

/** Dotted quad to an unsigned 32-bit number; null when it is not exactly four decimal octets. */
export function parseIPv4(address: string): number | null {
  if (!isIPv4(address)) return null;
  return address.split(".").reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

/** An IPv6 address as eight 16-bit groups, expanding `::` and a trailing dotted IPv4. */
export function parseIPv6(address: string): number[] | null {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, ""); // brackets, zone id
  if (!isIPv6(bare)) return null;
  let text = bare.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const value = parseIPv4(dotted[1]!)!;
    text = `${text.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? (text.split("::") as [string, string]) : [text, undefined];
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...tailGroups];
  return groups.length === 8 ? groups.map((g) => Number.parseInt(g, 16)) : null;
}

function inRange4(value: number, range: Range4): boolean {
  const size = 2 ** (32 - range.bits);
  return Math.floor(value / size) === Math.floor(range.base / size);
}

function forbiddenV4(value: number): string | null {
  return FORBIDDEN_V4.find((range) => inRange4(value, range))?.reason ?? null;
}

function forbiddenV6(g: number[]): string | null {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const embedded = (g6 * 65536 + g7) >>> 0;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 0) return "unspecified";
  if (firstFiveZero && g5 === 0 && g6 === 0 && g7 === 1) return "loopback";
  if (firstFiveZero && g5 === 0xffff) return wrap("IPv4-mapped", forbiddenV4(embedded));
  if (firstFiveZero && g5 === 0)
    return wrap("IPv4-compatible", forbiddenV4(embedded)) ?? "IPv4-compatible (deprecated)";
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)
    return wrap("NAT64", forbiddenV4(embedded));
  if (g0 === 0x2002) return wrap("6to4", forbiddenV4((g1 * 65536 + g2) >>> 0));
  if (
    g0 === 0xfd00 &&
    g1 === 0x0ec2 &&
    g7 === 0x254 &&
    g2 === 0 &&
    g3 === 0 &&
    g4 === 0 &&
    g5 === 0 &&
    g6 === 0
  )
    return "the cloud metadata service";
  if ((g0 & 0xfe00) === 0xfc00) return "unique local (ULA)";
  if ((g0 & 0xffc0) === 0xfe80) return "link-local";
  if ((g0 & 0xffc0) === 0xfec0) return "site-local (deprecated)";
  if ((g0 & 0xff00) === 0xff00) return "multicast";
  if (g0 === 0x2001 && g1 === 0x0db8) return "documentation";
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return "discard-only";
  return null;
}

function wrap(form: string, inner: string | null): string | null {
  return inner ? `${inner} (${form})` : null;
}

/** Why this IP address is off limits, or null for a public address. Non-addresses are refused. */
export function forbiddenAddressReason(address: string): string | null {
  const value4 = parseIPv4(address);
  if (value4 !== null) return forbiddenV4(value4);
  const groups = parseIPv6(address);
  if (groups) return forbiddenV6(groups);
  return "not an IP address";
}
