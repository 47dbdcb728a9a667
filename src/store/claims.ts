/**
 * False claims entered through the API, in `<prefix>-claims`. The claim files under config/claims
 * stay the other source; src/signals/registry.ts merges the two.
 */
import type { Claim } from "../signals/claims.ts";
import type { SearchClient } from "./client.ts";
import { createRegistryStore, type RegistryStore } from "./registry.ts";

export function createClaimStore(client: SearchClient, options: { prefix: string }) {
  return createRegistryStore<Claim>(client, { index: `${options.prefix}-claims` });
}

export type ClaimStore = RegistryStore<Claim>;
