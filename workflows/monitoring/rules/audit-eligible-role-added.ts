import { auditFinding, classifyAudit, initiatorText, resultText, roleName, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.eligible-role-added', title: 'Account made eligible for a privileged role', riskLevel: 'High' };

/** 'Add eligible member to role in PIM completed (permanent|timebound)': new standing eligibility. */
export const eligibleRoleAdded = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'role-eligible-added') return undefined;
    const user = targetUser(a) ?? { name: 'unknown principal' };
    const subject = subjectOf(ctx, user);
    if (subject.kind === 'emergency') return undefined;
    const role = roleName(a) ?? 'a directory role';
    return auditFinding(a, ctx, subject, meta, `${initiatorText(a)} made ${user.name} eligible for ${role}${resultText(a)}.`, role);
  },
});
