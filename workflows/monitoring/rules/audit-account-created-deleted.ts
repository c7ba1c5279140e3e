import type { DirectoryAudit } from '../../graph-records';
import { auditFinding, initiatorText, subjectOf, targetUser, type AuditUser } from '../audit-facts';
import type { Finding } from '../finding';
import { auditAggregateRule, type RuleMeta } from '../rule';

// The guide's "Privileged account creation" row (Medium) asks to look for a short span between creation and deletion.
const meta: RuleMeta = { id: 'audit.account-created-deleted', title: 'Account created and deleted shortly after', riskLevel: 'Medium' };

/**
 * 'Add user' followed by 'Delete user' of the same object within the
 * account-creation window (default 24 h): an account that lived briefly is
 * how an attacker hides one used once. Matched by object id: Entra rewrites a
 * deleted user's UPN, so the UPN is only a fallback. Any account counts:
 * once deleted, it no longer holds the role that made it privileged.
 */
export const accountCreatedDeleted = auditAggregateRule({
  ...meta,
  start(ctx) {
    const created = new Map<string, { audit: DirectoryAudit; user: AuditUser; ms: number }>();
    const deleted: Array<{ audit: DirectoryAudit; user: AuditUser; ms: number }> = [];
    const keyOf = (u: AuditUser): string | undefined => (u.id ?? u.upn)?.toLowerCase();
    return {
      add(a) {
        const name = a.activityDisplayName.trim().toLowerCase();
        if (a.result !== 'success' || (name !== 'add user' && name !== 'delete user')) return;
        const user = targetUser(a);
        const key = user && keyOf(user);
        if (!user || !key) return;
        const entry = { audit: a, user, ms: Date.parse(a.activityDateTime) };
        if (name === 'add user') created.set(key, entry);
        else deleted.push(entry);
      },
      finish() {
        const out: Finding[] = [];
        for (const d of deleted) {
          const key = keyOf(d.user);
          const c = key ? created.get(key) : undefined;
          if (!c || d.ms < c.ms || d.ms - c.ms > ctx.accountCreationWindowMs) continue;
          const minutes = Math.round((d.ms - c.ms) / 60_000);
          const f = auditFinding(d.audit, ctx, subjectOf(ctx, c.user), meta, `${c.user.name} was created by ${initiatorText(c.audit)} and deleted by ${initiatorText(d.audit)} ${minutes} minutes later.`);
          f.recordIds = [c.audit.id, d.audit.id];
          f.recordCount = 2;
          f.when = c.audit.activityDateTime;
          f.until = d.audit.activityDateTime;
          out.push(f);
        }
        return out;
      },
    };
  },
});
