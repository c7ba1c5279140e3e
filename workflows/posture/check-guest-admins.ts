import type { PostureCheckResult, PostureSubject } from './posture-types';
import type { TenantView } from './tenant-view';

const CONSUMER_DOMAINS = /(^|[_.@])(outlook|hotmail|live|msn|passport)\.[a-z.]+(#ext#|$)/i;

/**
 * Guests and personal Microsoft accounts holding admin roles: their
 * credentials live outside the tenant's controls.
 */
export function checkGuestAdmins(view: TenantView): PostureCheckResult {
  const subjects: PostureSubject[] = [];
  for (const u of view.privilegedUsers()) {
    const upn = u.userPrincipalName.toLowerCase();
    const external = upn.includes('#ext#') || (u.userType ?? '').toLowerCase() === 'guest';
    if (!external) continue;
    const personal = CONSUMER_DOMAINS.test(upn.split('#ext#')[0] ?? upn) || CONSUMER_DOMAINS.test(u.mail ?? '');
    subjects.push({ id: u.id, name: u.userPrincipalName, reason: personal ? 'personal Microsoft account' : 'guest account' });
  }
  return {
    id: 'posture.guest-admins',
    title: 'No guest or personal Microsoft accounts in admin roles',
    status: subjects.length ? 'fail' : 'pass',
    summary: subjects.length ? `${subjects.length} guest or personal account${subjects.length === 1 ? ' holds' : 's hold'} an admin role.` : 'Only member work accounts hold admin roles.',
    subjects,
  };
}
