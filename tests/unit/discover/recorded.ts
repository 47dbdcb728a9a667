/**
 * Documents of the fixture web, produced by the sites' own handlers without a server: the same bytes
 * the integration tests fetch, decoded as the crawler decodes them.
 */
import type { IncomingMessage } from "node:http";
import { gunzipSync } from "node:zlib";
import { decodeBody } from "../../../src/fetch/charset.ts";
import { ALL_SITES } from "../../fixtures/web/server.ts";
import type { SiteContext } from "../../fixtures/web/site.ts";

export const FAKE_ORIGIN = (name: string) =>
  `http://127.0.0.1:${40000 + ALL_SITES.findIndex((site) => site.name === name)}`;

export async function recordedDocument(
  siteName: string,
  path: string,
  headers: Record<string, string> = { accept: "text/html,application/xml" },
): Promise<{ text: string; base: string; bytes: Buffer; contentType: string | undefined }> {
  const site = ALL_SITES.find((candidate) => candidate.name === siteName);
  if (!site) throw new Error(`no fixture site ${siteName}`);
  const origin = FAKE_ORIGIN(siteName);
  const ctx: SiteContext = {
    name: siteName,
    origin,
    port: Number(origin.split(":")[2]),
    originOf: FAKE_ORIGIN,
  };
  const url = new URL(path, origin);
  const reply = await site.handle(ctx, url, { headers } as unknown as IncomingMessage);
  if (!reply?.body) throw new Error(`${siteName}${path}: no body`);
  let bytes = Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body);
  if (reply.headers?.["content-encoding"] === "gzip") bytes = gunzipSync(bytes);
  const contentType = reply.headers?.["content-type"];
  return { text: decodeBody(bytes, contentType).text, base: url.href, bytes, contentType };
}
