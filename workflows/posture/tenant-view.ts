import type { DirectoryUser, RoleDefinition } from '../graph-records';
import type { PostureContext, PostureData } from './posture-types';
import { GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_TEMPLATES } from './role-catalog';

export type HoldingKind = 'standing' | 'time-bound' | 'eligible';

export interface RoleHolding {
  principalId: string;
  roleId: string;
  /** The built-in template id when known (role ids equal template ids for built-ins). */
  templateId: string;
  roleName: string;
  kind: HoldingKind;
}

/**
 * The tenant as the checks need it: who holds which role and how, resolved
 * against role definitions and users once.
 */
export interface TenantView {
  holdings: RoleHolding[];
  userById(id: string): DirectoryUser | undefined;
  userByRef(ref: { upn?: string; id?: string }): DirectoryUser | undefined;
  isPrivilegedRole(h: RoleHolding): boolean;
  isGlobalAdmin(h: RoleHolding): boolean;
  isEmergency(user: { id?: string | null; userPrincipalName?: string | null }): boolean;
  /** Users holding a privileged role in any way (emergency accounts included). */
  privilegedUsers(): DirectoryUser[];
  /** A principal that is not a user we know of (a group, an app, or missing data). */
  nameOf(principalId: string): string;
}

const lower = (s: string | null | undefined): string => (s ?? '').toLowerCase();

export function buildTenantView(data: PostureData, ctx: PostureContext): TenantView {
  const defs = new Map<string, RoleDefinition>();
  for (const d of data.roleDefinitions ?? []) defs.set(lower(d.id), d);
  const resolve = (roleId: string): { templateId: string; roleName: string } => {
    const d = defs.get(lower(roleId));
    const templateId = lower(d?.templateId ?? roleId);
    return { templateId, roleName: d?.displayName ?? PRIVILEGED_ROLE_TEMPLATES[templateId] ?? roleId };
  };

  const holdings: RoleHolding[] = [];
  const add = (principalId: string, roleId: string, kind: HoldingKind): void => {
    holdings.push({ principalId, roleId, kind, ...resolve(roleId) });
  };
  if (data.assignmentInstances) {
    for (const i of data.assignmentInstances) add(i.principalId, i.roleDefinitionId, i.assignmentType !== 'Activated' && !i.endDateTime ? 'standing' : 'time-bound');
  } else {
    // Without schedule instances every active assignment has to be taken as standing.
    for (const a of data.roleAssignments) add(a.principalId, a.roleDefinitionId, 'standing');
  }
  for (const e of data.eligibilityInstances) add(e.principalId, e.roleDefinitionId, 'eligible');

  const privileged = new Set((ctx.privilegedRoles ?? Object.keys(PRIVILEGED_ROLE_TEMPLATES)).map(lower));
  const users = new Map<string, DirectoryUser>();
  const usersByUpn = new Map<string, DirectoryUser>();
  for (const u of data.users) {
    users.set(lower(u.id), u);
    usersByUpn.set(lower(u.userPrincipalName), u);
  }
  const emergencyIds = new Set(ctx.emergencyAccounts.map((a) => lower(a.id)).filter(Boolean));
  const emergencyUpns = new Set(ctx.emergencyAccounts.map((a) => lower(a.upn)).filter(Boolean));

  const view: TenantView = {
    holdings,
    userById: (id) => users.get(lower(id)),
    userByRef: (ref) => (ref.id ? users.get(lower(ref.id)) : undefined) ?? (ref.upn ? usersByUpn.get(lower(ref.upn)) : undefined),
    isPrivilegedRole: (h) => privileged.has(h.templateId) || privileged.has(lower(h.roleId)) || privileged.has(lower(h.roleName)),
    isGlobalAdmin: (h) => h.templateId === GLOBAL_ADMINISTRATOR,
    isEmergency: (u) => emergencyIds.has(lower(u.id)) || emergencyUpns.has(lower(u.userPrincipalName)),
    privilegedUsers() {
      const seen = new Map<string, DirectoryUser>();
      for (const h of holdings) {
        if (!view.isPrivilegedRole(h)) continue;
        const u = view.userById(h.principalId);
        if (u) seen.set(lower(u.id), u);
      }
      return [...seen.values()].sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
    },
    nameOf: (principalId) => view.userById(principalId)?.userPrincipalName ?? `principal ${principalId}`,
  };
  return view;
}

export const DAY_MS = 86_400_000;

export function daysBetween(fromIso: string, nowMs: number): number {
  return Math.floor((nowMs - Date.parse(fromIso)) / DAY_MS);
}
