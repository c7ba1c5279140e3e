import type { PostureCheckResult, PostureSubject } from './posture-types';
import { daysBetween, type TenantView } from './tenant-view';

/** Passwords of privileged accounts (emergency ones too) changed within N days (default 90). */
export function checkPasswordAge(view: TenantView, now: number, maxAgeDays: number): PostureCheckResult {
  const subjects: PostureSubject[] = [];
  for (const u of view.privilegedUsers()) {
    const changed = u.lastPasswordChangeDateTime;
    if (!changed) subjects.push({ id: u.id, name: u.userPrincipalName, reason: 'password change date unknown' });
    else if (daysBetween(changed, now) > maxAgeDays) subjects.push({ id: u.id, name: u.userPrincipalName, reason: `password last changed ${changed.slice(0, 10)}, ${daysBetween(changed, now)} days ago` });
  }
  return {
    id: 'posture.password-age',
    title: `Privileged passwords changed within ${maxAgeDays} days`,
    status: subjects.length ? 'warn' : 'pass',
    summary: subjects.length ? `${subjects.length} privileged account${subjects.length === 1 ? ' has' : 's have'} an old or unknown password age.` : `Every privileged password changed in the last ${maxAgeDays} days.`,
    subjects,
  };
}
