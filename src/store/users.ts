/**
 * Users of the API, one document each in `<prefix>-users` (an alias over `<prefix>-users-v1`).
 * The document id is the username, so creating a user is atomic (`op_type: create`) and a taken
 * name is a value, not a race. Only the scrypt hash of the password is stored.
 */
import { hashPassword } from "../auth/passwords.ts";
import type { Role } from "../auth/roles.ts";
import type { SearchClient } from "./client.ts";

export interface UserRecord {
  id: string;
  username: string;
  role: Role;
  agency: string | null;
  password_hash: string;
  disabled: boolean;
  created_at: string;
  created_by: string;
}

export type PublicUser = Omit<UserRecord, "password_hash">;

export function publicUser(user: UserRecord): PublicUser {
  const { password_hash: _hidden, ...rest } = user;
  return rest;
}

/** A new user's record: the id is the username, the password is hashed here. */
export async function newUserRecord(input: {
  username: string;
  password: string;
  role: Role;
  agency: string | null;
  createdBy: string;
  now?: Date;
}): Promise<UserRecord> {
  return {
    id: input.username,
    username: input.username,
    role: input.role,
    agency: input.agency,
    password_hash: await hashPassword(input.password),
    disabled: false,
    created_at: (input.now ?? new Date()).toISOString(),
    created_by: input.createdBy,
  };
}

type Mappings = Record<string, unknown>;

/**
 * Creates `<alias>-v<version>` with the alias pointing at it, unless the alias exists. Two
 * processes starting at once both succeed.
 */
export async function ensureAliasedIndex(
  client: SearchClient,
  alias: string,
  version: number,
  mappings: Mappings,
): Promise<void> {
  const exists = await client.indices.existsAlias({ name: alias }, { ignore: [404] });
  if (exists.statusCode === 200) return;
  const response = await client.indices.create(
    {
      index: `${alias}-v${version}`,
      body: {
        settings: { number_of_shards: 1, auto_expand_replicas: "0-1" },
        mappings: { dynamic: "strict", ...mappings },
        aliases: { [alias]: {} },
      },
    },
    { ignore: [400] },
  );
  if (response.statusCode === 400) {
    const type = (response.body as { error?: { type?: string } }).error?.type;
    if (type !== "resource_already_exists_exception") {
      throw new Error(`could not create index ${alias}-v${version}: ${JSON.stringify(response.body)}`);
    }
  }
}

const keyword = { type: "keyword" } as const;

export function createUserStore(client: SearchClient, options: { prefix: string }) {
  const index = `${options.prefix}-users`;

  return {
    index,

    async ensureReady(): Promise<void> {
      await ensureAliasedIndex(client, index, 1, {
        properties: {
          id: keyword,
          username: keyword,
          role: keyword,
          agency: keyword,
          password_hash: { type: "keyword", index: false, doc_values: false },
          disabled: { type: "boolean" },
          created_at: { type: "date" },
          created_by: keyword,
        },
      });
    },

    /** Adds a user; `exists` when the username is taken. */
    async create(user: UserRecord): Promise<"created" | "exists"> {
      const response = await client.index(
        { index, id: user.id, op_type: "create", refresh: true, body: user },
        { ignore: [409] },
      );
      return response.statusCode === 409 ? "exists" : "created";
    },

    /** Realtime read by id: sees a user created a moment ago. */
    async get(id: string): Promise<UserRecord | null> {
      const response = await client.get({ index, id }, { ignore: [404] });
      const body = response.body as { found?: boolean; _source?: UserRecord };
      return body.found && body._source ? body._source : null;
    },

    /**
     * Changes role, agency or whether the user may sign in; null when there is no such user. A
     * partial update of the stored document: the password hash is never read or rewritten here.
     * Sessions and keys carry no role, so the change holds from the user's next request.
     */
    async update(
      id: string,
      change: Partial<Pick<UserRecord, "role" | "agency" | "disabled">>,
    ): Promise<PublicUser | null> {
      const response = await client.update(
        { index, id, refresh: true, _source: true, body: { doc: change } } as never,
        { ignore: [404] },
      );
      if (response.statusCode === 404) return null;
      const body = response.body as { get?: { _source?: UserRecord } };
      return body.get?._source ? publicUser(body.get._source) : null;
    },

    async list(): Promise<PublicUser[]> {
      const response = await client.search({
        index,
        body: {
          size: 10_000,
          sort: [{ username: "asc" }],
          _source: { excludes: ["password_hash"] },
          query: { match_all: {} },
        },
      });
      return response.body.hits.hits.map((hit) => hit._source as PublicUser);
    },

    async count(): Promise<number> {
      const response = await client.count({ index });
      return Number(response.body.count);
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
