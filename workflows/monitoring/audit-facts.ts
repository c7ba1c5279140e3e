import type { DirectoryAudit, TargetResource } from '../graph-records';
import type { RuleContext, Subject } from './context';
import type { Finding, FindingWhere } from './finding';
import { recordFinding } from './record-finding';
import type { RuleMeta } from './rule';

/**
 * Reading directory audits: which kind of change an activityDisplayName is,
 * whom it targets, which role it names. Activity names are Entra's own, e.g.
 * 'Add member to role outside of PIM (permanent)', 'Update role setting in PIM'.
 */

export type AuditKind =
  | 'role-outside-pim'
  | 'role-eligible-added'
  | 'role-member-change'
  | 'pim-activation'
  | 'pim-decision'
  | 'pim-settings'
  | 'pim-alert-disabled'
  | 'password'
  | 'auth-method'
  | 'user-created'
  | 'other';

const PASSWORD = new Set(
  ['Change user password', 'Reset user password', 'Reset password (self-service)', 'Change password (self-service)', 'Set force change user password', 'Reset password (by admin)'].map((s) => s.toLowerCase()),
);

/** Entra writes these for security-info registration ('Admin registered security info', ...). */
const AUTH_METHOD = /\b(registered|deleted|changed|updated)\b.*\bsecurity info\b/i;
const STRONG_AUTH_PROPERTY = /^StrongAuthentication|^SearchableDeviceKey/i;

export function classifyAudit(a: DirectoryAudit): AuditKind {
  const name = a.activityDisplayName.toLowerCase();
  if (name.startsWith('add member to role outside of pim')) return 'role-outside-pim';
  if (name === 'add member to role completed (pim activation)') return 'pim-activation';
  if (/request (approved|denied)/.test(name)) return 'pim-decision';
  if (name.startsWith('add eligible member to role') && !name.includes('requested')) return 'role-eligible-added';
  if (name === 'update role setting in pim') return 'pim-settings';
  if (/^(disable|deactivate) pim alert/.test(name)) return 'pim-alert-disabled';
  if (/^(add|remove)( scoped| eligible)? member (to|from) role/.test(name) && !name.includes('requested')) return 'role-member-change';
  if (PASSWORD.has(name)) return 'password';
  if (AUTH_METHOD.test(a.activityDisplayName)) return 'auth-method';
  if (name === 'update user' && modifiedProperties(a).some((p) => STRONG_AUTH_PROPERTY.test(p.displayName ?? ''))) return 'auth-method';
  if (name === 'add user') return 'user-created';
  return 'other';
}

function modifiedProperties(a: DirectoryAudit): NonNullable<TargetResource['modifiedProperties']> {
  return a.targetResources.flatMap((t) => t.modifiedProperties ?? []);
}

/** Graph writes modified property values as JSON text ('"Global Administrator"'). */
export function unquote(v: string | null | undefined): string | undefined {
  if (v == null || v === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    if (typeof parsed === 'string') return parsed || undefined;
    if (Array.isArray(parsed) && typeof parsed[0] === 'string') return parsed[0] || undefined;
  } catch {
    // not JSON: the raw text is the value
  }
  return v;
}

export interface AuditUser {
  upn?: string;
  id?: string;
  name: string;
}

/** The user the change was made to: the first 'User' target (PIM lists the role first). */
export function targetUser(a: DirectoryAudit): AuditUser | undefined {
  const t = a.targetResources.find((x) => (x.type ?? '').toLowerCase() === 'user') ?? a.targetResources.find((x) => !!x.userPrincipalName);
  if (!t) return undefined;
  const name = t.userPrincipalName || t.displayName || t.id;
  if (!name) return undefined;
  return { name, ...(t.userPrincipalName ? { upn: t.userPrincipalName } : {}), ...(t.id ? { id: t.id } : {}) };
}

export function initiatorUser(a: DirectoryAudit): AuditUser | undefined {
  const u = a.initiatedBy.user;
  if (!u) return undefined;
  const name = u.userPrincipalName || u.displayName || u.id;
  if (!name) return undefined;
  return { name, ...(u.userPrincipalName ? { upn: u.userPrincipalName } : {}), ...(u.id ? { id: u.id } : {}) };
}

export function initiatorText(a: DirectoryAudit): string {
  return initiatorUser(a)?.name ?? a.initiatedBy.app?.displayName ?? 'an unknown actor';
}

/** 'Role.DisplayName' on the user target, else a 'Role' target (PIM events). */
export function roleName(a: DirectoryAudit): string | undefined {
  for (const t of a.targetResources) {
    for (const p of t.modifiedProperties ?? []) {
      if (p.displayName === 'Role.DisplayName') {
        const v = unquote(p.newValue) ?? unquote(p.oldValue);
        if (v) return v;
      }
    }
  }
  const role = a.targetResources.find((t) => /role/i.test(t.type ?? '') && t.displayName);
  if (role?.displayName) return role.displayName;
  const detail = a.additionalDetails?.find((d) => /^role(name|definitionname|\.displayname)$/i.test(d.key ?? ''));
  return detail?.value ?? undefined;
}

export function subjectOf(ctx: RuleContext, user: AuditUser): Subject {
  const kind = ctx.classify(user.upn, user.id);
  return { kind, name: user.name, ...(user.id ? { id: user.id } : {}) };
}

/** Changes to settings have no target user: the person who made them is the subject. */
export function initiatorSubject(ctx: RuleContext, a: DirectoryAudit): Subject {
  const by = initiatorUser(a);
  if (!by) return { kind: 'other', name: initiatorText(a) };
  return subjectOf(ctx, by);
}

export function auditWhere(a: DirectoryAudit): FindingWhere {
  const where: FindingWhere = {};
  const ip = a.initiatedBy.user?.ipAddress;
  if (ip) where.ip = ip;
  const app = a.initiatedBy.app?.displayName ?? a.loggedByService;
  if (app) where.app = app;
  return where;
}

export function resultText(a: DirectoryAudit): string {
  return a.result === 'success' ? '' : ` (${a.result}${a.resultReason ? `: ${a.resultReason}` : ''})`;
}

export function auditFinding(a: DirectoryAudit, ctx: RuleContext, subject: Subject, rule: RuleMeta, detail: string, discriminator?: string): Finding {
  return recordFinding({ id: a.id, when: a.activityDateTime, where: auditWhere(a) }, ctx, subject, rule, detail, discriminator);
}
