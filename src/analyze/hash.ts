/** Small, fast, deterministic hashes: fingerprints, shingle ids, the dev-set split. */

/** FNV-1a, 32 bits, over the UTF-16 code units of a string. */
export function fnv1a32(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The murmur3 finaliser: spreads the bits of a 32-bit integer. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A short hex fingerprint of any JSON-serialisable value. */
export function fingerprint(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return (
    fnv1a32(text).toString(16).padStart(8, "0") + fnv1a32(text, 0x9747b28c).toString(16).padStart(8, "0")
  ).slice(0, 12);
}
