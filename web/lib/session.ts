/** The signed-in user, what they may do, and the plan's labels for ids. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Me, PlanInfo } from "../api/types.ts";
import type { Lang } from "../i18n/index.ts";

export type LabelKind = "theme" | "agency" | "district" | "outlet";

export interface Session {
  me: Me;
  plan: PlanInfo | null;
  can(permission: string): boolean;
  label(kind: LabelKind, id: string | null | undefined): string;
  /** Options for a select: [id, label] in the plan's order. */
  options(kind: LabelKind): Array<[string, string]>;
  logout(): void;
}

export function makeSession(me: Me, plan: PlanInfo | null, lang: Lang, logout: () => void): Session {
  const tables: Record<LabelKind, Map<string, string>> = {
    theme: new Map(plan?.themes.map((theme) => [theme.id, lang === "en" ? theme.name_en : theme.name])),
    agency: new Map(
      plan?.agencies.map((agency) => [
        agency.id,
        lang === "en" ? (agency.name_en ?? agency.name) : agency.name,
      ]),
    ),
    district: new Map(plan?.districts.map((district) => [district.id, district.name])),
    outlet: new Map(plan?.outlets.map((outlet) => [outlet.id, outlet.name])),
  };
  const permissions = new Set(me.permissions);
  return {
    me,
    plan,
    can: (permission) => permissions.has(permission),
    label: (kind, id) => (id ? (tables[kind].get(id) ?? id) : ""),
    options: (kind) => [...tables[kind].entries()],
    logout,
  };
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}
