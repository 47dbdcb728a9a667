/**
 * Calls and shapes of the management pages (watchlists, claims, contracts, sources, users and
 * keys). The request helper is client.ts's; the shapes mirror the route schemas under api/.
 */

import { request } from "./client.ts";
import type { Role, SourceStatus } from "./types.ts";

export interface WatchlistSpec {
  text?: string;
  themes?: string[];
  agencies?: string[];
  outlets?: string[];
  districts?: string[];
  tone?: string[];
  min_misinformation?: number;
}

export interface Watchlist {
  id: string;
  name: string;
  owner: string;
  agency: string | null;
  spec: WatchlistSpec;
  created_at: string;
}

export interface WatchlistTrial {
  total: number;
  articles: Array<{
    id: string;
    title: string;
    outlet: string;
    url: string;
    published_at: string | null;
    primary_theme: string | null;
    agencies: string[];
    tone: { label: string };
  }>;
}

/** An entry of a registry edited through the API (contracts, claims): files are read-only. */
export interface RegistryEntry {
  id: string;
  source: "file" | "api";
  read_only: boolean;
  version: number | null;
  created_at: string | null;
  created_by: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface Claim {
  id: string;
  title: string;
  claim: string;
  verdict: "false" | "misleading" | "scam";
  correction: { url: string; summary?: string };
  key_terms: string[][];
  phrasings: string[];
  themes: string[];
  agency?: string;
  places: string[];
  example?: boolean;
}

export type ClaimEntry = RegistryEntry & { claim: Claim };

export interface ClaimStory {
  story_id: string;
  first_at: string | null;
  articles: Array<{
    id: string;
    title: string;
    outlet: string;
    url: string;
    published_at: string | null;
    stance: string;
    score: number;
  }>;
}

export interface Deliverable {
  id: string;
  title?: string;
  kind: "article" | "column" | "video" | "infographic";
  count: number;
  per: "month" | "quarter" | "year" | "total";
  themes?: string[];
  min_words?: number;
  must_mention_province?: boolean;
  [more: string]: unknown;
}

export interface Amendment {
  id: string;
  title: string;
  effective: string;
  ends?: string;
  deliverables: Array<Partial<Deliverable> & { id: string }>;
  remove: string[];
  note?: string;
}

export interface Contract {
  id: string;
  title: string;
  number?: string;
  signed_by: string;
  co_signers: string[];
  outlets: string[];
  themes: string[];
  period: { from: string; to: string };
  deliverables: Deliverable[];
  amendments: Amendment[];
  example?: boolean;
  [more: string]: unknown;
}

export type ContractEntry = RegistryEntry & { contract: Contract };

export interface OutletRecord {
  id: string;
  version: number;
  value: OutletFile;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}

/** The shape of a config/sources/*.yaml file, as the dashboard writes it. */
export interface OutletFile {
  outlet: { id: string; name: string; homepage?: string };
  enabled?: boolean;
  allow_private_hosts?: string[];
  sources: Array<{
    id: string;
    kind: "feed" | "sitemap" | "listing";
    url: string;
    selector?: string;
    interval?: string;
    render?: "http" | "browser";
  }>;
  [more: string]: unknown;
}

export interface TrialError {
  kind: string;
  message: string;
  url?: string;
}

export interface SourceTrial {
  source_id: string;
  discovery:
    | { ok: true; found: number; entries: Array<{ url: string; title?: string; published_raw?: string }> }
    | { ok: false; error: TrialError };
  articles: Array<{
    url: string;
    ok: boolean;
    error?: TrialError;
    title?: string;
    lead?: string;
    body_start?: string;
    words?: number;
    published_at?: string | null;
    author?: string | null;
  }>;
  notes: string[];
}

export interface ManagedUser {
  id: string;
  username: string;
  role: Role;
  agency: string | null;
  disabled: boolean;
  created_at: string;
  created_by: string;
  keys: Array<{ id: string; hint: string; name: string; created_at: string; created_by: string }>;
}

const id = encodeURIComponent;

export const manage = {
  watchlists: (signal?: AbortSignal) =>
    request<{ watchlists: Watchlist[] }>("GET", "/api/watchlists", { signal }),
  createWatchlist: (body: { name: string; spec: WatchlistSpec; agency: string | null }) =>
    request<{ watchlist: Watchlist }>("POST", "/api/watchlists", { body }),
  updateWatchlist: (watchlist: string, body: { name: string; spec: WatchlistSpec; agency: string | null }) =>
    request<{ watchlist: Watchlist }>("PUT", `/api/watchlists/${id(watchlist)}`, { body }),
  removeWatchlist: (watchlist: string) => request<void>("DELETE", `/api/watchlists/${id(watchlist)}`),
  tryWatchlist: (body: { spec: WatchlistSpec; from?: string; to?: string; size?: number }) =>
    request<WatchlistTrial>("POST", "/api/watchlists/try", { body }),

  claims: (signal?: AbortSignal) => request<{ claims: ClaimEntry[] }>("GET", "/api/claims", { signal }),
  createClaim: (claim: Omit<Claim, "themes" | "places"> & Partial<Claim>) =>
    request<ClaimEntry>("POST", "/api/claims", { body: claim }),
  updateClaim: (claim: Partial<Claim> & { id: string }, version: number) =>
    request<ClaimEntry>("PUT", `/api/claims/${id(claim.id)}`, { body: { ...claim, version } }),
  claimMatches: (claim: string, signal?: AbortSignal) =>
    request<{ stories: ClaimStory[] }>("GET", `/api/claims/${id(claim)}/matches`, { signal }),

  contracts: (signal?: AbortSignal) =>
    request<{ contracts: ContractEntry[] }>("GET", "/api/contracts", { signal }),
  createContract: (contract: Contract) =>
    request<ContractEntry>("POST", "/api/contracts", { body: contract }),
  updateContract: (contract: Contract, version: number) =>
    request<ContractEntry>("PUT", `/api/contracts/${id(contract.id)}`, { body: { ...contract, version } }),

  sources: (signal?: AbortSignal) => request<{ sources: SourceStatus[] }>("GET", "/api/sources", { signal }),
  outlets: (signal?: AbortSignal) =>
    request<{ outlets: OutletRecord[] }>("GET", "/api/sources/outlets", { signal }),
  createOutlet: (outlet: OutletFile) =>
    request<OutletRecord>("POST", "/api/sources/outlets", { body: outlet }),
  updateOutlet: (outlet: OutletFile, version: number) =>
    request<OutletRecord>("PUT", `/api/sources/outlets/${id(outlet.outlet.id)}`, {
      body: { ...outlet, version },
    }),
  pauseSource: (source: string, paused: boolean) =>
    request<{ source_id: string; paused: boolean }>("PUT", "/api/sources/paused", {
      body: { source_id: source, paused },
    }),
  testSource: (body: { source_id?: string; outlet?: OutletFile }) =>
    request<SourceTrial>("POST", "/api/sources/test", { body }),

  users: (signal?: AbortSignal) => request<{ users: ManagedUser[] }>("GET", "/api/users", { signal }),
  createUser: (body: { username: string; password: string; role: Role; agency?: string }) =>
    request<{ user: { id: string } }>("POST", "/api/users", { body }),
  updateUser: (user: string, body: { role?: Role; agency?: string | null; disabled?: boolean }) =>
    request<{ user: ManagedUser }>("PATCH", `/api/users/${id(user)}`, { body }),
  createKey: (user: string, name: string) =>
    request<{ id: string; key: string; hint: string; name: string }>("POST", `/api/users/${id(user)}/keys`, {
      body: { name },
    }),
  revokeKey: (key: string) => request<void>("DELETE", `/api/keys/${id(key)}`),
};
