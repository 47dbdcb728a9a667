/**
 * Editing the sources from the dashboard: outlets entered here (kept in Redis beside the sources'
 * health, read by every crawl process's catalog), pauses for any source, and a test fetch.
 * Files under config/sources stay the operator's: an id they use is refused here, and they are
 * edited on disk. Routes are listed in index.ts.
 */
import { type Static, Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { OutletExistsError, OutletVersionError } from "../../../../src/crawl/sourceEntries.ts";
import { flattenOutlet, outletFileSchema, type Source } from "../../../../src/sources/schema.ts";
import type { AppDeps } from "../../../context.ts";
import { badRequest, HttpError, notFound } from "../../../errors.ts";
import { invalidEntry } from "../../../registry.ts";
import { protectedRoute } from "../../../schemas/common.ts";

const Free = (description: string) => Type.Object({}, { additionalProperties: true, description });

const OutletRecordSchema = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  value: Free("the outlet as entered: the shape of a config/sources/*.yaml file"),
  created_at: Type.String(),
  created_by: Type.String(),
  updated_at: Type.String(),
  updated_by: Type.String(),
});

const OutletParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 120 }) });
type OutletParams = Static<typeof OutletParams>;

const UpdateOutletBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }) },
  { additionalProperties: true, description: "the whole outlet as in its file, plus the version read" },
);
type UpdateOutletBody = { version: number } & Record<string, unknown>;

const PauseBody = Type.Object(
  { source_id: Type.String({ minLength: 1, maxLength: 120 }), paused: Type.Boolean() },
  { additionalProperties: false },
);
type PauseBody = Static<typeof PauseBody>;

const TestBody = Type.Object(
  {
    source_id: Type.Optional(
      Type.String({ minLength: 1, maxLength: 120, description: "a configured source, or one of `outlet`" }),
    ),
    outlet: Type.Optional(Free("a draft outlet (not saved) whose source to test")),
  },
  { additionalProperties: false },
);
type TestBody = Static<typeof TestBody>;

const TrialError = Type.Object({
  kind: Type.String(),
  message: Type.String(),
  url: Type.Optional(Type.String()),
});

const TestResponse = Type.Object({
  source_id: Type.String(),
  discovery: Type.Union([
    Type.Object({
      ok: Type.Literal(true),
      found: Type.Integer(),
      entries: Type.Array(
        Type.Object({
          url: Type.String(),
          title: Type.Optional(Type.String()),
          published_raw: Type.Optional(Type.String()),
        }),
      ),
    }),
    Type.Object({ ok: Type.Literal(false), error: TrialError }),
  ]),
  articles: Type.Array(
    Type.Object({
      url: Type.String(),
      ok: Type.Boolean(),
      error: Type.Optional(TrialError),
      title: Type.Optional(Type.String()),
      lead: Type.Optional(Type.String()),
      body_start: Type.Optional(Type.String()),
      words: Type.Optional(Type.Integer()),
      published_at: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      published_raw: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      author: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      method: Type.Optional(Type.String()),
    }),
  ),
  notes: Type.Array(Type.String()),
});

/** The outlet checked by the file schema, or a 400 naming each bad field. */
function checkOutlet(value: unknown) {
  const parsed = outletFileSchema.safeParse(value);
  if (!parsed.success) {
    throw invalidEntry(
      parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join("."),
        message: issue.message,
      })),
    );
  }
  return parsed.data;
}

export function registerSourceEdits(app: FastifyInstance, deps: AppDeps): void {
  const config = deps.sourceConfig;

  /**
   * 409 when the outlet is a file's (files are edited on disk), or one of its sources is already
   * configured by a file or another entered outlet (`self`: the outlet being replaced).
   */
  async function checkUnique(outlet: ReturnType<typeof checkOutlet>, self: string | null) {
    const all = (await config.catalog.all()).sources;
    const fromFiles = all.filter((source) => !source.file.startsWith("api:"));
    if (fromFiles.some((source) => source.outletId === outlet.outlet.id))
      throw new HttpError(
        409,
        `outlet ${outlet.outlet.id} is configured in a file under config/sources: edit the file`,
      );
    const taken = new Set(
      all.filter((source) => source.outletId !== self || !source.file.startsWith("api:")).map((s) => s.id),
    );
    for (const [i, entry] of outlet.sources.entries()) {
      if (taken.has(entry.id)) {
        throw new HttpError(409, `source ${entry.id} is already configured`, [
          { field: `sources.${i}.id`, message: "is taken" },
        ]);
      }
    }
  }

  app.get(
    "/api/sources/outlets",
    {
      config: { permission: "sources.read" },
      schema: protectedRoute(
        "sources.read",
        "The outlets entered in the dashboard, as entered",
        ["sources"],
        {
          200: Type.Object({ outlets: Type.Array(OutletRecordSchema) }),
        },
      ),
    },
    async () => ({ outlets: await config.entries.outlets() }),
  );

  app.post<{ Body: Record<string, unknown> }>(
    "/api/sources/outlets",
    {
      config: { permission: "sources.write", audit: "sources.create" },
      schema: {
        ...protectedRoute(
          "sources.write",
          "Enter an outlet and its sources (the shape of a sources file)",
          ["sources"],
          {
            201: OutletRecordSchema,
          },
        ),
        body: Free("the outlet in the shape of a config/sources/*.yaml file"),
      },
    },
    async (request, reply) => {
      const outlet = checkOutlet(request.body);
      request.auditTarget = outlet.outlet.id;
      await checkUnique(outlet, null);
      request.auditDetail = `sources=${outlet.sources.map((source) => source.id).join(",")}`;
      try {
        const record = await config.entries.create(
          outlet.outlet.id,
          request.body,
          request.principal!.username,
        );
        config.catalog.invalidate();
        return reply.code(201).send(record);
      } catch (error) {
        if (error instanceof OutletExistsError) throw new HttpError(409, error.message);
        throw error;
      }
    },
  );

  app.put<{ Params: OutletParams; Body: UpdateOutletBody }>(
    "/api/sources/outlets/:id",
    {
      config: { permission: "sources.write", audit: "sources.update" },
      schema: {
        ...protectedRoute(
          "sources.write",
          "Replace an outlet entered in the dashboard, on the version read",
          ["sources"],
          {
            200: OutletRecordSchema,
          },
        ),
        params: OutletParams,
        body: UpdateOutletBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      request.auditTarget = id;
      const { version, ...value } = request.body;
      const outlet = checkOutlet(value);
      if (outlet.outlet.id !== id) throw badRequest("outlet.id", `must be the id in the URL (${id})`);
      await checkUnique(outlet, id);
      request.auditDetail = `version=${version} sources=${outlet.sources.map((source) => source.id).join(",")}`;
      try {
        const record = await config.entries.update(id, value, version, request.principal!.username);
        if (!record) throw notFound(`no outlet ${id} entered in the dashboard`);
        config.catalog.invalidate();
        return record;
      } catch (error) {
        if (error instanceof OutletVersionError) throw new HttpError(409, error.message);
        throw error;
      }
    },
  );

  app.put<{ Body: PauseBody }>(
    "/api/sources/paused",
    {
      config: { permission: "sources.write", audit: "sources.pause" },
      schema: {
        ...protectedRoute("sources.write", "Pause or resume one source", ["sources"], {
          200: Type.Object({ source_id: Type.String(), paused: Type.Boolean() }),
        }),
        body: PauseBody,
      },
    },
    async (request) => {
      const { source_id, paused } = request.body;
      request.auditTarget = source_id;
      request.auditDetail = paused ? "paused" : "resumed";
      if (!(await config.catalog.get(source_id))) throw notFound(`no source ${source_id}`);
      if (paused) await config.entries.pause(source_id, request.principal!.username);
      else await config.entries.resume(source_id);
      config.catalog.invalidate();
      return { source_id, paused };
    },
  );

  app.post<{ Body: TestBody }>(
    "/api/sources/test",
    {
      config: { permission: "sources.write" },
      schema: {
        ...protectedRoute(
          "sources.write",
          "Discovery and extraction of one source now (a configured one, or a draft); nothing is stored",
          ["sources"],
          { 200: TestResponse },
        ),
        body: TestBody,
      },
    },
    async (request) => {
      const { source_id, outlet } = request.body;
      let source: Source | undefined;
      if (outlet) {
        const sources = flattenOutlet(checkOutlet(outlet), "draft");
        source = source_id ? sources.find((item) => item.id === source_id) : sources[0];
        if (!source) throw badRequest("source_id", `is not a source of the draft outlet: ${source_id}`);
      } else if (source_id) {
        source = await config.catalog.get(source_id);
        if (!source) throw notFound(`no source ${source_id}`);
      } else {
        throw badRequest("source_id", "or outlet is required");
      }
      return config.trial(source);
    },
  );
}
