import { ODataError, evaluateFilter, filterPaths, parseFilter, type FilterExpr } from './odata-filter';

/** How one Graph collection answers OData queries. */
export interface CollectionSpec {
  /** Resource name used in error messages, e.g. 'signIn'. */
  resource: string;
  /** Property paths $filter may use (a prefix like 'location' allows 'location/city'). */
  filterable: readonly string[];
  defaultTop: number;
  maxTop: number;
  /** Time-ordered logs: newest first by this property, paged by keyset so new records never shift pages. */
  newestFirstBy?: string;
  /** Properties returned when the caller does not $select (Graph's default set for users). */
  defaultSelect?: readonly string[];
}

export interface CollectionQuery {
  filter?: string;
  top?: string;
  select?: string;
  skiptoken?: string;
}

export interface CollectionPage {
  value: Record<string, unknown>[];
  /** Opaque $skiptoken for the next page, when there is one. */
  nextSkiptoken?: string;
  /** $top to repeat on the nextLink. */
  top: number;
}

interface PageState {
  f?: string;
  s?: string;
  t: number;
  /** keyset cursor [epoch ms, id] for newest-first logs */
  k?: [number, string];
  /** offset for unordered collections */
  o?: number;
}

function encodeState(state: PageState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeState(token: string): PageState {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as PageState;
    if (typeof parsed.t !== 'number') throw new Error('bad token');
    return parsed;
  } catch {
    throw new ODataError('The $skiptoken is invalid or has expired.');
  }
}

function parseTop(raw: string | undefined, spec: CollectionSpec): number {
  if (raw === undefined) return spec.defaultTop;
  const top = Number(raw);
  if (!Number.isInteger(top) || top < 1 || top > spec.maxTop) {
    throw new ODataError(`Invalid page size specified: '${raw}'. Must be between 1 and ${spec.maxTop} inclusive.`, 'Request_UnsupportedQuery');
  }
  return top;
}

function checkFilterable(expr: FilterExpr, spec: CollectionSpec): void {
  for (const path of filterPaths(expr)) {
    const ok = spec.filterable.some((allowed) => path === allowed || path.startsWith(`${allowed}/`));
    if (!ok) throw new ODataError(`Unsupported or invalid query filter clause specified for property '${path}' of resource '${spec.resource}'.`, 'Request_UnsupportedQuery');
  }
}

function project(record: Record<string, unknown>, select: readonly string[] | undefined): Record<string, unknown> {
  if (!select) return record;
  const out: Record<string, unknown> = {};
  // Annotations such as @odata.type survive $select, as in Graph.
  for (const [key, value] of Object.entries(record)) if (key.startsWith('@odata.')) out[key] = value;
  for (const name of select) {
    if (name in record) out[name] = record[name];
  }
  return out;
}

/**
 * Applies $filter, newest-first order, $top, $select and $skiptoken to an
 * in-memory collection. The page state (filter, select, cursor) travels in the
 * opaque skiptoken, as Graph's does, so the nextLink needs nothing else.
 */
export function queryCollection<T extends { id: string }>(items: readonly T[], query: CollectionQuery, spec: CollectionSpec): CollectionPage {
  const state: PageState = query.skiptoken !== undefined ? decodeState(query.skiptoken) : { f: query.filter, s: query.select, t: parseTop(query.top, spec) };
  if (query.skiptoken !== undefined && query.top !== undefined) state.t = parseTop(query.top, spec);
  const expr = state.f !== undefined && state.f.trim() !== '' ? parseFilter(state.f) : undefined;
  if (expr) checkFilterable(expr, spec);
  const select = state.s !== undefined && state.s.trim() !== '' ? state.s.split(',').map((s) => s.trim()) : spec.defaultSelect;

  const matches = (item: T): boolean => (expr ? evaluateFilter(expr, item) : true);
  const page: T[] = [];
  let more = false;

  if (spec.newestFirstBy) {
    const key = spec.newestFirstBy;
    const timeOf = (item: T): number => Date.parse(String((item as unknown as Record<string, unknown>)[key]));
    const keyed = items.map((item) => ({ item, t: timeOf(item) }));
    keyed.sort((a, b) => (a.t === b.t ? (a.item.id < b.item.id ? 1 : -1) : b.t - a.t));
    const cursor = state.k;
    let lastTime = 0;
    for (const { item, t } of keyed) {
      if (cursor) {
        const after = t < cursor[0] || (t === cursor[0] && item.id < cursor[1]);
        if (!after) continue;
      }
      if (!matches(item)) continue;
      if (page.length === state.t) {
        more = true;
        break;
      }
      page.push(item);
      lastTime = t;
    }
    const last = page[page.length - 1];
    const next = more && last ? encodeState({ ...state, k: [lastTime, last.id], o: undefined }) : undefined;
    return { value: page.map((r) => project(r as unknown as Record<string, unknown>, select)), nextSkiptoken: next, top: state.t };
  }

  const offset = state.o ?? 0;
  let seen = 0;
  for (const item of items) {
    if (!matches(item)) continue;
    if (seen++ < offset) continue;
    if (page.length === state.t) {
      more = true;
      break;
    }
    page.push(item);
  }
  const next = more ? encodeState({ ...state, o: offset + page.length }) : undefined;
  return { value: page.map((r) => project(r as unknown as Record<string, unknown>, select)), nextSkiptoken: next, top: state.t };
}
