import type { UserRegistrationDetails } from '../../../workflows/graph-records';
import { isBreakglassError } from '../../../bot/core/errors';
import { graphCall, type GraphDeps } from '../graph-call';
import { collectAll, type GraphPage } from '../paging';
import { toRegistrationDetails, type Wire } from '../record-mappers';

const FIELDS = ['id', 'userPrincipalName', 'isAdmin', 'isMfaRegistered', 'methodsRegistered'];

/**
 * MFA registration per user. With ids: one GET each (posture asks about a
 * handful of privileged accounts; users Graph has no details for, such as
 * disabled ones, are left out). Without: the whole tenant, page by page.
 */
export async function userRegistrationDetails(deps: GraphDeps, userIds?: string[]): Promise<UserRegistrationDetails[]> {
  const info = { op: 'userRegistrationDetails', feature: 'registration' as const, notFound: 'registration details for that user' };
  if (userIds === undefined) {
    return collectAll(
      deps,
      info,
      () => deps.client.api('/reports/authenticationMethods/userRegistrationDetails').select(FIELDS).get() as Promise<GraphPage<Wire<UserRegistrationDetails>>>,
      toRegistrationDetails,
    );
  }
  const out: UserRegistrationDetails[] = [];
  for (const id of userIds) {
    try {
      const raw = await graphCall(deps, info, () => deps.client.api(`/reports/authenticationMethods/userRegistrationDetails/${encodeURIComponent(id)}`).get() as Promise<Wire<UserRegistrationDetails>>);
      out.push(toRegistrationDetails(raw));
    } catch (e) {
      if (isBreakglassError(e) && e.code === 'graph.not_found') continue;
      throw e;
    }
  }
  return out;
}
