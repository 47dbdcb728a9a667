/**
 * Search: one box (with or without diacritics), filters, highlighted results, facets and export
 * links. The address holds the whole query, so every search is a link.
 */
import { useEffect, useState } from "preact/hooks";
import { api, exportHref, type Query } from "../api/client.ts";
import type { SearchHit, SearchResponse } from "../api/types.ts";
import { Badge, ErrorMessage, Highlighted, Loading, PageTitle } from "../components/common.tsx";
import { DateInput } from "../components/DateInput.tsx";
import { type MessageKey, useI18n } from "../i18n/index.ts";
import { useLoad } from "../lib/load.ts";
import { href, navigate, rememberSearch } from "../lib/router.ts";
import { type LabelKind, type Session, useSession } from "../lib/session.ts";

const PAGE_SIZE = 20;
const MAX_WINDOW = 10_000;
const LIST_FILTERS = ["theme", "agency", "outlet", "outlet_kind", "district", "tone"] as const;
type ListFilter = (typeof LIST_FILTERS)[number];
const TONES = ["negative", "neutral", "positive"] as const;
const SORTS = ["relevance", "newest", "oldest"] as const;

interface SearchState {
  q: string;
  filters: Record<ListFilter, string>;
  from: string;
  to: string;
  sort: string;
  page: number;
}

function readState(params: URLSearchParams): SearchState {
  const filters = Object.fromEntries(LIST_FILTERS.map((name) => [name, params.get(name) ?? ""])) as Record<
    ListFilter,
    string
  >;
  const page = Number(params.get("page") ?? "1");
  return {
    q: params.get("q") ?? "",
    filters,
    from: params.get("from") ?? "",
    to: params.get("to") ?? "",
    sort: params.get("sort") ?? "relevance",
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The address of a search (page 1 unless given). */
function stateQuery(state: SearchState, page = 1): Query {
  return {
    q: state.q.trim(),
    ...state.filters,
    from: state.from,
    to: state.to,
    sort: state.sort === "relevance" ? "" : state.sort,
    page: page > 1 ? page : "",
  };
}

/** The API's parameters for the same search; exports take the filters without paging. */
function apiFilters(state: SearchState): Query {
  return {
    q: state.q.trim(),
    ...state.filters,
    from: state.from,
    to: state.to,
    sort: state.sort,
  };
}

const FACET_LABEL: Record<ListFilter, MessageKey> = {
  theme: "search.theme",
  agency: "search.agency",
  outlet: "search.outlet",
  outlet_kind: "search.outletKind",
  district: "search.district",
  tone: "search.tone",
};

export function facetLabel(
  session: Session,
  t: ReturnType<typeof useI18n>["t"],
  name: ListFilter,
  key: string,
): string {
  if (name === "tone") return t(`tone.${key as (typeof TONES)[number]}`);
  if (name === "outlet_kind") return t(`outletKind.${key as "other"}`);
  return session.label(name as LabelKind, key);
}

export function Search({ params }: { params: URLSearchParams }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const state = readState(params);
  const agencyScope = session.me.user.role === "agency" ? session.me.user.agency : null;
  const [q, setQ] = useState(state.q);
  // Filters start open on a laptop and folded on a phone, where results matter first.
  const [wide] = useState(() => window.matchMedia("(min-width: 761px)").matches);
  useEffect(() => setQ(state.q), [state.q]);

  const key = params.toString();
  useEffect(() => rememberSearch(key), [key]);
  const result = useLoad(
    (signal) =>
      api.search(
        { ...apiFilters(state), size: PAGE_SIZE, offset: (state.page - 1) * PAGE_SIZE, facets: true },
        signal,
      ),
    [key],
  );

  const go = (next: Partial<SearchState>, page = 1) =>
    navigate("/search", stateQuery({ ...state, ...next }, page));
  const setFilter = (name: ListFilter, value: string) => go({ filters: { ...state.filters, [name]: value } });

  const select = (name: ListFilter, label: MessageKey, options: Array<[string, string]>) => (
    <div class="field">
      <label for={`filter-${name}`}>{t(label)}</label>
      <select
        id={`filter-${name}`}
        name={name}
        value={name === "agency" && agencyScope ? agencyScope : state.filters[name]}
        disabled={name === "agency" && agencyScope !== null}
        onChange={(event) => setFilter(name, event.currentTarget.value)}
      >
        <option value="">{t("search.any")}</option>
        {withCurrent(options, state.filters[name], (id) => session.label(name as LabelKind, id)).map(
          ([id, text]) => (
            <option key={id} value={id}>
              {text}
            </option>
          ),
        )}
      </select>
    </div>
  );

  return (
    <div class="search-page">
      <PageTitle>{t("search.title")}</PageTitle>
      <search>
        <form
          class="search-box"
          onSubmit={(event) => {
            event.preventDefault();
            go({ q });
          }}
        >
          <label for="search-q">{t("search.box")}</label>
          <div class="search-row">
            <input
              id="search-q"
              name="q"
              type="search"
              value={q}
              placeholder={t("search.placeholder")}
              maxLength={500}
              onInput={(event) => setQ(event.currentTarget.value)}
            />
            <button type="submit">{t("search.submit")}</button>
          </div>
        </form>
      </search>

      <div class="search-layout">
        <details class="filters" open={wide}>
          <summary>
            <h2 id="filters-title">{t("search.filters")}</h2>
          </summary>
          {select("theme", "search.theme", session.options("theme"))}
          {select("agency", "search.agency", session.options("agency"))}
          {select("outlet", "search.outlet", session.options("outlet"))}
          {select("district", "search.district", session.options("district"))}
          {select(
            "tone",
            "search.tone",
            TONES.map((tone) => [tone, t(`tone.${tone}`)]),
          )}
          <div class="field-row">
            <DateInput
              id="filter-from"
              label={t("search.from")}
              value={state.from}
              onChange={(from) => go({ from })}
            />
            <DateInput id="filter-to" label={t("search.to")} value={state.to} onChange={(to) => go({ to })} />
          </div>
          <div class="field">
            <label for="filter-sort">{t("search.sort")}</label>
            <select
              id="filter-sort"
              value={state.sort}
              onChange={(event) => go({ sort: event.currentTarget.value })}
            >
              {SORTS.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`search.sort.${sort}`)}
                </option>
              ))}
            </select>
          </div>
          <a class="button secondary" href={href("/search", { q: state.q })}>
            {t("search.clear")}
          </a>
        </details>

        <section class="results" aria-labelledby="results-title" aria-busy={result.state === "loading"}>
          <h2 id="results-title" class="visually-hidden">
            {t("search.results")}
          </h2>
          {result.state === "error" && <ErrorMessage error={result.error} onRetry={result.reload} />}
          {result.state === "loading" && !result.data && <Loading />}
          {result.data && (
            <Results
              data={result.data}
              state={state}
              exportQuery={apiFilters(state)}
              canExport={session.can("articles.export")}
              onPage={(page) => go({}, page)}
            />
          )}
        </section>
        {result.data?.facets && <Facets facets={result.data.facets} state={state} onPick={setFilter} />}
      </div>
    </div>
  );
}

/** A value in the address that the plan does not list still shows (by its id). */
function withCurrent(options: Array<[string, string]>, current: string, label: (id: string) => string) {
  if (!current || options.some(([id]) => id === current)) return options;
  return [...options, [current, label(current)] as [string, string]];
}

function Results({
  data,
  state,
  exportQuery,
  canExport,
  onPage,
}: {
  data: SearchResponse;
  state: SearchState;
  exportQuery: Query;
  canExport: boolean;
  onPage(page: number): void;
}) {
  const { t, number } = useI18n();
  const reachable = Math.min(data.total, MAX_WINDOW);
  const hasNext = state.page * PAGE_SIZE < reachable;
  return (
    <>
      <div class="results-bar">
        <p role="status" data-testid="result-total">
          {t("search.total", { count: number(data.total) })}
        </p>
        {canExport && (
          <p class="exports">
            <span class="visually-hidden">{t("search.export")}: </span>
            <a class="button secondary" href={exportHref("/api/articles/search.csv", exportQuery)} download>
              {t("search.exportCsv")}
            </a>
            <a class="button secondary" href={exportHref("/api/articles/search.xlsx", exportQuery)} download>
              {t("search.exportXlsx")}
            </a>
          </p>
        )}
      </div>
      {data.hits.length === 0 ? (
        <p class="notice">{t("search.none")}</p>
      ) : (
        <ol class="result-list" start={(state.page - 1) * PAGE_SIZE + 1}>
          {data.hits.map((hit) => (
            <Result key={hit.id} hit={hit} />
          ))}
        </ol>
      )}
      {(state.page > 1 || hasNext) && (
        <nav class="pager" aria-label={t("search.page", { page: state.page })}>
          <button
            type="button"
            class="secondary"
            disabled={state.page <= 1}
            onClick={() => onPage(state.page - 1)}
          >
            {t("search.prev")}
          </button>
          <span>{t("search.page", { page: state.page })}</span>
          <button type="button" class="secondary" disabled={!hasNext} onClick={() => onPage(state.page + 1)}>
            {t("search.next")}
          </button>
        </nav>
      )}
    </>
  );
}

function Result({ hit }: { hit: SearchHit }) {
  const i18n = useI18n();
  const { t } = i18n;
  const session = useSession();
  const { article, highlight } = hit;
  const title = highlight.title?.[0];
  const snippet = highlight.lead?.[0] ?? highlight.body?.[0];
  const flagged = (article.misinformation?.score ?? 0) >= 0.5;
  return (
    <li class="result" data-testid="result" data-article-id={hit.id}>
      <h3 class="result-title">
        <a href={href(`/articles/${encodeURIComponent(hit.id)}`)}>
          {title ? <Highlighted fragment={title} /> : article.title}
        </a>
      </h3>
      <p class="meta">
        <span>{session.label("outlet", article.outlet)}</span>
        <span aria-hidden="true"> · </span>
        <time dateTime={article.published_at ?? undefined}>{i18n.dateTime(article.published_at)}</time>
      </p>
      <p class="snippet">
        {snippet ? <Highlighted fragment={snippet} /> : article.lead || article.body_excerpt}
      </p>
      <p class="tags">
        {article.themes.map((theme) => (
          <Badge key={theme.id} kind="theme">
            {session.label("theme", theme.id)}
          </Badge>
        ))}
        <Badge kind={`tone-${article.tone.label}`}>{t(`tone.${article.tone.label}`)}</Badge>
        {flagged && <Badge kind="flag">{t("search.flagged")}</Badge>}
      </p>
    </li>
  );
}

function Facets({
  facets,
  state,
  onPick,
}: {
  facets: NonNullable<SearchResponse["facets"]>;
  state: SearchState;
  onPick(name: ListFilter, value: string): void;
}) {
  const { t, number } = useI18n();
  const session = useSession();
  return (
    <section class="facets" aria-labelledby="facets-title">
      <h2 id="facets-title">{t("search.facets")}</h2>
      {LIST_FILTERS.map((name) => {
        const buckets = facets[name] ?? [];
        if (buckets.length === 0) return null;
        return (
          <div class="facet" key={name} data-testid={`facet-${name}`}>
            <h3>{t(FACET_LABEL[name])}</h3>
            <ul>
              {buckets.slice(0, 10).map((bucket) => {
                const label = facetLabel(session, t, name, bucket.key);
                const active = state.filters[name] === bucket.key;
                return (
                  <li key={bucket.key}>
                    <button
                      type="button"
                      class="facet-button"
                      aria-pressed={active}
                      title={t("search.facetFilter", { label })}
                      onClick={() => onPick(name, active ? "" : bucket.key)}
                    >
                      <span>{label}</span>
                      <span class="count">{number(bucket.count)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
