import { auditFinding, initiatorText, initiatorUser, resultText, subjectOf, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';
import { emergencyChangeOf } from './emergency-audit-kinds';

const meta: RuleMeta = { id: 'emergency.activity', title: 'Emergency access account activity in the directory', riskLevel: 'High' };

/**
 * Anything else that involves a break-glass account: changes it made, and
 * changes to it that the password/role/method rules do not already report
 * (disabled, deleted, renamed ...).
 */
export const emergencyActivity = auditRule({
  ...meta,
  match(a, ctx) {
    const target = targetUser(a);
    const targetSubject = target && subjectOf(ctx, target);
    const initiator = initiatorUser(a);
    const initiatorSubject = initiator && subjectOf(ctx, initiator);
    const reportedElsewhere = targetSubject?.kind === 'emergency' && emergencyChangeOf(a) !== undefined;
    const toItself = !!targetSubject && initiatorSubject?.name.toLowerCase() === targetSubject.name.toLowerCase();

    if (initiatorSubject?.kind === 'emergency' && !(reportedElsewhere && toItself)) {
      const on = target && !toItself ? ` on ${target.name}` : '';
      return auditFinding(a, ctx, initiatorSubject, meta, `The break-glass account performed '${a.activityDisplayName}'${on}${resultText(a)}.`, a.activityDisplayName);
    }
    if (targetSubject?.kind === 'emergency' && !reportedElsewhere) {
      return auditFinding(a, ctx, targetSubject, meta, `'${a.activityDisplayName}' was performed on the break-glass account by ${initiatorText(a)}${resultText(a)}.`, a.activityDisplayName);
    }
    return undefined;
  },
});
