/**
 * Calls to the Presswatch API. The session is the HttpOnly `pw_session` cookie set at login
 * (SameSite=Strict, path /api): the dashboard never holds the token in script-readable storage,
 * and EventSource and download links carry the same session as fetch calls.
 */
import type {
  Alert,
  AlertPoint,
  ArticleCorrection,
  ArticleDoc,
  CaseAction,
  CaseRecord,
  ComplianceResponse,
  CoverageResult,
  FailedJob,
  LoginResponse,
  Me,
  PlanInfo,
  QueueCounts,
  SearchResponse,
  SourceStatus,
  SpreadComparison,
  StorySummary,
} from "./types.ts";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Array<{ field: string; message: string }> = [],
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Query values: lists become repeated parameters; empty values are left out. */
export type QueryValue = string | number | boolean | undefined | null | readonly string[];
export type Query = Record<string, QueryValue>;

export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      for (const item of value) if (item !== "") params.append(key, item);
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when the API answers 401 to a signed-in call: the session ended. */
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Do not treat 401 as "session ended" (the login call itself). */
  anonymous?: boolean;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${path}${options.query ? queryString(options.query) : ""}`, {
    method,
    headers,
    credentials: "same-origin",
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    ...(options.signal && { signal: options.signal }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    const body = (data ?? {}) as {
      error?: string;
      message?: string;
      fields?: Array<{ field: string; message: string }>;
    };
    if (response.status === 401 && !options.anonymous)
      for (const listener of unauthorizedListeners) listener();
    throw new ApiError(
      response.status,
      body.error ?? "error",
      body.message ?? response.statusText,
      body.fields ?? [],
    );
  }
  return data as T;
}

export const api = {
  login: (username: string, password: string) =>
    request<LoginResponse>("POST", "/api/auth/login", { body: { username, password }, anonymous: true }),
  logout: () => request<void>("POST", "/api/auth/logout", { anonymous: true }),
  me: (signal?: AbortSignal) => request<Me>("GET", "/api/auth/me", { signal, anonymous: true }),
  plan: (signal?: AbortSignal) => request<PlanInfo>("GET", "/api/dashboard/plan", { signal }),

  search: (query: Query, signal?: AbortSignal) =>
    request<SearchResponse>("GET", "/api/articles/search", { query, signal }),
  article: (id: string, signal?: AbortSignal) =>
    request<{ article: ArticleDoc; correction?: ArticleCorrection | null }>(
      "GET",
      `/api/articles/${encodeURIComponent(id)}`,
      { signal },
    ),
  story: (id: string, signal?: AbortSignal) =>
    request<{ story: StorySummary }>("GET", `/api/stories/${encodeURIComponent(id)}`, { signal }),
  /** A coordinator's correction; the corrected article comes back, already counted in coverage. */
  correctArticle: (id: string, body: Record<string, unknown>) =>
    request<{ article: ArticleDoc; correction: ArticleCorrection }>(
      "PUT",
      `/api/articles/${encodeURIComponent(id)}/correction`,
      { body },
    ),
  coverage: (query: Query, signal?: AbortSignal) =>
    request<CoverageResult>("GET", "/api/coverage", { query, signal }),
  sources: (signal?: AbortSignal) => request<{ sources: SourceStatus[] }>("GET", "/api/sources", { signal }),
  queues: (signal?: AbortSignal) =>
    request<{ queues: QueueCounts[]; failed: FailedJob[] }>("GET", "/api/queues", { signal }),
  retryJob: (queue: string, id: string) =>
    request<{ retried: number }>(
      "POST",
      `/api/queues/${encodeURIComponent(queue)}/jobs/${encodeURIComponent(id)}/retry`,
      { body: {} },
    ),
  retryAllJobs: (queue?: string) =>
    request<{ retried: number }>("POST", "/api/queues/retry", { body: queue ? { queue } : {} }),

  // Alerts and cases: the routes issue 6 describes, with src/detect and src/cases shapes.
  alerts: (query: Query, signal?: AbortSignal) =>
    request<{ alerts: Alert[] }>("GET", "/api/alerts", { query, signal }),
  alert: (id: string, signal?: AbortSignal) =>
    request<{ alert: Alert; series?: AlertPoint[] }>("GET", `/api/alerts/${encodeURIComponent(id)}`, {
      signal,
    }),
  acknowledgeAlert: (id: string) =>
    request<{ alert: Alert; series?: AlertPoint[] }>(
      "POST",
      `/api/alerts/${encodeURIComponent(id)}/acknowledge`,
      {
        body: {},
      },
    ),

  cases: (query: Query, signal?: AbortSignal) =>
    request<{ cases: CaseRecord[] }>("GET", "/api/cases", { query, signal }),
  caseRecord: (id: string, signal?: AbortSignal) =>
    request<{ case: CaseRecord; spread?: SpreadComparison | null }>(
      "GET",
      `/api/cases/${encodeURIComponent(id)}`,
      {
        signal,
      },
    ),
  createCase: (body: {
    title: string;
    alert_ids: string[];
    article_ids?: string[];
    agency?: string | null;
  }) => request<{ case: CaseRecord }>("POST", "/api/cases", { body }),
  /** One action on a case, made on the version the user saw (409 when someone else changed it). */
  caseAction: (id: string, version: number, action: CaseAction) =>
    request<{ case: CaseRecord; spread?: SpreadComparison | null }>(
      "POST",
      `/api/cases/${encodeURIComponent(id)}/actions`,
      { body: { version, action } },
    ),

  compliance: (query: Query, signal?: AbortSignal) =>
    request<ComplianceResponse>("GET", "/api/contracts/compliance", { query, signal }),
};

/** Where the live alert feed is (server-sent events, same session cookie). */
export const ALERT_STREAM_URL = "/api/alerts/stream";

/** A download link for an export of the same query. */
export function exportHref(path: string, query: Query): string {
  return `${path}${queryString(query)}`;
}
