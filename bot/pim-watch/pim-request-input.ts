import { parseDuration } from '../../workflows/duration';
import type { RoleAssignmentScheduleRequest, RoleDefinition } from '../../workflows/graph-records';
import type { ElevationInput } from '../../workflows/pim-elevation/types';
import type { Config } from '../config/schema';
import type { Place, Platform } from '../core/platform';
import { personKeyOf } from '../config/person-key';
import { elevationAudience } from '../handlers/elevation-input';
import { requesterRisk } from '../handlers/elevation-risk';
import type { HandlerDeps } from '../handlers/handler-deps';
import { pimRequestedMs } from './pim-status';

type Policy = Config['elevation']['policies'][number];

/** A PendingApproval request from PIM as the start of a pim-mode elevation workflow. */
export async function pimRequestInput(
  deps: Pick<HandlerDeps, 'config' | 'graph' | 'authz' | 'clock'>,
  workflowId: string,
  request: RoleAssignmentScheduleRequest,
  role: RoleDefinition,
  policy: Policy,
): Promise<ElevationInput> {
  const now = deps.clock.now();
  const principalId = request.principalId;
  const personKey = personKeyOf(deps.config, principalId);
  const name = (personKey && deps.config.people[personKey]?.name) || (await deps.graph.user(principalId).catch(() => undefined))?.displayName || principalId;
  const risk = await requesterRisk(deps.graph, deps.config, principalId, now);
  const ticket = request.ticketInfo?.ticketNumber?.trim();
  return {
    requestId: workflowId,
    mode: 'pim',
    requester: { id: principalId, name, person: personKey ?? `entra:${principalId}` },
    role: { id: role.id, displayName: role.displayName },
    durationMs: pimRequestedMs(request) ?? (policy.maxDuration ? parseDuration(policy.maxDuration) : undefined) ?? 3_600_000,
    justification: request.justification?.trim() || '(none given in PIM)',
    ...(ticket ? { ticket } : {}),
    approvalsRequired: 1,
    ...(await elevationAudience(deps)),
    requestedAt: now,
    ...(risk ? { riskContext: risk } : {}),
    pim: { requestId: request.id },
  };
}

/** Where a pim-mode card lives: the approvers channel on the first platform that has one. */
export function approversPlace(config: Config, platforms: readonly Platform[]): Place | undefined {
  for (const platform of platforms) {
    const conversationId = config.channels.approvers[platform];
    if (conversationId) return { platform, conversationId };
  }
  return undefined;
}
