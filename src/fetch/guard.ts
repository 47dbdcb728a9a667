/**
 * The SSRF guard: a URL may be fetched only if every address its host resolves to is public,
 * unless the source explicitly allows that host (the fixture web on 127.0.0.1 in tests, an intranet
 * portal in production). It runs before every hop, redirects included, and again inside the
 * connection's DNS lookup, so a host that resolves to a public address for the check and a private
 * one for the connection (DNS rebinding) is still refused.
 */
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { Agent, type Dispatcher } from "undici";
import { BadUrlError, type CrawlError, NetworkError, SsrfError } from "../model/errors.ts";
import { forbiddenAddressReason } from "./addresses.ts";

export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) =>
      error ? reject(error) : resolve(addresses),
    ),
  );

/** The host as written in the URL, without IPv6 brackets, lower-cased. */
export function urlHost(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
}

export function isAllowedHost(url: URL, allowHosts: readonly string[]): boolean {
  const host = urlHost(url);
  return allowHosts.some((allowed) => allowed.toLowerCase().replace(/^\[|\]$/g, "") === host);
}

/** Checks one URL; returns the refusal as a value, or null when the URL may be fetched. */
export async function checkUrl(
  url: URL,
  allowHosts: readonly string[],
  resolve: Resolve = systemResolve,
): Promise<CrawlError | null> {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return new BadUrlError(`unsupported scheme ${url.protocol}`, url.href);
  if (url.username || url.password) return new BadUrlError("credentials in URL", url.href);
  if (isAllowedHost(url, allowHosts)) return null;
  const host = urlHost(url);
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = (await resolve(host)).map((entry) => entry.address);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return new NetworkError(`cannot resolve ${host}: ${code ?? "error"}`, url.href, code);
    }
  }
  for (const address of addresses) {
    const reason = forbiddenAddressReason(address);
    if (reason) return new SsrfError(url.href, address, reason);
  }
  return null;
}

/** Thrown from inside the connection's lookup; the fetcher unwraps it back into a value. */
export class GuardedLookupError extends Error {
  readonly code = "PRESSWATCH_SSRF";
  constructor(
    readonly address: string,
    readonly reason: string,
  ) {
    super(`refused connection to ${address}: ${reason}`);
  }
}

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS lookup for net.connect that refuses forbidden addresses at connection time. */
export function guardedLookup(resolve: Resolve = systemResolve) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    resolve(hostname).then(
      (addresses) => {
        for (const entry of addresses) {
          const reason = forbiddenAddressReason(entry.address);
          if (reason) return callback(new GuardedLookupError(entry.address, reason), "", 0);
        }
        if (options.all) return callback(null, addresses);
        const first = addresses[0];
        if (!first) return callback(new Error(`no address for ${hostname}`), "", 0);
        callback(null, first.address, first.family);
      },
      (error: Error) => callback(error, "", 0),
    );
  };
}

/**
 * Two connection pools: one for hosts a source explicitly allows (no lookup check, they may be
 * private on purpose) and one for everything else, whose every connection goes through the guarded
 * lookup. Keeping them apart means a keep-alive socket opened for an allowed host is never reused
 * for a request that should have been checked.
 */
export class GuardedDispatchers {
  private readonly pools = new Map<string, Dispatcher>();

  constructor(private readonly resolve: Resolve = systemResolve) {}

  for(url: URL, allowHosts: readonly string[]): Dispatcher {
    const key = isAllowedHost(url, allowHosts) ? "allowed" : "guarded";
    let pool = this.pools.get(key);
    if (!pool) {
      pool =
        key === "allowed"
          ? new Agent({ connections: 8 })
          : new Agent({ connections: 8, connect: { lookup: guardedLookup(this.resolve) as never } });
      this.pools.set(key, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
    this.pools.clear();
  }
}
