/**
 * GET  /api/claims        the registry of false claims: the files' (read-only) and those entered here
 * GET  /api/claims/:id    one claim
 * GET  /api/claims/:id/matches   the stored articles that repeat or refute it, by story (an agency
 *                         user: articles naming their agency)
 * POST /api/claims        enter a claim (audited): the claim file's schema, each problem a 400
 *                         naming the field; 409 when a file or an entry has the id
 * PUT  /api/claims/:id    replace it on the version the caller read (audited): 409 when it changed
 *                         since, or when it is a file's
 *
 * The analysis reads the same merged registry through `loadAllClaims` (src/signals/registry.ts).
 */
import type { FastifyPluginAsync } from "fastify";
import { type Claim, checkClaim } from "../../../../src/signals/claims.ts";
import { loadClaims } from "../../../../src/signals/load.ts";
import { claimPlanProblems } from "../../../../src/signals/registry.ts";
import {
  RegistryExistsError,
  RegistryNotFoundError,
  RegistryVersionError,
} from "../../../../src/store/registry.ts";
import type { AppOptions } from "../../../context.ts";
import { HttpError, notFound } from "../../../errors.ts";
import { entryOfUpdate, fileEntry, invalidEntry, readOnly, storedEntry } from "../../../registry.ts";
import { protectedRoute } from "../../../schemas/common.ts";
import {
  ClaimEntry,
  ClaimListResponse,
  ClaimMatchesResponse,
  CreateEntryBody,
  EntryParams,
  UpdateEntryBody,
} from "../../../schemas/registry.ts";
import { ownAgency } from "../alerts/index.ts";

const claims: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  const { store, dir } = deps.claims;
  // The files are read on each request: a claim file edited by an operator shows without a restart,
  // and the directory is small.
  const files = () => loadClaims(dir);

  /** Checked against the claim schema and the plan, or a 400 naming each bad field. */
  async function check(data: unknown): Promise<Claim> {
    const checked = checkClaim(data);
    if (!checked.ok) throw invalidEntry(checked.problems);
    const { plan } = await deps.planning.files();
    const problems = claimPlanProblems(checked.claim, plan);
    if (problems.length > 0) throw invalidEntry(problems);
    return checked.claim;
  }

  app.get(
    "/api/claims",
    {
      config: { permission: "claims.read" },
      schema: protectedRoute(
        "claims.read",
        "The registry of false claims: files (read-only) and entered here",
        ["claims"],
        { 200: ClaimListResponse },
      ),
    },
    async () => {
      const [fileClaims, records] = await Promise.all([files(), store.list()]);
      const fileIds = new Set(fileClaims.map((claim) => claim.id));
      const entries = [
        ...fileClaims.map((claim) => fileEntry("claim", claim)),
        ...records.filter((record) => !fileIds.has(record.id)).map((record) => storedEntry("claim", record)),
      ];
      return { claims: entries.sort((a, b) => a.id.localeCompare(b.id)) };
    },
  );

  app.get<{ Params: EntryParams }>(
    "/api/claims/:id",
    {
      config: { permission: "claims.read" },
      schema: {
        ...protectedRoute("claims.read", "One false claim", ["claims"], { 200: ClaimEntry }),
        params: EntryParams,
      },
    },
    async (request) => {
      const { id } = request.params;
      const file = (await files()).find((claim) => claim.id === id);
      if (file) return fileEntry("claim", file);
      const record = await store.get(id);
      if (!record) throw notFound(`no claim ${id}`);
      return storedEntry("claim", record);
    },
  );

  app.get<{ Params: EntryParams }>(
    "/api/claims/:id/matches",
    {
      config: { permission: "claims.read" },
      schema: {
        ...protectedRoute(
          "claims.read",
          "The stored articles that repeat or refute the claim, by story, latest story first",
          ["claims"],
          { 200: ClaimMatchesResponse },
        ),
        params: EntryParams,
      },
    },
    async (request) => {
      const { id } = request.params;
      const claim = (await files()).find((file) => file.id === id) ?? (await store.get(id))?.value;
      if (!claim) throw notFound(`no claim ${id}`);
      const stories = await deps.claims.matcher.stories(claim, { agency: ownAgency(request.principal!) });
      return { stories };
    },
  );

  app.post<{ Body: CreateEntryBody }>(
    "/api/claims",
    {
      config: { permission: "claims.write", audit: "claims.create" },
      schema: {
        ...protectedRoute("claims.write", "Enter a false claim (the shape of a claim file)", ["claims"], {
          201: ClaimEntry,
        }),
        body: CreateEntryBody,
      },
    },
    async (request, reply) => {
      if (typeof request.body.id === "string") request.auditTarget = request.body.id;
      const claim = await check(request.body);
      if ((await files()).some((file) => file.id === claim.id)) {
        throw new HttpError(409, `claim ${claim.id} already exists in a file under config/claims`);
      }
      request.auditDetail = `verdict=${claim.verdict}`;
      try {
        const record = await store.create(claim.id, claim, request.principal!.username);
        return reply.code(201).send(storedEntry("claim", record));
      } catch (error) {
        if (error instanceof RegistryExistsError)
          throw new HttpError(409, `claim ${claim.id} already exists`);
        throw error;
      }
    },
  );

  app.put<{ Params: EntryParams; Body: UpdateEntryBody }>(
    "/api/claims/:id",
    {
      config: { permission: "claims.write", audit: "claims.update" },
      schema: {
        ...protectedRoute("claims.write", "Replace a claim entered here, on the version read", ["claims"], {
          200: ClaimEntry,
        }),
        params: EntryParams,
        body: UpdateEntryBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      request.auditTarget = id;
      if ((await files()).some((file) => file.id === id)) throw readOnly("claim", id);
      const claim = await check(entryOfUpdate(id, request.body));
      request.auditDetail = `version=${request.body.version} verdict=${claim.verdict}`;
      try {
        return storedEntry(
          "claim",
          await store.update(id, claim, request.body.version, request.principal!.username),
        );
      } catch (error) {
        if (error instanceof RegistryNotFoundError) throw notFound(`no claim ${id}`);
        if (error instanceof RegistryVersionError) throw new HttpError(409, error.message);
        throw error;
      }
    },
  );
};
export default claims;
