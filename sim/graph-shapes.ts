/**
 * The JSON the simulator stores and serves, field for field as Microsoft
 * Graph documents each resource (v1.0; beta-only fields marked). Kept apart
 * from workflows/graph-records.ts on purpose: that file is what the bot reads,
 * this is what Graph sends, and the adapter maps one onto the other.
 */

export interface GraphSignIn {
  id: string;
  createdDateTime: string;
  userDisplayName: string;
  userPrincipalName: string;
  userId: string;
  appId: string;
  appDisplayName: string;
  ipAddress: string;
  clientAppUsed: string;
  correlationId: string;
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied' | 'unknownFutureValue';
  isInteractive: boolean;
  riskDetail: string;
  riskLevelAggregated: string;
  riskLevelDuringSignIn: string;
  riskState: string;
  riskEventTypes: string[];
  riskEventTypes_v2: string[];
  resourceDisplayName: string;
  resourceId: string;
  status: { errorCode: number; failureReason: string | null; additionalDetails: string | null };
  deviceDetail: {
    deviceId: string;
    displayName: string | null;
    operatingSystem: string;
    browser: string;
    isCompliant: boolean | null;
    isManaged: boolean | null;
    trustType: string | null;
  };
  location: {
    city: string;
    state: string;
    countryOrRegion: string;
    geoCoordinates: { altitude: number | null; latitude: number; longitude: number };
  };
  appliedConditionalAccessPolicies: Array<{
    id: string;
    displayName: string;
    enforcedGrantControls: string[];
    enforcedSessionControls: string[];
    result: string;
  }>;
  /** beta only */
  authenticationRequirement?: string;
  /** beta only */
  signInEventTypes?: string[];
  /** beta only */
  userType?: string;
  /** beta only */
  authenticationDetails?: Array<{
    authenticationStepDateTime: string;
    authenticationMethod: string;
    authenticationMethodDetail: string | null;
    succeeded: boolean;
    authenticationStepResultDetail: string;
    authenticationStepRequirement: string;
  }>;
}

export const BETA_ONLY_SIGN_IN_FIELDS = ['authenticationRequirement', 'signInEventTypes', 'userType', 'authenticationDetails'] as const;

export interface GraphAuditUser {
  id: string;
  displayName: string | null;
  userPrincipalName: string | null;
  ipAddress: string | null;
  userType?: string | null;
  homeTenantId?: string | null;
  homeTenantName?: string | null;
}

export interface GraphAuditApp {
  appId: string | null;
  displayName: string | null;
  servicePrincipalId: string | null;
  servicePrincipalName: string | null;
}

export interface GraphTargetResource {
  id: string;
  displayName: string | null;
  type: string;
  userPrincipalName: string | null;
  groupType: string | null;
  modifiedProperties: Array<{ displayName: string; oldValue: string | null; newValue: string | null }>;
}

export interface GraphDirectoryAudit {
  id: string;
  category: string;
  correlationId: string;
  result: 'success' | 'failure' | 'timeout' | 'unknownFutureValue';
  resultReason: string;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService: string;
  operationType: string;
  initiatedBy: { user: GraphAuditUser | null; app: GraphAuditApp | null };
  targetResources: GraphTargetResource[];
  additionalDetails: Array<{ key: string; value: string }>;
}

export interface GraphUser {
  id: string;
  businessPhones: string[];
  displayName: string;
  givenName: string;
  jobTitle: string;
  mail: string | null;
  mobilePhone: string | null;
  officeLocation: string | null;
  preferredLanguage: string | null;
  surname: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  onPremisesSyncEnabled: boolean | null;
  lastPasswordChangeDateTime: string;
  userType: string;
  creationType: string | null;
  createdDateTime: string;
  proxyAddresses: string[];
}

/** The properties GET /users returns when the caller does not $select. */
export const USER_DEFAULT_SELECT = [
  'businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id',
] as const;

export interface GraphGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
  groupTypes: string[];
  isAssignableToRole: boolean | null;
  memberIds: string[];
  memberGroupIds: string[];
}

/** privilegedAccessGroupEligibilitySchedule / privilegedAccessGroupAssignmentSchedule (PIM for Groups). */
export interface GraphPimGroupSchedule {
  id: string;
  groupId: string;
  principalId: string;
  accessId: 'member' | 'owner';
  memberType: 'direct' | 'group' | 'unknownFutureValue';
  status: string;
  createdDateTime: string;
  createdUsing: string;
  modifiedDateTime: string | null;
  scheduleInfo: { startDateTime: string; expiration: { type: 'noExpiration' | 'afterDateTime'; endDateTime: string | null; duration: string | null } };
}

/** recipient: https://learn.microsoft.com/graph/api/resources/recipient */
export interface GraphRecipient {
  emailAddress: { name: string; address: string };
}

/**
 * messageRule (https://learn.microsoft.com/graph/api/resources/messagerule),
 * as GET /users/{id}/mailFolders/inbox/messageRules lists it; actions and
 * conditions hold only the properties set, like Graph's answer.
 */
export interface GraphMessageRule {
  id: string;
  displayName: string;
  sequence: number;
  isEnabled: boolean;
  hasError: boolean;
  isReadOnly: boolean;
  conditions: Record<string, unknown>;
  exceptions?: Record<string, unknown>;
  actions: {
    forwardTo?: GraphRecipient[];
    forwardAsAttachmentTo?: GraphRecipient[];
    redirectTo?: GraphRecipient[];
    moveToFolder?: string;
    markAsRead?: boolean;
    delete?: boolean;
    stopProcessingRules?: boolean;
  };
}

export interface GraphDomain {
  id: string;
  authenticationType: 'Managed' | 'Federated';
  availabilityStatus: string | null;
  isAdminManaged: boolean;
  isDefault: boolean;
  isInitial: boolean;
  isRoot: boolean;
  isVerified: boolean;
  passwordNotificationWindowInDays: number | null;
  passwordValidityPeriodInDays: number | null;
  supportedServices: string[];
  state: null;
}

export interface GraphUserRegistrationDetails {
  id: string;
  userPrincipalName: string;
  userDisplayName: string;
  userType: 'member' | 'guest';
  isAdmin: boolean;
  isSsprRegistered: boolean;
  isSsprEnabled: boolean;
  isSsprCapable: boolean;
  isMfaRegistered: boolean;
  isMfaCapable: boolean;
  isPasswordlessCapable: boolean;
  methodsRegistered: string[];
  isSystemPreferredAuthenticationMethodEnabled: boolean;
  systemPreferredAuthenticationMethods: string[];
  userPreferredMethodForSecondaryAuthentication: string;
  lastUpdatedDateTime: string;
}

/** unifiedRoleEligibilityScheduleInstance */
export interface GraphEligibilityInstance {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  startDateTime: string;
  endDateTime: string | null;
  memberType: 'Direct' | 'Group' | 'Inherited';
  roleEligibilityScheduleId: string;
}

/** unifiedRoleAssignmentScheduleInstance */
export interface GraphAssignmentInstance {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  startDateTime: string;
  endDateTime: string | null;
  assignmentType: 'Assigned' | 'Activated';
  memberType: 'Direct' | 'Group' | 'Inherited';
  roleAssignmentOriginId: string;
  roleAssignmentScheduleId: string;
}

/** unifiedRoleAssignment */
export interface GraphRoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  condition: string | null;
}

/** unifiedRoleAssignmentScheduleRequest */
export interface GraphAssignmentRequest {
  id: string;
  status: string;
  createdDateTime: string;
  completedDateTime: string | null;
  approvalId: string | null;
  customData: string | null;
  action: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: string | null;
  isValidationOnly: boolean;
  targetScheduleId: string | null;
  justification: string | null;
  createdBy: { application: { id: string; displayName: string | null } | null; device: null; user: { id: string; displayName: string | null } | null };
  scheduleInfo: {
    startDateTime: string | null;
    recurrence: null;
    expiration: { type: string; endDateTime: string | null; duration: string | null };
  };
  ticketInfo: { ticketNumber: string | null; ticketSystem: string | null };
}

export interface GraphPolicyRuleTarget {
  caller: 'Admin' | 'EndUser';
  operations: string[];
  level: 'Eligibility' | 'Assignment';
  inheritableSettings: string[];
  enforcedSettings: string[];
}

export type GraphPolicyRule =
  | { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyExpirationRule'; id: string; isExpirationRequired: boolean; maximumDuration: string; target: GraphPolicyRuleTarget }
  | { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyEnablementRule'; id: string; enabledRules: string[]; target: GraphPolicyRuleTarget }
  | {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyApprovalRule';
      id: string;
      target: GraphPolicyRuleTarget;
      setting: {
        isApprovalRequired: boolean;
        isApprovalRequiredForExtension: boolean;
        isRequestorJustificationRequired: boolean;
        approvalMode: string;
        approvalStages: Array<{
          approvalStageTimeOutInDays: number;
          isApproverJustificationRequired: boolean;
          escalationTimeInMinutes: number;
          isEscalationEnabled: boolean;
          primaryApprovers: Array<{ '@odata.type': string; userId?: string; groupId?: string; description?: string | null }>;
          escalationApprovers: unknown[];
        }>;
      };
    }
  | { '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyAuthenticationContextRule'; id: string; isEnabled: boolean; claimValue: string | null; target: GraphPolicyRuleTarget }
  | {
      '@odata.type': '#microsoft.graph.unifiedRoleManagementPolicyNotificationRule';
      id: string;
      notificationType: string;
      recipientType: string;
      notificationLevel: string;
      isDefaultRecipientsEnabled: boolean;
      notificationRecipients: string[];
      target: GraphPolicyRuleTarget;
    };

export interface GraphRolePolicy {
  id: string;
  displayName: string;
  description: string;
  isOrganizationDefault: boolean;
  scopeId: string;
  scopeType: string;
  lastModifiedDateTime: string | null;
  lastModifiedBy: { displayName: string | null; id: string | null };
  rules: GraphPolicyRule[];
}

export interface GraphPolicyAssignment {
  id: string;
  policyId: string;
  scopeId: string;
  scopeType: string;
  roleDefinitionId: string;
}
