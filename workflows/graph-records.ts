/**
 * The Graph records our rules and workflows read, typed after Microsoft Graph's
 * v1.0 `signIn` and `directoryAudit` resources (beta-only fields are optional).
 * Workflows may not import adapters, so the shapes live here and the Graph
 * adapter returns exactly these.
 */

export interface SignInStatus {
  errorCode: number;
  failureReason?: string | null;
  additionalDetails?: string | null;
}

export interface SignInLocation {
  city?: string | null;
  state?: string | null;
  countryOrRegion?: string | null;
  geoCoordinates?: { latitude?: number | null; longitude?: number | null } | null;
}

export interface SignInDeviceDetail {
  deviceId?: string | null;
  displayName?: string | null;
  operatingSystem?: string | null;
  browser?: string | null;
  isCompliant?: boolean | null;
  isManaged?: boolean | null;
  trustType?: string | null;
}

export interface SignIn {
  id: string;
  createdDateTime: string;
  userId: string;
  userDisplayName?: string | null;
  userPrincipalName: string;
  appId?: string | null;
  appDisplayName?: string | null;
  ipAddress?: string | null;
  clientAppUsed?: string | null;
  correlationId?: string | null;
  conditionalAccessStatus?: 'success' | 'failure' | 'notApplied' | 'unknownFutureValue' | null;
  isInteractive?: boolean | null;
  riskDetail?: string | null;
  riskLevelAggregated?: RiskLevel | null;
  riskLevelDuringSignIn?: RiskLevel | null;
  riskState?: string | null;
  riskEventTypes_v2?: string[] | null;
  resourceDisplayName?: string | null;
  status: SignInStatus;
  deviceDetail?: SignInDeviceDetail | null;
  location?: SignInLocation | null;
  /** beta: 'singleFactorAuthentication' | 'multiFactorAuthentication' */
  authenticationRequirement?: string | null;
  /** beta: 'interactiveUser' | 'nonInteractiveUser' | ... */
  signInEventTypes?: string[] | null;
  /** beta */
  authenticationDetails?: Array<{
    authenticationMethod?: string | null;
    succeeded?: boolean | null;
    authenticationStepResultDetail?: string | null;
    authenticationStepDateTime?: string | null;
  }> | null;
}

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'hidden' | 'unknownFutureValue';

export interface ModifiedProperty {
  displayName?: string | null;
  oldValue?: string | null;
  newValue?: string | null;
}

export interface TargetResource {
  id?: string | null;
  displayName?: string | null;
  type?: string | null;
  userPrincipalName?: string | null;
  groupType?: string | null;
  modifiedProperties?: ModifiedProperty[] | null;
}

export interface DirectoryAudit {
  id: string;
  category: string;
  correlationId?: string | null;
  result: 'success' | 'failure' | 'timeout' | 'unknownFutureValue';
  resultReason?: string | null;
  activityDisplayName: string;
  activityDateTime: string;
  loggedByService?: string | null;
  operationType?: string | null;
  initiatedBy: {
    user?: { id?: string | null; displayName?: string | null; userPrincipalName?: string | null; ipAddress?: string | null } | null;
    app?: { appId?: string | null; displayName?: string | null; servicePrincipalId?: string | null; servicePrincipalName?: string | null } | null;
  };
  targetResources: TargetResource[];
  additionalDetails?: Array<{ key?: string | null; value?: string | null }> | null;
}

export interface DirectoryUser {
  id: string;
  displayName?: string | null;
  userPrincipalName: string;
  mail?: string | null;
  accountEnabled?: boolean | null;
  onPremisesSyncEnabled?: boolean | null;
  lastPasswordChangeDateTime?: string | null;
  userType?: string | null;
  creationType?: string | null;
}

export interface RoleDefinition {
  id: string;
  displayName: string;
  templateId?: string | null;
  isBuiltIn?: boolean | null;
}

/** unifiedRoleEligibilityScheduleInstance / unifiedRoleAssignmentScheduleInstance */
export interface RoleScheduleInstance {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  startDateTime?: string | null;
  endDateTime?: string | null;
  memberType?: string | null;
  /** assignment instances only: 'Assigned' | 'Activated' */
  assignmentType?: string | null;
}

/** unifiedRoleAssignment (permanent) */
export interface RoleAssignment {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
}

/** What the bot asks PIM for: an assignment made or removed by the bot (adminAssign / adminRemove). */
export interface AssignmentRequestInput {
  action: 'adminAssign' | 'adminRemove';
  principalId: string;
  roleDefinitionId: string;
  justification: string;
  /** ISO-8601 duration for adminAssign, e.g. 'PT1H'. */
  duration?: string;
  startDateTime?: string;
  ticketNumber?: string;
}

/** unifiedRoleAssignmentScheduleRequest */
export interface RoleAssignmentScheduleRequest {
  id: string;
  action: 'adminAssign' | 'adminUpdate' | 'adminRemove' | 'adminExtend' | 'adminRenew' | 'selfActivate' | 'selfDeactivate' | 'selfExtend' | 'selfRenew' | string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  justification?: string | null;
  status: string; // e.g. 'Provisioned', 'PendingApproval', 'Denied', 'Canceled', 'Revoked', 'Granted'
  createdDateTime?: string | null;
  approvalId?: string | null;
  scheduleInfo?: {
    startDateTime?: string | null;
    expiration?: { type?: string | null; endDateTime?: string | null; duration?: string | null } | null;
  } | null;
  ticketInfo?: { ticketNumber?: string | null; ticketSystem?: string | null } | null;
}

/** What we read from a unifiedRoleManagementPolicy's rules, flattened. */
export interface RolePolicySummary {
  roleDefinitionId: string;
  /** ISO-8601 duration of the longest activation PIM allows, e.g. 'PT8H'. */
  maximumActivationDuration?: string | null;
  requireMfaOnActivation: boolean;
  requireJustificationOnActivation: boolean;
  requireTicketInfoOnActivation: boolean;
  requireApprovalOnActivation: boolean;
  /** Enablement_Admin_Assignment, which governs the bot's own grants (adminAssign). */
  requireTicketInfoOnAssignment?: boolean;
  /** An app identity cannot satisfy this: PIM refuses every grant the bot makes. */
  requireMfaOnAssignment?: boolean;
}

export interface UserRegistrationDetails {
  id: string;
  userPrincipalName: string;
  isAdmin?: boolean | null;
  isMfaRegistered: boolean;
  methodsRegistered?: string[] | null;
}

/** A recipient in a message rule's actions (Graph's `recipient`). */
export interface MailRecipient {
  emailAddress?: { name?: string | null; address?: string | null } | null;
}

/**
 * An inbox rule (Graph's `messageRule`), the actions that send mail
 * elsewhere only: forwardTo, forwardAsAttachmentTo, redirectTo.
 */
export interface MessageRule {
  id: string;
  displayName: string;
  isEnabled: boolean;
  actions: {
    forwardTo?: MailRecipient[] | null;
    forwardAsAttachmentTo?: MailRecipient[] | null;
    redirectTo?: MailRecipient[] | null;
  };
}

export interface Domain {
  id: string;
  authenticationType: 'Managed' | 'Federated' | string;
  isDefault?: boolean | null;
  isVerified?: boolean | null;
}
