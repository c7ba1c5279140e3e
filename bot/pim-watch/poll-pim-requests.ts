import type { RoleAssignmentScheduleRequest, RoleDefinition } from '../../workflows/graph-records';
import type { ElevationContext, ElevationEvent } from '../../workflows/pim-elevation/types';
import type { Config } from '../config/schema';
import { isBreakglassError } from '../core/errors';
import type { Platform } from '../core/platform';
import type { HandlerDeps } from '../handlers/handler-deps';
import { idFromDelivery } from '../handlers/ids';
import type { WorkflowView } from '../runtime/workflow-types';
import { pimDecider } from './pim-decider';
import { approversPlace, pimRequestInput } from './pim-request-input';
import { followsPim, newPimStatus, pimEndsAt } from './pim-status';
import { ELEVATION_KIND } from '../../workflows/pim-elevation/kind';

type Policy = Config['elevation']['policies'][number];

export interface PimWatchDeps extends Pick<HandlerDeps, 'config' | 'runtime' | 'graph' | 'clock' | 'logger' | 'authz'> {
  /** Platforms the bot can post to, home first: pim-mode cards live in the approvers channel of the first that has one. */
  platforms: readonly Platform[];
}

/** The workflow id for a PIM request: the same on every poll and every replica, so each request gets one card. */
export function pimWorkflowId(pimRequestId: string): string {
  return idFromDelivery('PIM', `pim-request:${pimRequestId}`);
}

/**
 * One pass of the PIM watch for roles whose grant mode is `pim`: every
 * PendingApproval request becomes an elevation workflow (its card goes to
 * the approvers with a link to PIM's approval page), and every open one is
 * told when PIM's status for it changes. PIM decides; the bot shows, escalates
 * and verifies. Returns how many workflows started or changed.
 */
export async function pollPimRequests(deps: PimWatchDeps): Promise<number> {
  const open = (await deps.runtime.list<ElevationContext>(ELEVATION_KIND, 'active')).filter((v) => v.context.mode === 'pim' && v.context.pim && followsPim(v.context.phase));
  const policies = deps.config.elevation.policies.filter((p) => p.grantMode === 'pim');
  if (policies.length === 0 && open.length === 0) return 0;
  const requests = new RequestCache(deps);
  let changed = 0;
  try {
    if (policies.length > 0) changed += await startNew(deps, await pimRoles(deps, policies), requests);
  } catch (err) {
    deps.logger.warn({ err }, 'PIM watch could not list pending PIM requests');
  }
  for (const view of open) {
    try {
      if (await follow(deps, view, requests)) changed += 1;
    } catch (err) {
      deps.logger.warn({ err, workflowId: view.row.id }, 'PIM watch could not read the status of a PIM request');
    }
  }
  return changed;
}

async function pimRoles(deps: PimWatchDeps, policies: Policy[]): Promise<Map<string, { role: RoleDefinition; policy: Policy }>> {
  const roles = new Map<string, { role: RoleDefinition; policy: Policy }>();
  for (const policy of policies) {
    const role = await deps.graph.resolveRole(policy.role);
    if (role) roles.set(role.id, { role, policy });
    else deps.logger.warn({ role: policy.role }, 'a pim-mode policy names a role Graph does not know; its requests are not watched');
  }
  return roles;
}

async function startNew(deps: PimWatchDeps, roles: Map<string, { role: RoleDefinition; policy: Policy }>, requests: RequestCache): Promise<number> {
  let started = 0;
  for (const request of await requests.pending()) {
    const watched = roles.get(request.roleDefinitionId);
    if (!watched) continue;
    const id = pimWorkflowId(request.id);
    if (await deps.runtime.get(id)) continue;
    const home = approversPlace(deps.config, deps.platforms);
    if (!home) {
      deps.logger.warn({ pimRequestId: request.id }, 'a PIM request waits for approval but no approvers channel is configured on any connected platform');
      return started;
    }
    const input = await pimRequestInput(deps, id, request, watched.role, watched.policy);
    try {
      await deps.runtime.start(ELEVATION_KIND, id, input, {
        home,
        actor: { entraId: request.principalId, name: input.requester.name },
        auditType: 'elevation.pim-request-seen',
      });
      started += 1;
    } catch (err) {
      // Another replica saw it first.
      if (!(isBreakglassError(err) && err.code === 'workflow.conflict')) throw err;
    }
  }
  return started;
}

async function follow(deps: PimWatchDeps, view: WorkflowView<ElevationContext>, requests: RequestCache): Promise<boolean> {
  const { context } = view;
  const pimRequestId = context.pim!.requestId;
  const request = (await requests.of(context.requester.id, context.role.id)).find((r) => r.id === pimRequestId);
  if (!request) return false;
  const status = newPimStatus(context.phase, request);
  if (!status) return false;
  const now = deps.clock.now();
  const by = await pimDecider(deps.graph, request, status, now);
  const endsAt = pimEndsAt(request);
  const event: ElevationEvent = { type: 'pim.status', status, at: now, ...(by ? { actor: by } : {}), ...(status === 'Provisioned' && endsAt !== undefined ? { endsAt } : {}) };
  // One delivery per status per request, however many polls or replicas see it.
  const result = await deps.runtime.send(view.row.id, event, { deliveryKey: `pim-status:${pimRequestId}:${status}`, auditType: 'elevation.pim-status' });
  return result.changed;
}

/** Graph reads for one pass, so several workflows for one person and role cost one request. */
class RequestCache {
  private pendingList: Promise<RoleAssignmentScheduleRequest[]> | undefined;
  private readonly byTarget = new Map<string, Promise<RoleAssignmentScheduleRequest[]>>();

  constructor(private readonly deps: PimWatchDeps) {}

  pending(): Promise<RoleAssignmentScheduleRequest[]> {
    this.pendingList ??= this.deps.graph.assignmentRequests({ status: 'PendingApproval' });
    return this.pendingList;
  }

  of(principalId: string, roleDefinitionId: string): Promise<RoleAssignmentScheduleRequest[]> {
    const key = `${principalId}|${roleDefinitionId}`;
    let found = this.byTarget.get(key);
    if (!found) {
      found = this.deps.graph.assignmentRequests({ principalId, roleDefinitionId });
      this.byTarget.set(key, found);
    }
    return found;
  }
}
