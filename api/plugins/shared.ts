/**
 * Marks a plugin as not encapsulated (what `fastify-plugin` does, without the dependency): its
 * hooks, decorators and handlers apply to the instance that registers it.
 */
import type { FastifyPluginAsync, FastifyPluginOptions } from "fastify";

export function shared<Options extends FastifyPluginOptions>(
  name: string,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  Object.assign(plugin, {
    [Symbol.for("skip-override")]: true,
    [Symbol.for("fastify.display-name")]: name,
  });
  return plugin;
}
