import type { DirectoryAudit } from '../../graph-records';
import { auditFinding, classifyAudit, initiatorText, resultText, roleName, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.role-assigned-outside-pim', title: 'Role assigned outside PIM', riskLevel: 'High' };

/**
 * PIM logs 'Add member to role outside of PIM (permanent)'. Without PIM only
 * Core Directory's 'Add member to role' exists; PIM's own activations also
 * write that one, initiated by the MS-PIM app, so those are left out.
 */
function isOutsidePim(a: DirectoryAudit): boolean {
  if (classifyAudit(a) === 'role-outside-pim') return true;
  if (a.activityDisplayName.toLowerCase() !== 'add member to role') return false;
  if ((a.loggedByService ?? '').toLowerCase() !== 'core directory') return false;
  return !/ms-pim|privileged identity management/i.test(a.initiatedBy.app?.displayName ?? '');
}

export const roleAssignedOutsidePim = auditRule({
  ...meta,
  match(a, ctx) {
    if (!isOutsidePim(a)) return undefined;
    const user = targetUser(a) ?? { name: 'unknown principal' };
    const subject = subjectOf(ctx, user);
    if (subject.kind === 'emergency') return undefined; // emergency.role-change reports it
    const role = roleName(a) ?? 'a directory role';
    return auditFinding(a, ctx, subject, meta, `${initiatorText(a)} gave ${user.name} ${role} directly, not through PIM${resultText(a)}.`, role);
  },
});
