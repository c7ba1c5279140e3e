import type { PostureCheckResult, PostureData, PostureSubject } from './posture-types';
import { daysBetween, type TenantView } from './tenant-view';

/** Each emergency account signed in successfully (was tested) within the last N days (default 90). */
export function checkEmergencyTested(view: TenantView, data: PostureData, accounts: ReadonlyArray<{ upn?: string; id?: string }>, now: number, maxAgeDays: number): PostureCheckResult {
  const id = 'posture.emergency-tested';
  const title = `Emergency access accounts tested within ${maxAgeDays} days`;
  const stale: PostureSubject[] = [];
  for (const ref of accounts) {
    const user = view.userByRef(ref);
    const upn = (user?.userPrincipalName ?? ref.upn ?? '').toLowerCase();
    const uid = (user?.id ?? ref.id ?? '').toLowerCase();
    let last: string | undefined;
    const consider = (t: string | undefined): void => {
      if (t && (!last || Date.parse(t) > Date.parse(last))) last = t;
    };
    for (const s of data.emergencySignIns ?? []) {
      if (s.status.errorCode === 0 && (s.userId.toLowerCase() === uid || s.userPrincipalName.toLowerCase() === upn)) consider(s.createdDateTime);
    }
    for (const [k, v] of Object.entries(data.lastSuccessfulSignIn ?? {})) {
      if (k.toLowerCase() === uid || k.toLowerCase() === upn) consider(v);
    }
    const name = user?.userPrincipalName ?? ref.upn ?? ref.id ?? 'unknown';
    if (!last) stale.push({ id: user?.id ?? ref.id ?? name, name, reason: 'no successful sign-in on record' });
    else if (daysBetween(last, now) > maxAgeDays) stale.push({ id: user?.id ?? ref.id ?? name, name, reason: `last tested ${last.slice(0, 10)}, ${daysBetween(last, now)} days ago` });
  }
  if (accounts.length === 0) return { id, title, status: 'warn', summary: 'No emergency access accounts are configured, so none can be tested.', subjects: [] };
  return {
    id,
    title,
    status: stale.length ? 'warn' : 'pass',
    summary: stale.length ? `${stale.length} of ${accounts.length} emergency accounts have not been tested in ${maxAgeDays} days.` : `All ${accounts.length} emergency accounts were tested in the last ${maxAgeDays} days.`,
    subjects: stale,
  };
}
