import type {
  DirectoryAudit,
  DirectoryUser,
  Domain,
  MailRecipient,
  MessageRule,
  RoleAssignment,
  RoleAssignmentScheduleRequest,
  RoleDefinition,
  RoleScheduleInstance,
  SignIn,
  UserRegistrationDetails,
} from '../../workflows/graph-records';

/**
 * Graph's JSON -> the records workflows read. Each mapper copies exactly the
 * fields the record type declares, so nothing Graph adds later (or a beta
 * field we did not ask for) leaks into workflow state or the audit trail.
 */

type Wire<T> = { [K in keyof T]?: T[K] | null } & Record<string, unknown>;

export function toSignIn(raw: Wire<SignIn>): SignIn {
  const status = (raw.status ?? {}) as Partial<SignIn['status']>;
  return {
    id: String(raw.id),
    createdDateTime: String(raw.createdDateTime),
    userId: String(raw.userId ?? ''),
    userDisplayName: raw.userDisplayName ?? null,
    userPrincipalName: String(raw.userPrincipalName ?? ''),
    appId: raw.appId ?? null,
    appDisplayName: raw.appDisplayName ?? null,
    ipAddress: raw.ipAddress ?? null,
    clientAppUsed: raw.clientAppUsed ?? null,
    correlationId: raw.correlationId ?? null,
    conditionalAccessStatus: raw.conditionalAccessStatus ?? null,
    isInteractive: raw.isInteractive ?? null,
    riskDetail: raw.riskDetail ?? null,
    riskLevelAggregated: raw.riskLevelAggregated ?? null,
    riskLevelDuringSignIn: raw.riskLevelDuringSignIn ?? null,
    riskState: raw.riskState ?? null,
    riskEventTypes_v2: raw.riskEventTypes_v2 ?? null,
    resourceDisplayName: raw.resourceDisplayName ?? null,
    status: { errorCode: Number(status.errorCode ?? 0), failureReason: status.failureReason ?? null, additionalDetails: status.additionalDetails ?? null },
    deviceDetail: raw.deviceDetail ?? null,
    location: raw.location
      ? {
          city: raw.location.city ?? null,
          state: raw.location.state ?? null,
          countryOrRegion: raw.location.countryOrRegion ?? null,
          geoCoordinates: raw.location.geoCoordinates ? { latitude: raw.location.geoCoordinates.latitude ?? null, longitude: raw.location.geoCoordinates.longitude ?? null } : null,
        }
      : null,
    ...(raw.authenticationRequirement !== undefined ? { authenticationRequirement: raw.authenticationRequirement } : {}),
    ...(raw.signInEventTypes !== undefined ? { signInEventTypes: raw.signInEventTypes } : {}),
    ...(raw.authenticationDetails !== undefined
      ? {
          authenticationDetails:
            raw.authenticationDetails?.map((d) => ({
              authenticationMethod: d.authenticationMethod ?? null,
              succeeded: d.succeeded ?? null,
              authenticationStepResultDetail: d.authenticationStepResultDetail ?? null,
              authenticationStepDateTime: d.authenticationStepDateTime ?? null,
            })) ?? null,
        }
      : {}),
  };
}

export function toDirectoryAudit(raw: Wire<DirectoryAudit>): DirectoryAudit {
  const by = (raw.initiatedBy ?? {}) as DirectoryAudit['initiatedBy'];
  return {
    id: String(raw.id),
    category: String(raw.category ?? ''),
    correlationId: raw.correlationId ?? null,
    result: raw.result ?? 'unknownFutureValue',
    resultReason: raw.resultReason ?? null,
    activityDisplayName: String(raw.activityDisplayName ?? ''),
    activityDateTime: String(raw.activityDateTime),
    loggedByService: raw.loggedByService ?? null,
    operationType: raw.operationType ?? null,
    initiatedBy: {
      user: by.user ? { id: by.user.id ?? null, displayName: by.user.displayName ?? null, userPrincipalName: by.user.userPrincipalName ?? null, ipAddress: by.user.ipAddress ?? null } : null,
      app: by.app ? { appId: by.app.appId ?? null, displayName: by.app.displayName ?? null, servicePrincipalId: by.app.servicePrincipalId ?? null, servicePrincipalName: by.app.servicePrincipalName ?? null } : null,
    },
    targetResources: (raw.targetResources ?? []).map((t) => ({
      id: t.id ?? null,
      displayName: t.displayName ?? null,
      type: t.type ?? null,
      userPrincipalName: t.userPrincipalName ?? null,
      groupType: t.groupType ?? null,
      modifiedProperties: (t.modifiedProperties ?? []).map((m) => ({ displayName: m.displayName ?? null, oldValue: m.oldValue ?? null, newValue: m.newValue ?? null })),
    })),
    additionalDetails: (raw.additionalDetails ?? []).map((d) => ({ key: d.key ?? null, value: d.value ?? null })),
  };
}

export function toRoleDefinition(raw: Wire<RoleDefinition>): RoleDefinition {
  return { id: String(raw.id), displayName: String(raw.displayName ?? ''), templateId: raw.templateId ?? null, isBuiltIn: raw.isBuiltIn ?? null };
}

export function toScheduleInstance(raw: Wire<RoleScheduleInstance>): RoleScheduleInstance {
  return {
    id: String(raw.id),
    principalId: String(raw.principalId ?? ''),
    roleDefinitionId: String(raw.roleDefinitionId ?? ''),
    directoryScopeId: String(raw.directoryScopeId ?? '/'),
    startDateTime: raw.startDateTime ?? null,
    endDateTime: raw.endDateTime ?? null,
    memberType: raw.memberType ?? null,
    ...(raw.assignmentType !== undefined ? { assignmentType: raw.assignmentType ?? null } : {}),
  };
}

export function toRoleAssignment(raw: Wire<RoleAssignment>): RoleAssignment {
  return { id: String(raw.id), principalId: String(raw.principalId ?? ''), roleDefinitionId: String(raw.roleDefinitionId ?? ''), directoryScopeId: String(raw.directoryScopeId ?? '/') };
}

export function toAssignmentRequest(raw: Wire<RoleAssignmentScheduleRequest>): RoleAssignmentScheduleRequest {
  const schedule = raw.scheduleInfo ?? null;
  return {
    id: String(raw.id),
    action: String(raw.action ?? ''),
    principalId: String(raw.principalId ?? ''),
    roleDefinitionId: String(raw.roleDefinitionId ?? ''),
    directoryScopeId: String(raw.directoryScopeId ?? '/'),
    justification: raw.justification ?? null,
    status: String(raw.status ?? ''),
    createdDateTime: raw.createdDateTime ?? null,
    approvalId: raw.approvalId ?? null,
    scheduleInfo: schedule
      ? {
          startDateTime: schedule.startDateTime ?? null,
          expiration: schedule.expiration
            ? { type: schedule.expiration.type ?? null, endDateTime: schedule.expiration.endDateTime ?? null, duration: schedule.expiration.duration ?? null }
            : null,
        }
      : null,
    ticketInfo: raw.ticketInfo ? { ticketNumber: raw.ticketInfo.ticketNumber ?? null, ticketSystem: raw.ticketInfo.ticketSystem ?? null } : null,
  };
}

export function toRegistrationDetails(raw: Wire<UserRegistrationDetails>): UserRegistrationDetails {
  return {
    id: String(raw.id),
    userPrincipalName: String(raw.userPrincipalName ?? ''),
    isAdmin: raw.isAdmin ?? null,
    isMfaRegistered: raw.isMfaRegistered === true,
    methodsRegistered: raw.methodsRegistered ?? null,
  };
}

export function toDirectoryUser(raw: Wire<DirectoryUser>): DirectoryUser {
  return {
    id: String(raw.id),
    displayName: raw.displayName ?? null,
    userPrincipalName: String(raw.userPrincipalName ?? ''),
    mail: raw.mail ?? null,
    accountEnabled: raw.accountEnabled ?? null,
    onPremisesSyncEnabled: raw.onPremisesSyncEnabled ?? null,
    lastPasswordChangeDateTime: raw.lastPasswordChangeDateTime ?? null,
    userType: raw.userType ?? null,
    creationType: raw.creationType ?? null,
  };
}

export function toDomain(raw: Wire<Domain>): Domain {
  return { id: String(raw.id), authenticationType: String(raw.authenticationType ?? 'Managed'), isDefault: raw.isDefault ?? null, isVerified: raw.isVerified ?? null };
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const recipients = (v: unknown): MailRecipient[] | null =>
  Array.isArray(v)
    ? v
        .filter((r): r is MailRecipient => typeof r === 'object' && r !== null)
        .map((r) => ({ emailAddress: r.emailAddress ? { name: text(r.emailAddress.name), address: text(r.emailAddress.address) } : null }))
    : null;

/** Only the fields step 7 reads; the forwarding actions are kept as Graph gave them. */
export function toMessageRule(raw: Wire<MessageRule>): MessageRule {
  const actions = (raw.actions ?? {}) as Record<string, unknown>;
  return {
    id: String(raw.id),
    displayName: String(raw.displayName ?? ''),
    isEnabled: raw.isEnabled !== false,
    actions: { forwardTo: recipients(actions.forwardTo), forwardAsAttachmentTo: recipients(actions.forwardAsAttachmentTo), redirectTo: recipients(actions.redirectTo) },
  };
}

export type { Wire };
