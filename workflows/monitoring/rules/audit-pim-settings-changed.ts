import type { DirectoryAudit } from '../../graph-records';
import { auditFinding, classifyAudit, initiatorSubject, initiatorText, resultText, roleName, unquote } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.pim-settings-changed', title: 'PIM role settings changed', riskLevel: 'High' };

const REQUIREMENTS: Array<{ token: RegExp; what: string }> = [
  { token: /MultiFactorAuthentication|\bmfa\b|multi-?factor/i, what: 'MFA on activation' },
  { token: /Justification/i, what: 'justification on activation' },
  { token: /Approval/i, what: 'approval on activation' },
];
const OFF = /\b(disabled|removed|false|off|not required)\b/i;

/**
 * Which activation requirement a change dropped, when the record says: in
 * resultReason ('MFA on activation disabled', the guide's example) or as a
 * rule token present before and gone after (enabledRules lists).
 */
function weakening(a: DirectoryAudit): string | undefined {
  const props = a.targetResources.flatMap((t) => t.modifiedProperties ?? []);
  for (const { token, what } of REQUIREMENTS) {
    const reason = a.resultReason ?? '';
    if (token.test(reason) && OFF.test(reason)) return `${what} was turned off`;
    for (const p of props) {
      const before = `${p.displayName ?? ''} ${unquote(p.oldValue) ?? ''}`;
      const after = unquote(p.newValue) ?? '';
      if (token.test(p.oldValue ?? '') && !token.test(p.newValue ?? '')) return `${what} was turned off`;
      if (token.test(before) && OFF.test(after)) return `${what} was turned off`;
    }
  }
  return undefined;
}

export const pimSettingsChanged = auditRule({
  ...meta,
  match(a, ctx) {
    if (classifyAudit(a) !== 'pim-settings') return undefined;
    const role = roleName(a) ?? 'a role';
    const what = weakening(a);
    return auditFinding(a, ctx, initiatorSubject(ctx, a), meta, `${initiatorText(a)} changed the PIM settings of ${role}${what ? `: ${what}` : ''}${resultText(a)}.`, role);
  },
});
