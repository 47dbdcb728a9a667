/**
 * The first admin. With ADMIN_PASSWORD set, the API creates ADMIN_USERNAME as an admin at start
 * unless that user exists (an existing user is never changed: remove the variable once done).
 */
import { accountProblems } from "../src/auth/accounts.ts";
import type { Env } from "../src/config/env.ts";
import type { Logger } from "../src/log.ts";
import { newUserRecord } from "../src/store/users.ts";
import type { AppDeps } from "./context.ts";

export async function ensureAdmin(
  deps: Pick<AppDeps, "users" | "audit">,
  env: Pick<Env, "ADMIN_USERNAME" | "ADMIN_PASSWORD">,
  logger: Logger,
): Promise<"created" | "exists" | "skipped"> {
  if (!env.ADMIN_PASSWORD) {
    if ((await deps.users.count()) === 0) {
      logger.warn("no users yet: set ADMIN_PASSWORD, or run `presswatch users add NAME --role admin`");
    }
    return "skipped";
  }
  const input = { username: env.ADMIN_USERNAME, password: env.ADMIN_PASSWORD, role: "admin" };
  const problems = accountProblems(input);
  if (problems.length) {
    throw new Error(
      `cannot create the first admin: ${problems.map((p) => `${p.field} ${p.message}`).join("; ")}`,
    );
  }
  if (await deps.users.get(env.ADMIN_USERNAME)) return "exists";
  const user = await newUserRecord({ ...input, role: "admin", agency: null, createdBy: "bootstrap" });
  const outcome = await deps.users.create(user);
  if (outcome === "created") {
    await deps.audit.record({
      actor: { kind: "system", id: null, username: "bootstrap", role: null },
      action: "users.create",
      target: user.id,
      outcome: "success",
      status: null,
      request_id: null,
      ip: null,
      detail: "role=admin (ADMIN_PASSWORD at start)",
    });
    logger.info({ username: user.username }, "created the first admin from ADMIN_PASSWORD");
  }
  return outcome;
}
