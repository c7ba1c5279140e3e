import type { GraphPolicyAssignment, GraphPolicyRule, GraphPolicyRuleTarget, GraphRolePolicy } from './graph-shapes';
import { nameUuid } from './seeded-random';

/** The PIM settings of one role, in the terms the PIM portal uses. */
export interface RoleSettings {
  /** Longest activation, ISO-8601 (Expiration_EndUser_Assignment). */
  maxActivation: string;
  /** Enablement_EndUser_Assignment: any of MultiFactorAuthentication, Justification, Ticketing. */
  activationRequires: string[];
  approvalRequired: boolean;
  approverIds?: string[];
  /** Expiration_Admin_Assignment: whether admin (bot) assignments must expire, and the longest. */
  adminAssignmentExpirationRequired: boolean;
  adminAssignmentMax: string;
  /** Enablement_Admin_Assignment: any of MultiFactorAuthentication, Justification. */
  adminAssignmentRequires: string[];
}

export const DEFAULT_ROLE_SETTINGS: RoleSettings = {
  maxActivation: 'PT8H',
  activationRequires: ['MultiFactorAuthentication', 'Justification'],
  approvalRequired: false,
  adminAssignmentExpirationRequired: false,
  adminAssignmentMax: 'P180D',
  adminAssignmentRequires: ['Justification'],
};

function target(caller: 'Admin' | 'EndUser', level: 'Eligibility' | 'Assignment'): GraphPolicyRuleTarget {
  return { caller, operations: ['all'], level, inheritableSettings: [], enforcedSettings: [] };
}

function notifications(caller: 'Admin' | 'EndUser', level: 'Eligibility' | 'Assignment', suffix: string): GraphPolicyRule[] {
  return (['Admin', 'Requestor', 'Approver'] as const).map((recipient) => ({
    '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyNotificationRule' as const,
    id: `Notification_${recipient}_${suffix}`,
    notificationType: 'Email',
    recipientType: recipient,
    notificationLevel: 'All',
    isDefaultRecipientsEnabled: true,
    notificationRecipients: [],
    target: target(caller, level),
  }));
}

/** The full rule list PIM keeps for a directory role, as `$expand=policy($expand=rules)` returns it. */
export function policyRules(settings: RoleSettings): GraphPolicyRule[] {
  return [
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule', id: 'Expiration_Admin_Eligibility', isExpirationRequired: false, maximumDuration: 'P365D', target: target('Admin', 'Eligibility') },
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule', id: 'Enablement_Admin_Eligibility', enabledRules: [], target: target('Admin', 'Eligibility') },
    ...notifications('Admin', 'Eligibility', 'Admin_Eligibility'),
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule',
      id: 'Expiration_Admin_Assignment',
      isExpirationRequired: settings.adminAssignmentExpirationRequired,
      maximumDuration: settings.adminAssignmentMax,
      target: target('Admin', 'Assignment'),
    },
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule', id: 'Enablement_Admin_Assignment', enabledRules: [...settings.adminAssignmentRequires], target: target('Admin', 'Assignment') },
    ...notifications('Admin', 'Assignment', 'Admin_Assignment'),
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule', id: 'Expiration_EndUser_Assignment', isExpirationRequired: true, maximumDuration: settings.maxActivation, target: target('EndUser', 'Assignment') },
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule', id: 'Enablement_EndUser_Assignment', enabledRules: [...settings.activationRequires], target: target('EndUser', 'Assignment') },
    {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule',
      id: 'Approval_EndUser_Assignment',
      target: target('EndUser', 'Assignment'),
      setting: {
        isApprovalRequired: settings.approvalRequired,
        isApprovalRequiredForExtension: false,
        isRequestorJustificationRequired: true,
        approvalMode: 'SingleStage',
        approvalStages: [
          {
            approvalStageTimeOutInDays: 1,
            isApproverJustificationRequired: true,
            escalationTimeInMinutes: 0,
            isEscalationEnabled: false,
            primaryApprovers: (settings.approverIds ?? []).map((id) => ({ '@odata.type': '#microsoft.graph.singleUser', userId: id, description: null })),
            escalationApprovers: [],
          },
        ],
      },
    },
    { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule', id: 'AuthenticationContext_EndUser_Assignment', isEnabled: false, claimValue: null, target: target('EndUser', 'Assignment') },
    ...notifications('EndUser', 'Assignment', 'EndUser_Assignment'),
  ];
}

export interface StoredRolePolicy {
  assignment: GraphPolicyAssignment;
  policy: GraphRolePolicy;
}

export function rolePolicy(tenantId: string, roleDefinitionId: string, settings: RoleSettings): StoredRolePolicy {
  const policyId = `DirectoryRole_${tenantId}_${nameUuid(`policy/${roleDefinitionId}`)}`;
  return {
    assignment: { id: `${policyId}_${roleDefinitionId}`, policyId, scopeId: '/', scopeType: 'DirectoryRole', roleDefinitionId },
    policy: {
      id: policyId,
      displayName: 'DirectoryRole',
      description: 'DirectoryRole',
      isOrganizationDefault: false,
      scopeId: '/',
      scopeType: 'DirectoryRole',
      lastModifiedDateTime: null,
      lastModifiedBy: { displayName: null, id: null },
      rules: policyRules(settings),
    },
  };
}

/** Reads the PIM settings back out of a rule list (the inverse of policyRules). */
export function readRoleSettings(rules: readonly GraphPolicyRule[]): RoleSettings {
  const find = (id: string) => rules.find((r) => r.id === id);
  const endUserExpiration = find('Expiration_EndUser_Assignment');
  const endUserEnablement = find('Enablement_EndUser_Assignment');
  const approval = find('Approval_EndUser_Assignment');
  const adminExpiration = find('Expiration_Admin_Assignment');
  const adminEnablement = find('Enablement_Admin_Assignment');
  const approvers = approval && 'setting' in approval ? (approval.setting.approvalStages[0]?.primaryApprovers ?? []) : [];
  return {
    maxActivation: endUserExpiration && 'maximumDuration' in endUserExpiration ? endUserExpiration.maximumDuration : DEFAULT_ROLE_SETTINGS.maxActivation,
    activationRequires: endUserEnablement && 'enabledRules' in endUserEnablement ? [...endUserEnablement.enabledRules] : [],
    approvalRequired: approval && 'setting' in approval ? approval.setting.isApprovalRequired : false,
    approverIds: approvers.flatMap((a) => (a.userId ? [a.userId] : [])),
    adminAssignmentExpirationRequired: adminExpiration && 'isExpirationRequired' in adminExpiration ? adminExpiration.isExpirationRequired : false,
    adminAssignmentMax: adminExpiration && 'maximumDuration' in adminExpiration ? adminExpiration.maximumDuration : DEFAULT_ROLE_SETTINGS.adminAssignmentMax,
    adminAssignmentRequires: adminEnablement && 'enabledRules' in adminEnablement ? [...adminEnablement.enabledRules] : [],
  };
}
