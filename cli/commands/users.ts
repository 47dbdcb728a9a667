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
import { parseEnv } from "../../src/config/env.ts";
import { createApiKeyStore, newApiKeyRecord } from "../../src/store/apiKeys.ts";
import { type AuditStore, createAuditStore } from "../../src/store/audit.ts";
import { createSearchClient, searchOptions } from "../../src/store/client.ts";
import { createUserStore, newUserRecord } from "../../src/store/users.ts";
import { type CommandSpec, parseCommand, pickSubcommand, stringOption, usageError } from "../args.ts";
import { CliError } from "../errors.ts";

const USERS = {
  name: "users",
  summary: "API and dashboard users (roles admin, coordinator, agency, viewer) and their API keys.",
  subcommands: {
    add: "create a user; the password is read from standard input or prompted for twice",
    key: "print a new API key for a user (shown once)",
    list: "users, roles, agencies and whether they are active",
  },
};

const NOTE = "Each write is recorded in the audit log as done by cli:<operating-system user>.";

const ADD: CommandSpec = {
  name: "users add",
  summary: USERS.subcommands.add,
  usage: ["USERNAME --role admin|coordinator|agency|viewer [--agency ID]"],
  positionals: "USERNAME (3-64 lower-case letters, digits, '.', '_' or '-')",
  options: {
    role: { type: "string", value: "ROLE", help: "admin, coordinator, agency or viewer (required)" },
    agency: { type: "string", value: "ID", help: "the plan agency an agency user works for" },
  },
  notes: [NOTE],
};

const KEY: CommandSpec = {
  name: "users key",
  summary: USERS.subcommands.key,
  usage: ["USERNAME [--name TEXT]"],
  positionals: "USERNAME",
  options: { name: { type: "string", value: "TEXT", help: 'what the key is for (default "api key")' } },
  notes: [NOTE],
};

const LIST: CommandSpec = { name: "users list", summary: USERS.subcommands.list, usage: [""], options: {} };

/** The one USERNAME a subcommand takes. */
function username(spec: CommandSpec, positionals: string[]): string {
  const [name, ...extra] = positionals;
  if (!name || extra.length > 0) throw usageError(spec, "needs exactly one USERNAME");
  return name;
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
  const env = parseEnv();
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
  const { subcommand, rest } = pickSubcommand(USERS, args);
  switch (subcommand) {
    case "add": {
      const { values, positionals } = parseCommand(ADD, rest);
      const name = username(ADD, positionals);
      const role = stringOption(values, "role");
      if (!role) throw usageError(ADD, "--role is required");
      const password = await readPassword();
      const input = { username: name, password, role, agency: stringOption(values, "agency") ?? null };
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
        if ((await s.users.create(user)) === "exists") throw new CliError(`user ${name} already exists`);
        await audited(
          s.audit,
          "users.create",
          name,
          `role=${user.role}${user.agency ? ` agency=${user.agency}` : ""}`,
        );
        console.log(`created ${user.role} ${name}${user.agency ? ` (agency ${user.agency})` : ""}`);
        return 0;
      } finally {
        await s.client.close();
      }
    }
    case "key": {
      const { values, positionals } = parseCommand(KEY, rest);
      const name = username(KEY, positionals);
      const s = stores();
      try {
        await Promise.all([s.users.ensureReady(), s.apiKeys.ensureReady(), s.audit.ensureReady()]);
        const user = await s.users.get(name);
        if (!user) throw new CliError(`no user ${name}`);
        const { record, key } = newApiKeyRecord({
          userId: user.id,
          name: stringOption(values, "name")?.trim() || "api key",
          createdBy: cliActor().username,
        });
        await s.apiKeys.create(record);
        await audited(s.audit, "keys.create", user.id, `key=${record.id}`);
        console.error(`API key ${record.id} for ${name} (${user.role}); it is shown only now:`);
        console.log(key);
        return 0;
      } finally {
        await s.client.close();
      }
    }
    case "list": {
      parseCommand(LIST, rest);
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
  }
}
