import type { DirectoryAudit } from '../../graph-records';
import { auditFinding, classifyAudit, initiatorText, roleName, subjectOf, targetUser, type AuditUser } from '../audit-facts';
import { MAX_RECORD_IDS, type Finding } from '../finding';
import { auditAggregateRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.privileged-account-created', title: 'Privileged account created', riskLevel: 'Medium' };

const ROLE_GRANTS = new Set(['role-outside-pim', 'role-eligible-added', 'role-member-change']);

interface Created {
  audit: DirectoryAudit;
  user: AuditUser;
  ms: number;
}

interface Grant {
  auditId: string;
  at: string;
  ms: number;
  role: string;
}

const keysOf = (u: AuditUser): string[] => [u.id, u.upn].filter((k): k is string => !!k).map((k) => k.toLowerCase());

/**
 * 'Add user' correlated with a role grant to the same user within the window
 * (default 24 h), or a new account that is already known or named as
 * privileged. Role grants are remembered only per user, so memory follows the
 * number of changes, not of records.
 */
export const privilegedAccountCreated = auditAggregateRule({
  ...meta,
  start(ctx) {
    const created: Created[] = [];
    const grants = new Map<string, Grant[]>();
    return {
      add(a) {
        const kind = classifyAudit(a);
        if (kind !== 'user-created' && !ROLE_GRANTS.has(kind)) return;
        if (a.activityDisplayName.toLowerCase().startsWith('remove')) return;
        const user = targetUser(a);
        if (!user) return;
        const ms = Date.parse(a.activityDateTime);
        if (kind === 'user-created') {
          created.push({ audit: a, user, ms });
          return;
        }
        const grant = { auditId: a.id, at: a.activityDateTime, ms, role: roleName(a) ?? 'a directory role' };
        for (const k of keysOf(user)) {
          const list = grants.get(k) ?? [];
          if (list.length < MAX_RECORD_IDS) list.push(grant);
          grants.set(k, list);
        }
      },
      finish() {
        const out: Finding[] = [];
        for (const c of created) {
          const subject = subjectOf(ctx, c.user);
          const named = !!c.user.upn && !!ctx.namePrefix && c.user.upn.toLowerCase().startsWith(ctx.namePrefix);
          const seen = new Set<string>();
          const matches: Grant[] = [];
          for (const k of keysOf(c.user)) {
            for (const g of grants.get(k) ?? []) {
              if (seen.has(g.auditId)) continue;
              if (g.ms >= c.ms - 60_000 && g.ms - c.ms <= ctx.accountCreationWindowMs) {
                seen.add(g.auditId);
                matches.push(g);
              }
            }
          }
          if (matches.length === 0 && subject.kind === 'other' && !named) continue;
          matches.sort((x, y) => x.ms - y.ms || (x.auditId < y.auditId ? -1 : 1));
          const roles = [...new Set(matches.map((g) => g.role))];
          const why = roles.length ? `and given ${roles.join(', ')}` : subject.kind === 'emergency' ? 'as an emergency access account' : named ? 'with an admin name' : 'as a known privileged account';
          const f = auditFinding(c.audit, ctx, subject, meta, `${initiatorText(c.audit)} created ${c.user.name} ${why}.`);
          f.recordIds = [c.audit.id, ...matches.map((g) => g.auditId)].slice(0, MAX_RECORD_IDS);
          f.recordCount = 1 + matches.length;
          const last = matches[matches.length - 1];
          if (last) f.until = last.at;
          out.push(f);
        }
        return out;
      },
    };
  },
});
