/** DELETE /api/keys/:id: the key stops working at once (audited). */
import type { FastifyPluginAsync } from "fastify";
import type { AppOptions } from "../../../context.ts";
import { notFound } from "../../../errors.ts";
import { KeyParams } from "../../../schemas/auth.ts";
import { protectedRoute } from "../../../schemas/common.ts";

const keys: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.delete<{ Params: KeyParams }>(
    "/api/keys/:id",
    {
      config: { permission: "keys.delete", audit: "keys.delete" },
      schema: {
        ...protectedRoute("keys.delete", "Delete an API key", ["admin"], { 204: { type: "null" } }),
        params: KeyParams,
      },
    },
    async (request, reply) => {
      request.auditTarget = request.params.id;
      const key = await deps.apiKeys.get(request.params.id);
      if (!key || !(await deps.apiKeys.delete(request.params.id)))
        throw notFound(`no API key ${request.params.id}`);
      request.auditDetail = `user=${key.user_id}`;
      return reply.code(204).send();
    },
  );
};
export default keys;
