/**
 * THE permission matrix: every action the API knows, what it means in words, and which roles may
 * do it. Routes name an action; nothing else decides who may do what. Actions marked `scoped` are
 * allowed to an agency user only within their agency (see `scope.ts`).
 */
import { ROLES, type Role } from "./roles.ts";

const Y = true;
const N = false;

//                                   what the role may (not) do       admin coord agency viewer scoped
const TABLE = {
  "account.read": ["read their own account", Y, Y, Y, Y, N],
  "articles.search": ["search articles", Y, Y, Y, Y, Y],
  "articles.read": ["read an article", Y, Y, Y, Y, Y],
  "articles.export": ["export articles", Y, Y, Y, N, Y],
  "articles.correct": ["correct the analysis of an article", Y, Y, N, N, N],
  // The archived page is the article's evidence: whoever may read the article may open it.
  "articles.snapshot": ["open the archived page of an article", Y, Y, Y, Y, Y],
  "coverage.read": ["read coverage counts", Y, Y, Y, Y, Y],
  "coverage.export": ["export coverage counts", Y, Y, Y, N, Y],
  "sources.read": ["read source health", Y, Y, N, Y, N],
  "alerts.read": ["read alerts", Y, Y, Y, Y, Y],
  "alerts.acknowledge": ["acknowledge alerts", Y, Y, Y, N, Y],
  "alerts.budget": ["set the alert budget of each scope", Y, Y, N, N, N],
  "cases.read": ["read crisis cases", Y, Y, Y, Y, Y],
  "cases.create": ["open crisis cases", Y, Y, N, N, N],
  "cases.write": ["act on crisis cases", Y, Y, Y, N, Y],
  "contracts.read": ["read contract compliance", Y, Y, Y, Y, Y],
  "contracts.write": ["enter or amend contracts", Y, Y, N, N, N],
  "reports.export": ["download year reports", Y, Y, Y, N, Y],
  // The registry of false claims holds public rumours and their corrections: everyone may read it.
  "claims.read": ["read the registry of false claims", Y, Y, Y, Y, N],
  "claims.write": ["edit the registry of false claims", Y, Y, N, N, N],
  "sources.write": ["manage and test the sources", Y, Y, N, N, N],
  "watchlists.read": ["read the saved watchlists", Y, Y, Y, Y, Y],
  "watchlists.write": ["save or remove watchlists", Y, Y, Y, N, Y],
  "metrics.read": ["read metrics", Y, N, N, N, N],
  "users.list": ["list users", Y, N, N, N, N],
  "users.create": ["create users", Y, N, N, N, N],
  "users.update": ["change the role or access of users", Y, N, N, N, N],
  "keys.create": ["create API keys", Y, N, N, N, N],
  "keys.delete": ["delete API keys", Y, N, N, N, N],
  "audit.read": ["read the audit log", Y, N, N, N, N],
  "queues.read": ["read the queues and their failed jobs", Y, N, N, N, N],
  "queues.retry": ["retry failed jobs", Y, N, N, N, N],
} as const satisfies Record<string, readonly [string, boolean, boolean, boolean, boolean, boolean]>;

export type Action = keyof typeof TABLE;

export interface Permission {
  action: Action;
  /** Completes "role viewer may not …". */
  does: string;
  roles: Record<Role, boolean>;
  /** An agency user's request is restricted to their own agency. */
  scoped: boolean;
}

export const PERMISSIONS: Record<Action, Permission> = Object.fromEntries(
  Object.entries(TABLE).map(([action, [does, admin, coordinator, agency, viewer, scoped]]) => [
    action,
    { action: action as Action, does, roles: { admin, coordinator, agency, viewer }, scoped },
  ]),
) as Record<Action, Permission>;

export const ACTIONS = Object.keys(TABLE) as Action[];

export function isAction(value: unknown): value is Action {
  return typeof value === "string" && Object.hasOwn(TABLE, value);
}

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[action].roles[role];
}

/** The 403 message: "role viewer may not export articles". */
export function denialMessage(role: Role, action: Action): string {
  return `role ${role} may not ${PERMISSIONS[action].does}`;
}

/** The roles allowed an action, for documentation (OpenAPI descriptions). */
export function rolesAllowed(action: Action): Role[] {
  return ROLES.filter((role) => PERMISSIONS[action].roles[role]);
}
