import type { GraphPort } from '../../../bot/ports/graph-port';
import type { RoleAssignmentScheduleRequest } from '../../../workflows/graph-records';
import { graphCall, type GraphDeps } from '../graph-call';
import { and, encodeQueryValue, quote } from '../odata';
import { collectAll, type GraphPage } from '../paging';
import { toAssignmentRequest, type Wire } from '../record-mappers';

type CreateRequest = Parameters<GraphPort['createAssignmentRequest']>[0];

/**
 * adminAssign (time-bound, AfterDuration) or adminRemove through PIM. Not
 * idempotent: the caller tags the justification with its request id and, if
 * the outcome is unknown, lists requests before trying again. A 429 is
 * retried in-process (Graph did not act on it); nothing else is.
 */
export function createAssignmentRequest(deps: GraphDeps, request: CreateRequest): Promise<RoleAssignmentScheduleRequest> {
  const body: Record<string, unknown> = {
    action: request.action,
    principalId: request.principalId,
    roleDefinitionId: request.roleDefinitionId,
    directoryScopeId: '/',
    justification: request.justification,
  };
  if (request.action === 'adminAssign') {
    body.scheduleInfo = {
      startDateTime: request.startDateTime ?? new Date(deps.clock.now()).toISOString(),
      expiration: request.duration ? { type: 'AfterDuration', duration: request.duration } : { type: 'NoExpiration' },
    };
  }
  if (request.ticketNumber) body.ticketInfo = { ticketNumber: request.ticketNumber, ticketSystem: 'breakglass' };
  return graphCall(deps, { op: 'createAssignmentRequest', feature: 'grant', notFound: 'such user or role' }, async () =>
    toAssignmentRequest((await deps.client.api('/roleManagement/directory/roleAssignmentScheduleRequests').post(body)) as Wire<RoleAssignmentScheduleRequest>),
  );
}

/** Assignment schedule requests by principal, role and/or status (e.g. PendingApproval). */
export function assignmentRequests(deps: GraphDeps, filter: { principalId?: string; roleDefinitionId?: string; status?: string }): Promise<RoleAssignmentScheduleRequest[]> {
  const expr = and(
    filter.principalId ? `principalId eq ${quote(filter.principalId)}` : undefined,
    filter.roleDefinitionId ? `roleDefinitionId eq ${quote(filter.roleDefinitionId)}` : undefined,
    filter.status ? `status eq ${quote(filter.status)}` : undefined,
  );
  return collectAll(
    deps,
    { op: 'assignmentRequests', feature: 'pimRequests' },
    () => {
      const q = deps.client.api('/roleManagement/directory/roleAssignmentScheduleRequests');
      return (expr ? q.filter(encodeQueryValue(expr)) : q).get() as Promise<GraphPage<Wire<RoleAssignmentScheduleRequest>>>;
    },
    toAssignmentRequest,
  );
}
