/**
 * GET  /api/contracts        every contract: the files' (read-only) and those entered here
 *                            (an agency user: those their agency signed or co-signed)
 * GET  /api/contracts/:id    one contract
 * POST /api/contracts        enter a contract (audited): the same checks as a contract file, each
 *                            problem a 400 naming the field; 409 when a file or an entry has the id
 * PUT  /api/contracts/:id    replace it, amendments included, on the version the caller read
 *                            (audited): 409 when it changed since, or when it is a file's
 *
 * Compliance and the reports read the merged set on every request (api/context.ts), so a change is
 * evaluated at once.
 */
import type { FastifyPluginAsync } from "fastify";
import type { Principal } from "../../../../src/auth/roles.ts";
import { checkContractData } from "../../../../src/contracts/registry.ts";
import type { Contract } from "../../../../src/contracts/schema.ts";
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
  ContractEntry,
  ContractListResponse,
  CreateEntryBody,
  EntryParams,
  UpdateEntryBody,
} from "../../../schemas/registry.ts";
import { ownAgency } from "../alerts/index.ts";

/** An agency user sees the contracts their agency signed or co-signed. */
function contractVisible(principal: Principal, contract: Contract): boolean {
  const agency = ownAgency(principal);
  return agency === null || contract.signed_by === agency || contract.co_signers.includes(agency);
}

function summary(contract: Contract): string {
  const amendments = contract.amendments.map((a) => `${a.id}@${a.effective}`).join(",");
  return `outlets=${contract.outlets.join(",")}${amendments ? ` amendments=${amendments}` : ""}`;
}

const contractEdits: FastifyPluginAsync<AppOptions> = async (app, { deps }) => {
  app.get(
    "/api/contracts",
    {
      config: { permission: "contracts.read" },
      schema: protectedRoute(
        "contracts.read",
        "Every contract: files (read-only) and entered here",
        ["contracts"],
        {
          200: ContractListResponse,
        },
      ),
    },
    async (request) => {
      const principal = request.principal!;
      const [{ contracts: files }, records] = await Promise.all([
        deps.planning.files(),
        deps.contracts.list(),
      ]);
      const fileIds = new Set(files.map((contract) => contract.id));
      const entries = [
        ...files.map((contract) => fileEntry("contract", contract)),
        ...records
          .filter((record) => !fileIds.has(record.id))
          .map((record) => storedEntry("contract", record)),
      ];
      return {
        contracts: entries
          .filter((entry) => contractVisible(principal, entry.contract))
          .sort((a, b) => a.id.localeCompare(b.id)),
      };
    },
  );

  app.get<{ Params: EntryParams }>(
    "/api/contracts/:id",
    {
      config: { permission: "contracts.read" },
      schema: {
        ...protectedRoute("contracts.read", "One contract", ["contracts"], { 200: ContractEntry }),
        params: EntryParams,
      },
    },
    async (request) => {
      const { id } = request.params;
      const { contracts: files } = await deps.planning.files();
      const file = files.find((contract) => contract.id === id);
      const entry = file ? fileEntry("contract", file) : await stored(id);
      // Out of an agency user's scope looks the same as absent.
      if (!entry || !contractVisible(request.principal!, entry.contract)) throw notFound(`no contract ${id}`);
      return entry;
    },
  );

  async function stored(id: string) {
    const record = await deps.contracts.get(id);
    return record ? storedEntry("contract", record) : null;
  }

  app.post<{ Body: CreateEntryBody }>(
    "/api/contracts",
    {
      config: { permission: "contracts.write", audit: "contracts.create" },
      schema: {
        ...protectedRoute(
          "contracts.write",
          "Enter a contract (the shape of a contract file)",
          ["contracts"],
          {
            201: ContractEntry,
          },
        ),
        body: CreateEntryBody,
      },
    },
    async (request, reply) => {
      const { plan, contracts: files } = await deps.planning.files();
      if (typeof request.body.id === "string") request.auditTarget = request.body.id;
      const checked = checkContractData(request.body, plan);
      if (!checked.ok) throw invalidEntry(checked.problems);
      const contract = checked.contract;
      if (files.some((file) => file.id === contract.id)) {
        throw new HttpError(409, `contract ${contract.id} already exists in a file under config/contracts`);
      }
      request.auditDetail = summary(contract);
      try {
        const record = await deps.contracts.create(contract.id, contract, request.principal!.username);
        return reply.code(201).send(storedEntry("contract", record));
      } catch (error) {
        if (error instanceof RegistryExistsError)
          throw new HttpError(409, `contract ${contract.id} already exists`);
        throw error;
      }
    },
  );

  app.put<{ Params: EntryParams; Body: UpdateEntryBody }>(
    "/api/contracts/:id",
    {
      config: { permission: "contracts.write", audit: "contracts.update" },
      schema: {
        ...protectedRoute(
          "contracts.write",
          "Replace a contract entered here, amendments included, on the version read",
          ["contracts"],
          { 200: ContractEntry },
        ),
        params: EntryParams,
        body: UpdateEntryBody,
      },
    },
    async (request) => {
      const { id } = request.params;
      request.auditTarget = id;
      const { plan, contracts: files } = await deps.planning.files();
      if (files.some((file) => file.id === id)) throw readOnly("contract", id);
      const checked = checkContractData(entryOfUpdate(id, request.body), plan);
      if (!checked.ok) throw invalidEntry(checked.problems);
      request.auditDetail = `version=${request.body.version} ${summary(checked.contract)}`;
      try {
        const record = await deps.contracts.update(
          id,
          checked.contract,
          request.body.version,
          request.principal!.username,
        );
        return storedEntry("contract", record);
      } catch (error) {
        if (error instanceof RegistryNotFoundError) throw notFound(`no contract ${id}`);
        if (error instanceof RegistryVersionError) throw new HttpError(409, error.message);
        throw error;
      }
    },
  );
};
export default contractEdits;
