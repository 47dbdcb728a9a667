/** The rules a new account must follow, shared by the API and the `users` command. */
import { passwordProblem } from "./passwords.ts";
import { AGENCY_ID, isRole, USERNAME } from "./roles.ts";

export interface AccountInput {
  username: string;
  password: string;
  role: string;
  agency?: string | null | undefined;
}

/** Every problem with the input, each naming its field; empty when the account may be created. */
export function accountProblems(input: AccountInput): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!USERNAME.test(input.username)) {
    problems.push({ field: "username", message: "must be 3-64 lower-case letters, digits, '.', '_' or '-'" });
  }
  problems.push(...accountChangeProblems({ role: input.role, agency: input.agency ?? null }));
  const password = passwordProblem(input.password);
  if (password) problems.push({ field: "password", message: password });
  return problems;
}

/**
 * Every problem with a change of role or agency, on the account as it would be after the change
 * (an agency user needs an agency; no other role has one).
 */
export function accountChangeProblems(next: {
  role: string;
  agency: string | null;
}): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  if (!isRole(next.role)) {
    problems.push({ field: "role", message: "must be one of: admin, coordinator, agency, viewer" });
  } else if (next.role === "agency" && !next.agency) {
    problems.push({ field: "agency", message: "is required for role agency" });
  } else if (next.role !== "agency" && next.agency) {
    problems.push({ field: "agency", message: `applies only to role agency, not ${next.role}` });
  }
  if (next.agency && !AGENCY_ID.test(next.agency)) {
    problems.push({
      field: "agency",
      message: "must be an agency id (lower-case letters, digits, '.', '_' or '-')",
    });
  }
  return problems;
}
