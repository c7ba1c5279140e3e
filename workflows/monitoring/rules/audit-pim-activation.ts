import { auditFinding, classifyAudit, resultText, roleName, subjectOf, targetUser, initiatorUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.pim-activation', title: 'Privileged role activated in PIM', riskLevel: 'Medium' };

/** 'Add member to role completed (PIM activation)': an elevation, worth a look when unplanned. */
export const pimActivation = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'pim-activation') return undefined;
    const user = targetUser(a) ?? initiatorUser(a) ?? { name: 'unknown principal' };
    const subject = subjectOf(ctx, user);
    const role = roleName(a) ?? 'a directory role';
    const why = a.resultReason ? ` Justification: ${a.resultReason}` : '';
    return auditFinding(a, ctx, subject, meta, `${user.name} activated ${role}${resultText(a)}.${why}`, role);
  },
});
