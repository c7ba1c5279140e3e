import { auditFinding, classifyAudit, initiatorText, resultText, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.privileged-password-change', title: 'Password of a privileged account changed', riskLevel: 'High' };

/** A reset or change of an admin's password, by an admin or self-service, successful or not. */
export const privilegedPasswordChange = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'password') return undefined;
    const user = targetUser(a);
    if (!user) return undefined;
    const subject = subjectOf(ctx, user);
    if (subject.kind !== 'privileged') return undefined;
    return auditFinding(a, ctx, subject, meta, `${a.activityDisplayName} for ${user.name} by ${initiatorText(a)}${resultText(a)}.`);
  },
});
