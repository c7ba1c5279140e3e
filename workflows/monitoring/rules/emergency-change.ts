import { auditFinding, initiatorText, resultText, roleName, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RecordRule, type RuleMeta } from '../rule';
import type { DirectoryAudit } from '../../graph-records';
import { emergencyChangeOf, type EmergencyChange } from './emergency-audit-kinds';

function emergencyChangeRule(change: EmergencyChange, meta: RuleMeta, describe: (a: DirectoryAudit) => string): RecordRule<DirectoryAudit> {
  return auditRule({
    ...meta,
    match(a, ctx) {
      if (emergencyChangeOf(a) !== change) return undefined;
      const user = targetUser(a);
      if (!user) return undefined;
      const subject = subjectOf(ctx, user);
      if (subject.kind !== 'emergency') return undefined;
      return auditFinding(a, ctx, subject, meta, `${describe(a)} by ${initiatorText(a)}${resultText(a)}.`, change);
    },
  });
}

/** The break-glass account's password was changed or reset. */
export const emergencyPasswordChange = emergencyChangeRule(
  'password',
  { id: 'emergency.password-change', title: 'Emergency access account password changed', riskLevel: 'High' },
  (a) => a.activityDisplayName,
);

/** Roles or permissions of the break-glass account changed. */
export const emergencyRoleChange = emergencyChangeRule(
  'role',
  { id: 'emergency.role-change', title: 'Emergency access account roles or permissions changed', riskLevel: 'High' },
  (a) => `${a.activityDisplayName}${roleName(a) ? ` (${roleName(a)})` : ''}`,
);

/** A credential or authentication method was added to or changed on the break-glass account. */
export const emergencyAuthMethodChange = emergencyChangeRule(
  'auth-method',
  { id: 'emergency.auth-method-change', title: 'Emergency access account authentication method changed', riskLevel: 'High' },
  (a) => `${a.activityDisplayName}${a.result === 'success' && a.resultReason ? ` (${a.resultReason})` : ''}`,
);
