/**
 * Reads `config/notifications.yaml` into checked rules, or every problem with its file, line and
 * path (`rules[2].channels[0].url`), the way `plan check` reports. A rule whose webhook secret is
 * not in the environment is a problem of the file too: found at start, not at the first alert.
 */
import { readFile } from "node:fs/promises";
import { LineCounter, parseDocument } from "yaml";
import { locate } from "../plan/locate.ts";
import { formatPath, formatProblem, type IssuePath, type PlanProblem } from "../plan/problems.ts";
import { type NotificationsConfig, notificationsFileSchema } from "./rules.ts";

export type NotificationProblem = PlanProblem;

export class NotificationsConfigError extends Error {
  constructor(readonly problems: NotificationProblem[]) {
    super(`invalid notification rules:\n${problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
    this.name = "NotificationsConfigError";
  }
}

/** A secret must be long enough that signatures cannot be guessed. */
export const MIN_SECRET_LENGTH = 16;

/**
 * Checks the text of a rules file. `env` is where the webhook secrets are looked up (the process
 * environment, passed in by the caller: only `src/config/env.ts` and the shells read it).
 */
export function parseNotificationsText(
  text: string,
  file: string,
  env: Record<string, string | undefined>,
  options: { mailConfigured?: boolean } = {},
): NotificationsConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const { line, col } = lineCounter.linePos(syntax.pos[0]);
    throw new NotificationsConfigError([
      { file, line, column: col, path: "", message: `YAML syntax: ${syntax.message}` },
    ]);
  }
  const at = (path: IssuePath, message: string): NotificationProblem => {
    const { line, column } = locate(doc, lineCounter, path);
    return { file, line, column, path: formatPath(path), message };
  };
  // An empty file is "no rules", not an error: notifications are optional.
  const parsed = notificationsFileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new NotificationsConfigError(
      parsed.error.issues.flatMap((issue) => {
        const path = issue.path.filter((part): part is string | number => typeof part !== "symbol");
        if (issue.code === "unrecognized_keys")
          return issue.keys.map((key) => at([...path, key], "unknown field"));
        return [at(path, issue.message.replace(/^Invalid input: /, ""))];
      }),
    );
  }
  const problems: NotificationProblem[] = [];
  parsed.data.rules.forEach((rule, r) => {
    rule.channels.forEach((channel, c) => {
      if (!rule.enabled) return;
      if (channel.type === "email") {
        if (options.mailConfigured === false)
          problems.push(
            at(
              ["rules", r, "channels", c],
              "e-mail needs SMTP_URL (or SMTP_HOST) and MAIL_FROM in the environment",
            ),
          );
        return;
      }
      const secret = env[channel.secret_env];
      if (!secret)
        problems.push(at(["rules", r, "channels", c, "secret_env"], `${channel.secret_env} is not set`));
      else if (secret.length < MIN_SECRET_LENGTH)
        problems.push(
          at(
            ["rules", r, "channels", c, "secret_env"],
            `${channel.secret_env} must be at least ${MIN_SECRET_LENGTH} characters`,
          ),
        );
    });
  });
  if (problems.length > 0) throw new NotificationsConfigError(problems);
  return parsed.data;
}

/** Reads the rules file; a file that does not exist means no notifications. */
export async function loadNotifications(
  file: string,
  env: Record<string, string | undefined>,
  options: { mailConfigured?: boolean } = {},
): Promise<NotificationsConfig> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { rules: [] };
    throw error;
  }
  return parseNotificationsText(text, file, env, options);
}
