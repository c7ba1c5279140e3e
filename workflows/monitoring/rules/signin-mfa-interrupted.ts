import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.mfa-interrupted', title: 'Privileged sign-in interrupted for strong authentication', riskLevel: 'Medium' };

/**
 * Error 50074: the password was accepted and strong authentication was asked
 * for. Part of every normal MFA sign-in too, hence the table's lower of
 * High/Medium; it matters when no success follows.
 */
export const mfaInterrupted = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (r.status.errorCode !== 50074 || !isWatchedPrivileged(subject)) return undefined;
    return signInFinding(r, ctx, subject, meta, 'The password was accepted and MFA was required (50074).', r.ipAddress);
  },
});
