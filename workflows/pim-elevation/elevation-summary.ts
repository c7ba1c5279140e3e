import type { ElevationContext } from './types';

/**
 * What lists of requests read (`elevations`, the one-open-request-per-role
 * rule): stored beside each request's snapshot at every step, so listing every
 * open request reads these few fields instead of every whole snapshot.
 */
export type ElevationSummary = Pick<
  ElevationContext,
  'requestId' | 'mode' | 'requester' | 'role' | 'approvalsRequired' | 'delays' | 'requestedAt' | 'phase' | 'approvals' | 'staleAt' | 'grant'
>;

export function summarizeElevation(c: ElevationContext): ElevationSummary {
  return {
    requestId: c.requestId,
    mode: c.mode,
    requester: c.requester,
    role: c.role,
    approvalsRequired: c.approvalsRequired,
    delays: c.delays,
    requestedAt: c.requestedAt,
    phase: c.phase,
    approvals: c.approvals,
    ...(c.staleAt !== undefined ? { staleAt: c.staleAt } : {}),
    ...(c.grant ? { grant: c.grant } : {}),
  };
}
