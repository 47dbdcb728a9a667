/**
 * Reading a response body without trusting it: decompressed on the fly, and cut off as soon as it
 * passes the size limit (checked on the decompressed bytes, so a small gzip bomb is caught too).
 */
import { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

export class BodyLimitExceeded extends Error {
  constructor(readonly limitBytes: number) {
    super(`body exceeds ${limitBytes} bytes`);
  }
}

function decompressor(encoding: string | undefined) {
  switch ((encoding ?? "").trim().toLowerCase()) {
    case "gzip":
    case "x-gzip":
      return createGunzip();
    case "deflate":
      return createInflate();
    case "br":
      return createBrotliDecompress();
    default:
      return null;
  }
}

export async function readLimited(
  body: Readable | AsyncIterable<Uint8Array>,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<Buffer> {
  const inflate = decompressor(contentEncoding);
  const source: AsyncIterable<Uint8Array> = inflate ? Readable.from(body).pipe(inflate) : body;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw new BodyLimitExceeded(maxBytes);
      chunks.push(Buffer.from(chunk));
    }
  } finally {
    // Stops the download: the socket is released instead of draining 10 MB we will not read.
    if (size > maxBytes) {
      (inflate as Readable | null)?.destroy();
      if (body instanceof Readable) body.destroy();
    }
  }
  return Buffer.concat(chunks);
}
