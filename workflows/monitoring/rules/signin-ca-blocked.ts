import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.ca-blocked', title: 'Privileged sign-in blocked by Conditional Access', riskLevel: 'High' };

/** Error 53003: Conditional Access blocked the sign-in. Someone may hold the password. */
export const caBlocked = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 53003 || !isWatchedPrivileged(subject)) return undefined;
    return signInFinding(r, ctx, subject, meta, `Conditional Access blocked the sign-in (53003)${r.appDisplayName ? ` to ${r.appDisplayName}` : ''}.`, r.ipAddress);
  },
});
