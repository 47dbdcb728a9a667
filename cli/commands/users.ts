/**
 * `presswatch users add USERNAME --role ROLE [--agency ID]`: creates a user; the password is read
 *   from standard input (piped) or prompted for twice without echo.
 * `presswatch users key USERNAME [--name TEXT]`: prints a new API key for the user (shown once).
 * `presswatch users list`: users, roles and agencies.
 * Each write is recorded in the audit log as done by `cli:<operating-system user>`.
 */
import { userInfo } from "node:os";
import { accountProblems } from "../../src/auth/accounts.ts";
import type { Role } from "../../src/auth/roles.ts";
import { EnvError, parseEnv } from "../../src/config/env.ts";
import { createApiKeyStore, newApiKeyRecord } from "../../src/store/apiKeys.ts";
import { type AuditStore, createAuditStore } from "../../src/store/audit.ts";
import { createSearchClient, searchOptions } from "../../src/store/client.ts";
import { createUserStore, newUserRecord } from "../../src/store/users.ts";
import { CliError } from "../errors.ts";

const USAGE = [
  "usage: presswatch users add USERNAME --role admin|coordinator|agency|viewer [--agency ID]",
  "       presswatch users key USERNAME [--name TEXT]",
  "       presswatch users list",
].join("\n");

/** `--name value` and `--name=value` options, and the positional arguments. */
export function parseOptions(
  args: string[],
  known: string[],
): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (!known.includes(name)) throw new CliError(`unknown option --${name}\n${USAGE}`, 2);
    const value = inline ?? args[++i];
    if (value === undefined) throw new CliError(`--${name} needs a value`, 2);
    options[name] = value;
  }
  return { positional, options };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding("utf8");
    let value = "";
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === "\r" || char === "\n") return done();
        if (char === "\u0003") return done(new CliError("cancelled", 130));
        if (char === "\u007f" || char === "\b") value = [...value].slice(0, -1).join("");
        else if (char >= " ") value += char;
      }
    };
    stdin.on("data", onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const first = await promptHidden("Password (at least 12 characters): ");
  const second = await promptHidden("Same password again: ");
  if (first !== second) throw new CliError("the two passwords differ");
  return first;
}

function stores() {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv();
  } catch (error) {
    if (error instanceof EnvError) throw new CliError(error.message);
    throw error;
  }
  const client = createSearchClient(searchOptions(env));
  const prefix = env.INDEX_PREFIX;
  return {
    client,
    users: createUserStore(client, { prefix }),
    apiKeys: createApiKeyStore(client, { prefix }),
    audit: createAuditStore(client, { prefix }),
  };
}

function cliActor() {
  const name = `cli:${userInfo().username}`;
  return { kind: "system" as const, id: null, username: name, role: null };
}

async function audited(audit: AuditStore, action: string, target: string, detail: string | null) {
  await audit.record({
    actor: cliActor(),
    action,
    target,
    outcome: "success",
    status: null,
    request_id: null,
    ip: null,
    detail,
  });
}

export async function runUsers(args: string[]): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case "add": {
      const { positional, options } = parseOptions(rest, ["role", "agency"]);
      const [username] = positional;
      if (!username || positional.length > 1 || !options.role) throw new CliError(USAGE, 2);
      const password = await readPassword();
      const input = { username, password, role: options.role, agency: options.agency ?? null };
      const problems = accountProblems(input);
      if (problems.length) throw new CliError(problems.map((p) => `${p.field} ${p.message}`).join("; "), 2);
      const s = stores();
      try {
        await Promise.all([s.users.ensureReady(), s.audit.ensureReady()]);
        const user = await newUserRecord({
          ...input,
          role: input.role as Role,
          createdBy: cliActor().username,
        });
        if ((await s.users.create(user)) === "exists") throw new CliError(`user ${username} already exists`);
        await audited(
          s.audit,
          "users.create",
          username,
          `role=${user.role}${user.agency ? ` agency=${user.agency}` : ""}`,
        );
        console.log(`created ${user.role} ${username}${user.agency ? ` (agency ${user.agency})` : ""}`);
        return 0;
      } finally {
        await s.client.close();
      }
    }
    case "key": {
      const { positional, options } = parseOptions(rest, ["name"]);
      const [username] = positional;
      if (!username || positional.length > 1) throw new CliError(USAGE, 2);
      const s = stores();
      try {
        await Promise.all([s.users.ensureReady(), s.apiKeys.ensureReady(), s.audit.ensureReady()]);
        const user = await s.users.get(username);
        if (!user) throw new CliError(`no user ${username}`);
        const { record, key } = newApiKeyRecord({
          userId: user.id,
          name: options.name?.trim() || "api key",
          createdBy: cliActor().username,
        });
        await s.apiKeys.create(record);
        await audited(s.audit, "keys.create", user.id, `key=${record.id}`);
        console.error(`API key ${record.id} for ${username} (${user.role}); it is shown only now:`);
        console.log(key);
        return 0;
      } finally {
        await s.client.close();
      }
    }
    case "list": {
      const s = stores();
      try {
        await s.users.ensureReady();
        for (const user of await s.users.list()) {
          console.log(
            [user.username, user.role, user.agency ?? "-", user.disabled ? "disabled" : "active"].join("\t"),
          );
        }
        return 0;
      } finally {
        await s.client.close();
      }
    }
    default:
      throw new CliError(USAGE, 2);
  }
}
