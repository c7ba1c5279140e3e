import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';
import { isFraudReport, isMfaDenied } from './mfa-denied';

const meta: RuleMeta = { id: 'signin.mfa-denied', title: 'MFA prompt denied or reported as fraud', riskLevel: 'High' };

/** The account holder denied an MFA prompt they did not start: the password is likely known. */
export const mfaDenied = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (!isWatchedPrivileged(subject) || !isMfaDenied(r)) return undefined;
    const fraud = isFraudReport(r);
    return signInFinding(r, ctx, subject, meta, fraud ? 'The user reported the MFA prompt as fraud.' : 'The user denied the MFA prompt.', r.ipAddress);
  },
});
