import type { PostureCheckResult, PostureData, PostureSubject } from './posture-types';
import type { TenantView } from './tenant-view';

/**
 * Privileged accounts registered for MFA (userRegistrationDetails). The
 * roadmap asks this of every admin other than the emergency accounts.
 */
export function checkMfaRegistration(view: TenantView, data: PostureData): PostureCheckResult {
  const byId = new Map(data.registrationDetails.map((r) => [r.id.toLowerCase(), r]));
  const byUpn = new Map(data.registrationDetails.map((r) => [r.userPrincipalName.toLowerCase(), r]));
  const missing: PostureSubject[] = [];
  const unknown: PostureSubject[] = [];
  for (const u of view.privilegedUsers()) {
    if (view.isEmergency(u)) continue;
    const reg = byId.get(u.id.toLowerCase()) ?? byUpn.get(u.userPrincipalName.toLowerCase());
    if (!reg) unknown.push({ id: u.id, name: u.userPrincipalName, reason: 'no registration details returned' });
    else if (!reg.isMfaRegistered) missing.push({ id: u.id, name: u.userPrincipalName, reason: 'not registered for MFA' });
  }
  const status = missing.length ? 'fail' : unknown.length ? 'warn' : 'pass';
  const summary = missing.length
    ? `${missing.length} privileged account${missing.length === 1 ? ' is' : 's are'} not registered for MFA.`
    : unknown.length
      ? `MFA registration of ${unknown.length} privileged account${unknown.length === 1 ? '' : 's'} could not be read.`
      : 'Every privileged account is registered for MFA.';
  return { id: 'posture.mfa-registration', title: 'Privileged accounts registered for MFA', status, summary, subjects: [...missing, ...unknown] };
}
