/**
 * API keys: `pw_` followed by 32 random bytes in base64url (43 characters). Only the sha256 of the
 * whole key is stored; a key is shown once, when it is created. A key that long needs no slow hash:
 * it cannot be guessed, only stolen, and the hash keeps a stolen index from yielding usable keys.
 */
import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "pw_";
const API_KEY_PATTERN = /^pw_[A-Za-z0-9_-]{43}$/;

export interface NewApiKey {
  /** The secret, to show once. */
  key: string;
  /** sha256 of the key, hex: what is stored and looked up. */
  hash: string;
  /** The first characters, safe to show in lists so users can tell keys apart. */
  hint: string;
}

export function generateApiKey(): NewApiKey {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { key, hash: hashApiKey(key), hint: key.slice(0, 7) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

export function looksLikeApiKey(value: string): boolean {
  return API_KEY_PATTERN.test(value);
}
