import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.disabled-account', title: 'Sign-in attempt on a disabled privileged account', riskLevel: 'Low' };

/** Error 50057: someone tried a disabled privileged account, e.g. of a leaver. */
export const disabledAccount = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 50057 || !isWatchedPrivileged(subject)) return undefined;
    return signInFinding(r, ctx, subject, meta, `Sign-in to a disabled account was refused (50057)${r.ipAddress ? ` from ${r.ipAddress}` : ''}.`);
  },
});
