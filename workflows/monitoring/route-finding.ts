import type { Finding } from './finding';

/**
 * Where a finding goes: into the break-glass incident whose declared use it
 * matches; as a page to the manager chain (and the security channel) when an
 * emergency account is used outside one; otherwise to the security channel.
 */
export type FindingRoute = 'incident' | 'page' | 'channel';

export function routeFinding(f: Pick<Finding, 'emergencyAccount' | 'expectedUse'>): FindingRoute {
  if (f.expectedUse) return 'incident';
  if (f.emergencyAccount) return 'page';
  return 'channel';
}
