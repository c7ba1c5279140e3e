import type { TimeWindow } from '../../../bot/ports/graph-port';
import type { DirectoryAudit } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { and, dateTime, encodeQueryValue, quote } from '../odata';
import { pageStream, type GraphPage } from '../paging';
import { toDirectoryAudit, type Wire } from '../record-mappers';

/** Graph documents 1000 as the sign-in page maximum; audits are kept at 999, the limit most directory APIs share. */
const AUDIT_MAX_TOP = 999;

/** Directory audits in a time window (optionally one category, e.g. RoleManagement), newest first, a page at a time. */
export async function* directoryAudits(deps: GraphDeps, window: TimeWindow & { category?: string }): AsyncGenerator<DirectoryAudit[]> {
  const until = window.until ?? new Date(deps.clock.now()).toISOString();
  const filter = and(`activityDateTime ge ${dateTime(window.since)}`, `activityDateTime le ${dateTime(until)}`, window.category ? `category eq ${quote(window.category)}` : undefined);
  const first = () => deps.client.api('/auditLogs/directoryAudits').filter(encodeQueryValue(filter)).top(Math.min(deps.logPageSize, AUDIT_MAX_TOP)).get() as Promise<GraphPage<Wire<DirectoryAudit>>>;
  yield* pageStream(deps, { op: 'directoryAudits', feature: 'directoryAudits', paced: true }, first, toDirectoryAudit);
}
