import { graphCall, type GraphDeps } from './graph-call';
import type { OperationInfo } from './graph-error-map';

/** A Graph collection page as it comes over the wire. */
export interface GraphPage<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

/**
 * Follows @odata.nextLink one page at a time, yielding each page mapped.
 * Nothing is fetched ahead and no page is kept once yielded, so memory stays
 * at one page however long the window is.
 */
export async function* pageStream<Raw, Out>(
  deps: GraphDeps,
  info: OperationInfo & { paced?: boolean },
  first: () => Promise<GraphPage<Raw>>,
  map: (raw: Raw) => Out,
): AsyncGenerator<Out[]> {
  let next: string | undefined;
  let fetch: () => Promise<GraphPage<Raw>> = first;
  for (;;) {
    const page = await graphCall(deps, info, fetch);
    next = page['@odata.nextLink'];
    const mapped = (page.value ?? []).map(map);
    yield mapped;
    if (!next) return;
    const link = next;
    fetch = () => deps.client.api(link).get() as Promise<GraphPage<Raw>>;
  }
}

/** Small directory collections (roles, members, domains): every page, gathered. */
export async function collectAll<Raw, Out>(deps: GraphDeps, info: OperationInfo, first: () => Promise<GraphPage<Raw>>, map: (raw: Raw) => Out): Promise<Out[]> {
  const out: Out[] = [];
  for await (const page of pageStream(deps, info, first, map)) out.push(...page);
  return out;
}
