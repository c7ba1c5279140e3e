import type { GraphAuditApp, GraphAuditUser, GraphDirectoryAudit, GraphTargetResource } from './graph-shapes';

export interface AuditSpec {
  id: string;
  at: string;
  activity: string;
  category: string;
  service: string;
  operationType?: string;
  result?: GraphDirectoryAudit['result'];
  resultReason?: string;
  by: { user?: GraphAuditUser; app?: GraphAuditApp };
  targets: GraphTargetResource[];
  additionalDetails?: Array<{ key: string; value: string }>;
  correlationId: string;
}

export function makeAudit(spec: AuditSpec): GraphDirectoryAudit {
  return {
    id: spec.id,
    category: spec.category,
    correlationId: spec.correlationId,
    result: spec.result ?? 'success',
    resultReason: spec.resultReason ?? '',
    activityDisplayName: spec.activity,
    activityDateTime: spec.at,
    loggedByService: spec.service,
    operationType: spec.operationType ?? 'Add',
    initiatedBy: { user: spec.by.user ?? null, app: spec.by.app ?? null },
    targetResources: spec.targets,
    additionalDetails: spec.additionalDetails ?? [],
  };
}

export function auditUser(id: string, displayName: string, upn: string, ip: string): GraphAuditUser {
  return { id, displayName, userPrincipalName: upn, ipAddress: ip, userType: 'Member', homeTenantId: null, homeTenantName: null };
}

export function userTarget(id: string, displayName: string, upn: string, modified: GraphTargetResource['modifiedProperties'] = []): GraphTargetResource {
  return { id, displayName, type: 'User', userPrincipalName: upn, groupType: null, modifiedProperties: modified };
}

export function roleTarget(id: string, displayName: string, modified: GraphTargetResource['modifiedProperties'] = []): GraphTargetResource {
  return { id, displayName, type: 'Role', userPrincipalName: null, groupType: null, modifiedProperties: modified };
}

export function otherTarget(id: string, displayName: string, type: string, modified: GraphTargetResource['modifiedProperties'] = []): GraphTargetResource {
  return { id, displayName, type, userPrincipalName: null, groupType: null, modifiedProperties: modified };
}

/** Role management audits carry the role's name the way Entra writes it, for "Modified properties = Role.DisplayName" queries. */
export function roleNameProperty(roleName: string): GraphTargetResource['modifiedProperties'][number] {
  return { displayName: 'Role.DisplayName', oldValue: null, newValue: JSON.stringify(roleName) };
}
