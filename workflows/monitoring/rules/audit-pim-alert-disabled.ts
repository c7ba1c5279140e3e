import { auditFinding, classifyAudit, initiatorSubject, initiatorText, resultText } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.pim-alert-disabled', title: 'PIM alert disabled', riskLevel: 'High' };

/** 'Disable PIM alert': someone silenced one of PIM's own security alerts. */
export const pimAlertDisabled = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'pim-alert-disabled') return undefined;
    const alert = a.targetResources.find((t) => t.displayName)?.displayName ?? 'a PIM alert';
    return auditFinding(a, ctx, initiatorSubject(ctx, a), meta, `${initiatorText(a)} disabled the PIM alert '${alert}'${resultText(a)}.`, alert);
  },
});
