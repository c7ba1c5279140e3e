import { parseDuration } from '../../workflows/duration';
import type { ElevationInput } from '../../workflows/pim-elevation/types';
import type { HandlerDeps } from './handler-deps';

/** What every elevation starts with besides the request itself: who decides, who is escalated to, and when. */
export type ElevationAudience = Pick<ElevationInput, 'approverIds' | 'approverPeople' | 'dmApprovers' | 'managerPeople' | 'delays'>;

/**
 * The approver set and escalation timings from config, as the request is
 * made. Buttons use `approverIds` only to decide who sees them; the router
 * checks the clicker's role again at the moment of the click.
 */
export async function elevationAudience(deps: Pick<HandlerDeps, 'config' | 'graph' | 'authz'>): Promise<ElevationAudience> {
  const e = deps.config.elevation;
  return {
    approverIds: await approverIds(deps),
    approverPeople: deps.config.roles.approvers.filter((b) => deps.config.people[b]),
    dmApprovers: e.dmApprovers,
    managerPeople: deps.authz.managerLevels().flat(),
    delays: { remindAfterMs: parseDuration(e.remindAfter)!, escalateAfterMs: parseDuration(e.escalateAfter)!, expireAfterMs: parseDuration(e.expireAfter)! },
  };
}

async function approverIds(deps: Pick<HandlerDeps, 'config' | 'graph'>): Promise<string[]> {
  const ids = new Set<string>();
  for (const b of deps.config.roles.approvers) {
    if (b.startsWith('group:')) (await deps.graph.groupMemberIds(b.slice(6)).catch(() => [])).forEach((id) => ids.add(id));
    else if (b.startsWith('entra:')) ids.add(b.slice(6));
    else if (deps.config.people[b]?.entraObjectId) ids.add(deps.config.people[b]!.entraObjectId!);
  }
  return [...ids];
}
