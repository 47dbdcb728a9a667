/**
 * GET  /api/users            users with their API keys (never a secret or a hash)
 * POST /api/users            create a user (audited)
 * PATCH /api/users/:id       change role, agency or disabled (audited); not one's own role or sign-in
 * POST /api/users/:id/keys   create an API key for a user; the key is in this response only (audited)
 */
import type { FastifyPluginAsync } from "fastify";
import { accountChangeProblems, accountProblems } from "../../../../src/auth/accounts.ts";
import type { Principal } from "../../../../src/auth/roles.ts";
import { newApiKeyRecord } from "../../../../src/store/apiKeys.ts";
import { newUserRecord } from "../../../../src/store/users.ts";
import type { AppOptions } from "../../../context.ts";
import { HttpError, notFound } from "../../../errors.ts";
import {
  CreatedKeyResponse,
  CreatedUserResponse,
  CreateKeyBody,
  CreateUserBody,
  UpdatedUserResponse,
  UpdateUserBody,
  UserListResponse,
  UserParams,
} from "../../../schemas/auth.ts";
import { protectedRoute } from "../../../schemas/common.ts";

export const actorName = (principal: Principal) => principal.username;

const users: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get(
    "/api/users",
    {
      config: { permission: "users.list" },
      schema: protectedRoute("users.list", "Users and their API keys", ["admin"], { 200: UserListResponse }),
    },
    async () => {
      const list = await deps.users.list();
      const keys = await deps.apiKeys.listByUser(list.map((user) => user.id));
      return {
        users: list.map((user) => ({ ...user, keys: keys.filter((key) => key.user_id === user.id) })),
      };
    },
  );

  app.post<{ Body: CreateUserBody }>(
    "/api/users",
    {
      config: { permission: "users.create", audit: "users.create" },
      schema: {
        ...protectedRoute("users.create", "Create a user", ["admin"], { 201: CreatedUserResponse }),
        body: CreateUserBody,
      },
    },
    async (request, reply) => {
      const { username, password, role, agency } = request.body;
      request.auditTarget = username;
      const problems = accountProblems(request.body);
      if (problems.length) {
        const message = problems.map((p) => `${p.field} ${p.message}`).join("; ");
        throw new HttpError(400, message, problems);
      }
      const user = await newUserRecord({
        username,
        password,
        role,
        agency: agency ?? null,
        createdBy: actorName(request.principal!),
      });
      if ((await deps.users.create(user)) === "exists") {
        throw new HttpError(409, `user ${username} already exists`, [
          { field: "username", message: "is taken" },
        ]);
      }
      request.auditDetail = `role=${role}${agency ? ` agency=${agency}` : ""}`;
      return reply.code(201).send({ user: { id: user.id, username, role, agency: user.agency } });
    },
  );

  app.patch<{ Params: UserParams; Body: UpdateUserBody }>(
    "/api/users/:id",
    {
      config: { permission: "users.update", audit: "users.update" },
      schema: {
        ...protectedRoute("users.update", "Change a user's role, agency or sign-in", ["admin"], {
          200: UpdatedUserResponse,
        }),
        params: UserParams,
        body: UpdateUserBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      request.auditTarget = id;
      const current = await deps.users.get(id);
      if (!current) throw notFound(`no user ${id}`);
      const { role, agency, disabled } = request.body;
      // An administrator who demotes or disables themselves may leave nobody to undo it.
      if (id === request.principal!.userId && ((role && role !== current.role) || disabled === true)) {
        throw new HttpError(409, "you cannot change your own role or disable yourself; ask another admin", [
          { field: role ? "role" : "disabled", message: "is your own account's" },
        ]);
      }
      const nextRole = role ?? current.role;
      // Leaving the agency role drops the agency unless the caller says otherwise.
      const nextAgency = agency !== undefined ? agency : nextRole === "agency" ? current.agency : null;
      const problems = accountChangeProblems({ role: nextRole, agency: nextAgency });
      if (problems.length) {
        throw new HttpError(400, problems.map((p) => `${p.field} ${p.message}`).join("; "), problems);
      }
      const updated = await deps.users.update(id, {
        role: nextRole,
        agency: nextAgency,
        ...(disabled !== undefined && { disabled }),
      });
      if (!updated) throw notFound(`no user ${id}`);
      request.auditDetail = `role=${updated.role}${updated.agency ? ` agency=${updated.agency}` : ""} disabled=${updated.disabled}`;
      const { username, agency: savedAgency, disabled: savedDisabled } = updated;
      return { user: { id, username, role: updated.role, agency: savedAgency, disabled: savedDisabled } };
    },
  );

  app.post<{ Params: UserParams; Body: CreateKeyBody }>(
    "/api/users/:id/keys",
    {
      config: { permission: "keys.create", audit: "keys.create" },
      schema: {
        ...protectedRoute("keys.create", "Create an API key (shown once)", ["admin"], {
          201: CreatedKeyResponse,
        }),
        params: UserParams,
        body: CreateKeyBody,
      },
    },
    async (request, reply) => {
      request.auditTarget = request.params.id;
      const user = await deps.users.get(request.params.id);
      if (!user) throw notFound(`no user ${request.params.id}`);
      const { record, key } = newApiKeyRecord({
        userId: user.id,
        name: request.body?.name?.trim() || "api key",
        createdBy: actorName(request.principal!),
      });
      await deps.apiKeys.create(record);
      request.auditDetail = `key=${record.id}`;
      const { hash: _stored, ...view } = record;
      return reply.code(201).send({ ...view, key });
    },
  );
};
export default users;
