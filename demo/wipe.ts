/**
 * Forgets the previous demo run: the indices and templates under the demo's INDEX_PREFIX and every
 * Redis key under its QUEUE_PREFIX (queues, seen URLs, source health, detector states). Refuses the
 * production default prefix, so a mistyped flag cannot wipe a deployment.
 *
 * This talks to the engine directly, which is src/store's job; it lives here because only the
 * demo may delete a whole prefix.
 */
import type { RedisClient } from "../src/queue/connection.ts";
import { deleteKeys } from "../src/queue/redisDump.ts";
import type { SearchClient } from "../src/store/client.ts";

export async function wipeDemoData(
  client: SearchClient,
  redis: RedisClient,
  prefixes: { index: string; queue: string },
) {
  if (prefixes.index === "presswatch" || ["presswatch", "{presswatch}"].includes(prefixes.queue))
    throw new Error('the demo never wipes the default prefix "presswatch"');
  await client.indices.delete({ index: `${prefixes.index}-*`, expand_wildcards: "all" }, { ignore: [404] });
  const templates = await client.indices.getIndexTemplate({ name: `${prefixes.index}-*` }, { ignore: [404] });
  for (const template of (templates.body as { index_templates?: Array<{ name: string }> }).index_templates ??
    [])
    await client.indices.deleteIndexTemplate({ name: template.name }, { ignore: [404] });
  await deleteKeys(redis, prefixes.queue);
}
