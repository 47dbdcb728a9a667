/**
 * Contracts entered through the API, in `<prefix>-contracts`. The contract files under
 * config/contracts stay the other source; src/contracts/registry.ts merges the two.
 */
import type { Contract } from "../contracts/schema.ts";
import type { SearchClient } from "./client.ts";
import { createRegistryStore, type RegistryStore } from "./registry.ts";

export function createContractStore(client: SearchClient, options: { prefix: string }) {
  return createRegistryStore<Contract>(client, { index: `${options.prefix}-contracts` });
}

export type ContractStore = RegistryStore<Contract>;
