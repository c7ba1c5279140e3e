import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.identity-protection-risk', title: 'Identity Protection flagged a privileged sign-in', riskLevel: 'High' };

const RISKY_LEVELS = new Set(['low', 'medium', 'high']);
const AT_RISK = new Set(['atRisk', 'confirmedCompromised']);
const CLEARED = new Set(['confirmedSafe', 'remediated', 'dismissed']);

/**
 * Identity Protection saw risk in the sign-in. 'hidden' (no P2 licence) and
 * risk an admin already cleared do not count.
 */
export const identityProtectionRisk = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (!isWatchedPrivileged(subject)) return undefined;
    const level = r.riskLevelDuringSignIn ?? 'none';
    const state = r.riskState ?? 'none';
    const risky = AT_RISK.has(state) || (RISKY_LEVELS.has(level) && !CLEARED.has(state));
    if (!risky) return undefined;
    const events = r.riskEventTypes_v2?.length ? `; detections: ${r.riskEventTypes_v2.join(', ')}` : '';
    return signInFinding(r, ctx, subject, meta, `Risk level ${level}, state ${state}${events}.`, r.ipAddress);
  },
});
