import type { DirectoryAudit } from '../../graph-records';
import { classifyAudit, type AuditKind } from '../audit-facts';

/** Which emergency rule reports a change made TO an emergency account. */
export type EmergencyChange = 'password' | 'role' | 'auth-method';

const ROLE_KINDS: ReadonlySet<AuditKind> = new Set(['role-outside-pim', 'role-eligible-added', 'role-member-change', 'pim-activation']);

export function emergencyChangeOf(a: DirectoryAudit): EmergencyChange | undefined {
  const kind = classifyAudit(a);
  if (kind === 'password') return 'password';
  if (kind === 'auth-method') return 'auth-method';
  if (ROLE_KINDS.has(kind) || /app role assignment|owner to/i.test(a.activityDisplayName)) return 'role';
  return undefined;
}
