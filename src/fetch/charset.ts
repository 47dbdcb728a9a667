/**
 * Turning response bytes into text. Vietnamese sites still serve windows-1258 and TCVN3 pages, and
 * many label their UTF-8 as iso-8859-1, so the charset is decided from, in order:
 *   1. a byte-order mark (it cannot lie);
 *   2. the HTTP Content-Type charset, the XML declaration, then <meta charset>/http-equiv (a
 *      Western single-byte header yields to a different charset declared in the markup);
 *   3. UTF-8.
 * A declared single-byte Western charset (iso-8859-1, windows-1252, ascii) over bytes that are valid
 * UTF-8 with multi-byte sequences is treated as mislabelled UTF-8: real Latin-1 text almost never
 * forms valid UTF-8 sequences by accident, and Vietnamese in Latin-1 cannot be written at all.
 */
import { isAscii, isUtf8 as isValidUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { decodeLegacyVietnamese, detectLegacyVietnamese } from "./vietnameseLegacy.ts";

export interface Decoded {
  text: string;
  /** The charset actually used. */
  charset: string;
  /** Where the decision came from, for logs and tests. */
  source: "bom" | "header" | "xml-declaration" | "meta" | "default" | "utf8-override" | "detected";
  /**
   * Set when the bytes are not valid in the charset used and no legacy Vietnamese encoding was
   * recognised: the text holds replacement characters and should be recorded, not trusted.
   */
  problem?: "invalid-utf8";
}

const BOMS: Array<[number[], string]> = [
  [[0xef, 0xbb, 0xbf], "utf-8"],
  [[0xfe, 0xff], "utf-16be"],
  [[0xff, 0xfe], "utf-16le"],
];

const WESTERN_SINGLE_BYTE = new Set(["iso-8859-1", "latin1", "windows-1252", "cp1252", "us-ascii", "ascii"]);

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  for (const [mark, charset] of BOMS) {
    if (mark.every((byte, i) => bytes[i] === byte)) return { charset, length: mark.length };
  }
  return null;
}

export function charsetFromContentType(contentType: string | undefined): string | null {
  const match = contentType ? /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType) : null;
  return match ? match[1]!.toLowerCase() : null;
}

/** Reads the XML declaration or a <meta> charset from the first bytes, which are ASCII-compatible. */
export function charsetFromMarkup(
  head: string,
): { charset: string; source: "xml-declaration" | "meta" } | null {
  const xml = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return { charset: xml[1]!.toLowerCase(), source: "xml-declaration" };
  const meta =
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head) ??
    /<meta[^>]+content\s*=\s*["'][^"']*charset=([\w.:-]+)/i.exec(head);
  if (meta) return { charset: meta[1]!.toLowerCase(), source: "meta" };
  return null;
}

// Both checks are node:buffer's validators, which read the bytes without decoding them into a
// string (a fatal TextDecoder built the whole text once per check, up to three times a page).
function isUtf8WithMultibyte(bytes: Uint8Array): boolean {
  return !isAscii(bytes) && isValidUtf8(bytes);
}

export function decodeBody(bytes: Uint8Array, contentType?: string): Decoded {
  const bom = bomCharset(bytes);
  if (bom)
    return {
      text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.charset),
      charset: bom.charset,
      source: "bom",
    };

  const fromHeader = charsetFromContentType(contentType);
  // 4 KiB covers the XML declaration and any <meta charset> placed where the HTML spec asks (1 KiB).
  const fromMarkup = charsetFromMarkup(Buffer.from(bytes.subarray(0, 4096)).toString("latin1"));
  // A Western header over a page declaring something else is a server default (Apache's
  // AddDefaultCharset ISO-8859-1), not the author's word: the markup wins then.
  const headerIsDefault =
    fromHeader && WESTERN_SINGLE_BYTE.has(fromHeader) && fromMarkup && fromMarkup.charset !== fromHeader;
  const declared =
    fromHeader && !headerIsDefault
      ? { charset: fromHeader, source: "header" as const }
      : (fromMarkup ?? { charset: "utf-8", source: "default" as const });

  let { charset } = declared;
  let source: Decoded["source"] = declared.source;
  if (!iconv.encodingExists(charset)) charset = "utf-8";
  // Valid UTF-8 with multi-byte sequences is UTF-8 whatever the label says: no legacy charset's
  // text forms such sequences throughout a page by chance (a re-saved page keeps its old <meta>).
  if (!isUtf8(charset) && isUtf8WithMultibyte(bytes)) {
    charset = "utf-8";
    source = "utf8-override";
  }
  // Vietnamese in windows-1258 or a font encoding (TCVN3, VNI) hides behind a Western label, no
  // label, or a UTF-8 one it does not satisfy.
  const named = declared.source === "default" ? null : charset;
  if (
    (named === null || WESTERN_SINGLE_BYTE.has(named) || (isUtf8(named) && !isValidUtf8(bytes))) &&
    !isUtf8WithMultibyte(bytes)
  ) {
    const legacy = detectLegacyVietnamese(bytes, named);
    if (legacy) return { text: decodeLegacyVietnamese(bytes, legacy), charset: legacy, source: "detected" };
  }
  if (charset === "windows-1258" || charset === "cp1258") {
    return { text: decodeLegacyVietnamese(bytes, "windows-1258"), charset, source };
  }
  const text = iconv.decode(Buffer.from(bytes), charset);
  return isUtf8(charset) && !isValidUtf8(bytes)
    ? { text, charset, source, problem: "invalid-utf8" }
    : { text, charset, source };
}

function isUtf8(charset: string | null): boolean {
  return charset === "utf-8" || charset === "utf8";
}
