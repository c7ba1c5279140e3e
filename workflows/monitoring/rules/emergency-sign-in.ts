import { signInRule, type RuleMeta } from '../rule';
import { signInFinding, statusText } from '../signin-facts';

const meta: RuleMeta = { id: 'emergency.sign-in', title: 'Emergency access account sign-in', riskLevel: 'High' };

/**
 * ANY sign-in to a break-glass account, successful or not. The loudest
 * alert, unless it falls inside a break-glass incident's declared use.
 */
export const emergencySignIn = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (subject.kind !== 'emergency') return undefined;
    const app = r.appDisplayName ? ` to ${r.appDisplayName}` : '';
    const from = r.ipAddress ? ` from ${r.ipAddress}` : '';
    return signInFinding(r, ctx, subject, meta, `Break-glass account sign-in${app}${from} ${statusText(r)}.`, r.status.errorCode === 0 ? 'success' : 'failure');
  },
});
