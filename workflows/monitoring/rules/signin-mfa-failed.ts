import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';
import { isMfaDenied } from './mfa-denied';

const meta: RuleMeta = { id: 'signin.mfa-failed', title: 'Strong authentication failed on a privileged account', riskLevel: 'High' };

/**
 * Error 500121: the strong-authentication step failed. Denials and fraud
 * reports are the louder signin.mfa-denied finding instead, not both.
 */
export const mfaFailed = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 500121 || !isWatchedPrivileged(subject) || isMfaDenied(r)) return undefined;
    return signInFinding(r, ctx, subject, meta, `The MFA step failed (500121)${r.status.additionalDetails ? `: ${r.status.additionalDetails}` : ''}.`, r.ipAddress);
  },
});
