/**
 * Who may use the API. A principal is the authenticated caller of one request: a user signed in
 * with a session token, or a user's API key. Both carry the user's role as stored now, never as it
 * was when the token or key was issued.
 *
 * Glossary:
 * - admin: runs the installation (users, keys, audit, metrics) and sees everything.
 * - coordinator: the provincial communication office; searches, counts, exports, watches sources.
 * - agency: an officer of one department (sở, ban, ngành); sees only articles naming that agency.
 * - viewer: read-only observer of the office's work; no exports.
 */
export const ROLES = ["admin", "coordinator", "agency", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export interface Principal {
  /** How the caller proved who they are. */
  kind: "session" | "api_key";
  userId: string;
  username: string;
  role: Role;
  /** The agency an `agency` user is restricted to; null for every other role. */
  agency: string | null;
  /** Set when the caller used an API key. */
  keyId?: string;
}

/** Agency ids as they appear in `ArticleDoc.agencies`. */
export const AGENCY_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
