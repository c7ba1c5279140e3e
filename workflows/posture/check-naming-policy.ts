import type { PostureCheckResult, PostureSubject } from './posture-types';
import type { TenantView } from './tenant-view';

/** Privileged accounts named with the admin prefix (e.g. adm-), so day-to-day accounts hold no admin roles. */
export function checkNamingPolicy(view: TenantView, prefix: string): PostureCheckResult {
  const id = 'posture.naming-policy';
  const title = 'Privileged accounts follow the naming policy';
  if (!prefix) return { id, title, status: 'pass', summary: 'No naming prefix is configured.', subjects: [] };
  const p = prefix.toLowerCase();
  const subjects: PostureSubject[] = view
    .privilegedUsers()
    .filter((u) => !view.isEmergency(u) && !u.userPrincipalName.toLowerCase().startsWith(p))
    .map((u) => ({ id: u.id, name: u.userPrincipalName, reason: `does not start with '${prefix}'` }));
  return {
    id,
    title,
    status: subjects.length ? 'warn' : 'pass',
    summary: subjects.length ? `${subjects.length} privileged account${subjects.length === 1 ? '' : 's'} without the '${prefix}' prefix.` : `Every privileged account starts with '${prefix}'.`,
    subjects,
  };
}
