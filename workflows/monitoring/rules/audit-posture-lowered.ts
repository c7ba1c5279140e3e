import { auditFinding, initiatorSubject, initiatorText, resultText } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';
import { isPostureChange } from './posture-activities';

const meta: RuleMeta = { id: 'audit.posture-lowered', title: 'Change that can lower the security posture', riskLevel: 'High' };

/**
 * The guide's "changes that would lower the security posture of your
 * tenant" (MFA or Conditional Access exclusions, new credentials on
 * applications), attempted or completed. Reported whoever made it: the
 * person who did is the subject, and an app or unknown actor is no
 * reason to stay silent.
 */
export const postureLowered = auditRule({
  ...meta,
  match(a, ctx) {
    if (!isPostureChange(a)) return undefined;
    const target = a.targetResources.find((t) => t.displayName)?.displayName;
    const on = target ? ` '${target}'` : '';
    return auditFinding(a, ctx, initiatorSubject(ctx, a), meta, `${initiatorText(a)}: ${a.activityDisplayName}${on}${resultText(a)}.`, a.activityDisplayName);
  },
});
