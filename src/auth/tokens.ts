/**
 * Session tokens: `pwt1.<claims base64url>.<HMAC-SHA256 base64url>`. Stateless and short-lived;
 * the claims name the user, and the API reloads the user on every request, so a disabled or deleted
 * user (or a changed role) takes effect at once. The secret is SESSION_SECRET.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

const VERSION = "pwt1";

export interface TokenClaims {
  /** User id. */
  sub: string;
  /** Issued at and expiry, seconds since the epoch. */
  iat: number;
  exp: number;
}

export type TokenCheck =
  | { ok: true; claims: TokenClaims }
  | { ok: false; reason: "malformed" | "bad_signature" | "expired" };

function sign(body: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${VERSION}.${body}`).digest();
}

export function signToken(
  subject: string,
  secret: string,
  ttlSeconds: number,
  now: number = Date.now(),
): { token: string; claims: TokenClaims } {
  const iat = Math.floor(now / 1000);
  const claims: TokenClaims = { sub: subject, iat, exp: iat + ttlSeconds };
  const body = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { token: `${VERSION}.${body}.${sign(body, secret).toString("base64url")}`, claims };
}

export function looksLikeToken(value: string): boolean {
  return value.startsWith(`${VERSION}.`);
}

export function verifyToken(token: string, secret: string, now: number = Date.now()): TokenCheck {
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== VERSION || !parts[1] || !parts[2]) {
    return { ok: false, reason: "malformed" };
  }
  const [, body, signature] = parts as [string, string, string];
  const expected = sign(body, secret);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" };
  }
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (
    typeof claims !== "object" ||
    claims === null ||
    typeof (claims as TokenClaims).sub !== "string" ||
    !Number.isInteger((claims as TokenClaims).exp) ||
    !Number.isInteger((claims as TokenClaims).iat)
  ) {
    return { ok: false, reason: "malformed" };
  }
  const checked = claims as TokenClaims;
  if (checked.exp <= Math.floor(now / 1000)) return { ok: false, reason: "expired" };
  return { ok: true, claims: { sub: checked.sub, iat: checked.iat, exp: checked.exp } };
}
