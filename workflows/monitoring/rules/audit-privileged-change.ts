import { auditFinding, classifyAudit, initiatorSubject, resultText, targetUser } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';
import { isAzureElevateAccess } from './audit-azure-elevate-access';
import { isPostureChange } from './posture-activities';

/**
 * The guide rates "attempted and completed changes" by privileged accounts
 * High. Every admin action is one, so at High this would page for routine
 * work: reported at Medium (grouped per admin), with the changes that can
 * lower posture reported at High by audit.posture-lowered.
 */
const meta: RuleMeta = { id: 'audit.privileged-change', title: 'Change made by a privileged account', riskLevel: 'Medium' };

/** Kinds another rule already reports (role removals and other role membership changes have none). */
const REPORTED_ELSEWHERE = new Set(['role-outside-pim', 'role-eligible-added', 'pim-activation', 'pim-decision', 'pim-settings', 'pim-alert-disabled', 'password', 'auth-method', 'user-created']);

/** A change, successful or not, made by a privileged (non-emergency) account. */
export const privilegedChange = auditRule({
  ...meta,
  match(a, ctx) {
    const by = initiatorSubject(ctx, a);
    if (by.kind !== 'privileged') return undefined;
    if (REPORTED_ELSEWHERE.has(classifyAudit(a)) || isPostureChange(a) || isAzureElevateAccess(a)) return undefined;
    const target = targetUser(a)?.name ?? a.targetResources.find((t) => t.displayName)?.displayName;
    const on = target ? ` on ${target}` : '';
    const attempted = a.result === 'success' ? '' : 'Attempted: ';
    return auditFinding(a, ctx, by, meta, `${attempted}${a.activityDisplayName}${on}${resultText(a)}.`, a.activityDisplayName);
  },
});
