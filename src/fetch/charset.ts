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
import iconv from "iconv-lite";

export interface Decoded {
  text: string;
  /** The charset actually used. */
  charset: string;
  /** Where the decision came from, for logs and tests. */
  source: "bom" | "header" | "xml-declaration" | "meta" | "default" | "utf8-override";
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

function isUtf8WithMultibyte(bytes: Uint8Array): boolean {
  if (!bytes.some((byte) => byte >= 0x80)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
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
  if (WESTERN_SINGLE_BYTE.has(charset) && isUtf8WithMultibyte(bytes)) {
    charset = "utf-8";
    source = "utf8-override";
  }
  return { text: iconv.decode(Buffer.from(bytes), charset), charset, source };
}
