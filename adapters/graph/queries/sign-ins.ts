import type { TimeWindow } from '../../../bot/ports/graph-port';
import type { SignIn } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { and, anyOf, dateTime, encodeQueryValue } from '../odata';
import { pageStream, type GraphPage } from '../paging';
import { toSignIn, type Wire } from '../record-mappers';

/** Past this many users, filtering locally beats a filter Graph may find too long. */
const MAX_SERVER_SIDE_USERS = 15;

/**
 * Sign-ins in a time window, newest first, one page at a time. One query for
 * the whole window (Graph allows about 5 sign-in requests per 10 s): classify
 * error codes locally, never one query per code. `beta` reads the beta
 * endpoint for authenticationRequirement and includes non-interactive sign-ins.
 */
export async function* signIns(deps: GraphDeps, window: TimeWindow & { userIds?: string[]; beta?: boolean }): AsyncGenerator<SignIn[]> {
  const until = window.until ?? new Date(deps.clock.now()).toISOString();
  const users = window.userIds ?? [];
  const serverSide = users.length > 0 && users.length <= MAX_SERVER_SIDE_USERS;
  const filter = and(
    `createdDateTime ge ${dateTime(window.since)}`,
    `createdDateTime le ${dateTime(until)}`,
    serverSide ? anyOf('userId', users) : undefined,
    window.beta ? "(signInEventTypes/any(t: t eq 'interactiveUser') or signInEventTypes/any(t: t eq 'nonInteractiveUser'))" : undefined,
  );
  const wanted = users.length > 0 && !serverSide ? new Set(users.map((u) => u.toLowerCase())) : undefined;
  const first = () =>
    deps.client
      .api('/auditLogs/signIns')
      .version(window.beta ? 'beta' : 'v1.0')
      .filter(encodeQueryValue(filter))
      .top(deps.logPageSize)
      .get() as Promise<GraphPage<Wire<SignIn>>>;
  for await (const page of pageStream(deps, { op: 'signIns', feature: 'signIns', paced: true }, first, toSignIn)) {
    yield wanted ? page.filter((s) => wanted.has(s.userId.toLowerCase())) : page;
  }
}
