import { auditFinding, classifyAudit, initiatorUser, roleName, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.pim-approval-decision', title: 'PIM elevation request approved or denied', riskLevel: 'Low' };

/** 'Add member to role request approved|denied (PIM activation)': the timeline of elevations. */
export const pimApprovalDecision = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'pim-decision') return undefined;
    const requester = targetUser(a) ?? { name: 'unknown requester' };
    const approver = initiatorUser(a)?.name ?? a.initiatedBy.app?.displayName ?? 'someone';
    const decision = /denied/i.test(a.activityDisplayName) ? 'denied' : 'approved';
    const role = roleName(a) ?? 'a directory role';
    return auditFinding(a, ctx, subjectOf(ctx, requester), meta, `${approver} ${decision} ${requester.name}'s request for ${role}.`, `${decision}|${role}`);
  },
});
