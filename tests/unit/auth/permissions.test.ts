import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  can,
  denialMessage,
  isAction,
  PERMISSIONS,
  rolesAllowed,
} from "../../../src/auth/permissions.ts";
import { ROLES } from "../../../src/auth/roles.ts";

describe("the permission table", () => {
  it("gives admins every action and no other role an admin action", () => {
    for (const action of ACTIONS) expect(can("admin", action)).toBe(true);
    for (const action of [
      "users.list",
      "users.create",
      "keys.create",
      "keys.delete",
      "audit.read",
      "metrics.read",
      "queues.read",
      "queues.retry",
    ] as const) {
      expect(rolesAllowed(action)).toEqual(["admin"]);
    }
  });

  it("keeps exports from viewers and crawl health from agencies", () => {
    expect(rolesAllowed("articles.export")).toEqual(["admin", "coordinator", "agency"]);
    expect(rolesAllowed("coverage.export")).toEqual(["admin", "coordinator", "agency"]);
    expect(rolesAllowed("sources.read")).toEqual(["admin", "coordinator", "viewer"]);
  });

  it("scopes exactly the actions on an agency's own articles, alerts, cases and obligations", () => {
    expect(ACTIONS.filter((action) => PERMISSIONS[action].scoped).sort()).toEqual([
      "alerts.acknowledge",
      "alerts.read",
      "articles.export",
      "articles.read",
      "articles.search",
      "articles.snapshot",
      "cases.read",
      "cases.write",
      "contracts.read",
      "coverage.export",
      "coverage.read",
      "reports.export",
      "watchlists.read",
      "watchlists.write",
    ]);
  });

  it("lets coordinators and admins, not agencies or viewers, correct the analysis", () => {
    expect(rolesAllowed("articles.correct")).toEqual(["admin", "coordinator"]);
    expect(rolesAllowed("articles.snapshot")).toEqual(["admin", "coordinator", "agency", "viewer"]);
  });

  it("has a verb phrase for every action, used in the 403 message", () => {
    expect(denialMessage("viewer", "articles.export")).toBe("role viewer may not export articles");
    expect(denialMessage("agency", "sources.read")).toBe("role agency may not read source health");
    for (const action of ACTIONS) {
      expect(PERMISSIONS[action].does).toMatch(/^[a-z][A-Za-z ]+[a-z]$/);
      expect(Object.keys(PERMISSIONS[action].roles)).toEqual([...ROLES]);
    }
  });

  it("recognises only its own actions", () => {
    expect(isAction("articles.search")).toBe(true);
    expect(isAction("articles.delete")).toBe(false);
    expect(isAction("toString")).toBe(false);
  });
});
