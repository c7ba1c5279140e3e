import type { ExistingElevation } from './validate-request';
import type { ElevationSummary } from './elevation-summary';
import type { ElevationContext, ElevationPhase } from './types';

/**
 * Where a request stands for lists and duplicate checks: waiting for a
 * decision or a grant, holding the role, winding down, or closed.
 */
export type Standing = 'pending' | 'active' | 'ending' | 'closed';

const STANDING: Record<ElevationPhase, Standing> = {
  'awaiting-approval': 'pending',
  'awaiting-pim': 'pending',
  'approved-in-pim': 'pending',
  'checking-mfa': 'pending',
  'awaiting-mfa': 'pending',
  granting: 'pending',
  'grant-stalled': 'pending',
  active: 'active',
  revoking: 'active',
  verifying: 'ending',
  'still-present': 'ending',
  'verify-failed': 'ending',
  removing: 'ending',
  ended: 'closed',
  denied: 'closed',
  withdrawn: 'closed',
  expired: 'closed',
  'grant-failed': 'closed',
  'already-assigned': 'closed',
  revoked: 'closed',
};

export function standingOf(context: Pick<ElevationContext, 'phase'>): Standing {
  return STANDING[context.phase];
}

/** The request as the duplicate rule sees it, or undefined once it no longer blocks a new one. */
export function asExistingElevation(context: ElevationSummary): ExistingElevation | undefined {
  const standing = standingOf(context);
  if (standing !== 'pending' && standing !== 'active') return undefined;
  return { requestId: context.requestId, requesterId: context.requester.id, roleDefinitionId: context.role.id, state: standing };
}

/** When the current wait runs out: the grant's end while active, else the request's expiry. */
export function deadlineOf(context: ElevationSummary): number | undefined {
  const standing = standingOf(context);
  if (standing === 'active') return context.grant?.endsAt;
  if (standing === 'pending' && context.phase !== 'approved-in-pim' && context.staleAt === undefined) return context.requestedAt + context.delays.expireAfterMs;
  return undefined;
}
