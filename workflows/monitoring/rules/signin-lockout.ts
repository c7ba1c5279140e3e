import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.lockout', title: 'Privileged account locked out', riskLevel: 'High' };

/** Error 50053: the account is locked after too many attempts, or the IP is blocked. */
export const lockout = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 50053 || !isWatchedPrivileged(subject)) return undefined;
    return signInFinding(r, ctx, subject, meta, `Sign-in refused because the account is locked (50053)${r.ipAddress ? ` from ${r.ipAddress}` : ''}.`);
  },
});
