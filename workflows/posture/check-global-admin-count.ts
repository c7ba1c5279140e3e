import type { PostureCheckResult, PostureSubject } from './posture-types';
import type { TenantView } from './tenant-view';

/** Global Administrators, active or eligible; more than the configured count (default 5) is a warning. */
export function checkGlobalAdminCount(view: TenantView, max: number): PostureCheckResult {
  const kinds = new Map<string, Set<string>>();
  for (const h of view.holdings) {
    if (!view.isGlobalAdmin(h)) continue;
    const key = h.principalId.toLowerCase();
    const set = kinds.get(key) ?? new Set<string>();
    set.add(h.kind);
    kinds.set(key, set);
  }
  const subjects: PostureSubject[] = [...kinds.entries()]
    .map(([pid, set]) => ({ id: pid, name: view.nameOf(pid), reason: [...set].sort().join(', ') }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const n = subjects.length;
  return {
    id: 'posture.global-admin-count',
    title: `No more than ${max} Global Administrators`,
    status: n > max ? 'warn' : 'pass',
    summary: `${n} principal${n === 1 ? '' : 's'} hold${n === 1 ? 's' : ''} Global Administrator (active or eligible); the limit is ${max}.`,
    subjects: n > max ? subjects : [],
  };
}
