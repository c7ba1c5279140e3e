import { auditFinding, classifyAudit, initiatorText, initiatorUser, resultText, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.auth-method-change', title: 'Authentication method of a privileged account changed', riskLevel: 'High' };

/** Security info registered, changed or deleted: an attacker adding a method keeps access. */
export const authMethodChange = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'auth-method') return undefined;
    const user = targetUser(a) ?? initiatorUser(a);
    if (!user) return undefined;
    const subject = subjectOf(ctx, user);
    if (subject.kind !== 'privileged') return undefined;
    const reason = a.result === 'success' && a.resultReason ? ` (${a.resultReason})` : '';
    return auditFinding(a, ctx, subject, meta, `${a.activityDisplayName} for ${user.name} by ${initiatorText(a)}${reason}${resultText(a)}.`);
  },
});
