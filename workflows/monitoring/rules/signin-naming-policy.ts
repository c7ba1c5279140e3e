import { signInRule, type RuleMeta } from '../rule';
import { isWatchedPrivileged, signInFinding } from '../signin-facts';

const meta: RuleMeta = { id: 'signin.naming-policy', title: 'Privileged account does not follow the naming policy', riskLevel: 'High' };

/**
 * A privileged account whose UPN lacks the configured prefix (e.g. adm-): a
 * day-to-day account holding admin rights. Emergency accounts are exempt.
 */
export const namingPolicy = signInRule({
  ...meta,
  match(r, ctx, subject) {
    if (!ctx.namePrefix || !isWatchedPrivileged(subject) || !r.userPrincipalName) return undefined;
    if (r.userPrincipalName.toLowerCase().startsWith(ctx.namePrefix)) return undefined;
    return signInFinding(r, ctx, subject, meta, `The account signed in but its name does not start with '${ctx.namePrefix}'.`);
  },
});
