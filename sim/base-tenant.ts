import { GROUPS, PEOPLE, STAFF, TENANT_ID, personId, userId, type PersonKey, type PersonSpec } from './contoso-directory';
import type { GraphDomain, GraphGroup, GraphUser, GraphUserRegistrationDetails } from './graph-shapes';
import { baseInboxRules } from './inbox-rules';
import { ROLE, builtInRoleDefinitions } from './role-definitions';
import { DEFAULT_ROLE_SETTINGS, rolePolicy, type RoleSettings } from './role-policies';
import { DAY, iso } from './scenario-time';
import { assignmentInstance, eligibilityInstance, type TenantData } from './tenant-data';

function graphUser(spec: PersonSpec, now: number): GraphUser {
  return {
    id: personId(spec),
    businessPhones: [],
    displayName: spec.displayName,
    givenName: spec.givenName,
    jobTitle: spec.jobTitle,
    mail: spec.mail === '' ? null : spec.mail,
    mobilePhone: null,
    officeLocation: spec.home.city,
    preferredLanguage: 'en-US',
    surname: spec.surname,
    userPrincipalName: spec.upn,
    accountEnabled: spec.accountEnabled,
    onPremisesSyncEnabled: spec.onPremisesSyncEnabled,
    lastPasswordChangeDateTime: iso(now - spec.passwordAgeDays * DAY),
    userType: spec.userType,
    creationType: spec.userType === 'Guest' ? 'Invitation' : null,
    createdDateTime: iso(now - 400 * DAY),
    proxyAddresses: spec.mail === '' ? [] : [`SMTP:${spec.mail}`],
  };
}

function registration(spec: PersonSpec, isAdmin: boolean, now: number): GraphUserRegistrationDetails {
  const mfa = spec.mfaMethods.length > 0;
  return {
    id: personId(spec),
    userPrincipalName: spec.upn,
    userDisplayName: spec.displayName,
    userType: spec.userType === 'Guest' ? 'guest' : 'member',
    isAdmin,
    isSsprRegistered: mfa,
    isSsprEnabled: true,
    isSsprCapable: mfa,
    isMfaRegistered: mfa,
    isMfaCapable: mfa,
    isPasswordlessCapable: spec.mfaMethods.includes('fido2'),
    methodsRegistered: [...spec.mfaMethods],
    isSystemPreferredAuthenticationMethodEnabled: true,
    systemPreferredAuthenticationMethods: mfa ? [spec.mfaMethods.includes('fido2') ? 'Fido2' : 'PushNotification'] : [],
    userPreferredMethodForSecondaryAuthentication: mfa ? (spec.mfaMethods.includes('fido2') ? 'none' : 'push') : 'none',
    lastUpdatedDateTime: iso(now - 2 * DAY),
  };
}

function graphGroup(spec: (typeof GROUPS)[number]): GraphGroup {
  return {
    id: spec.id,
    displayName: spec.displayName,
    description: null,
    mailEnabled: false,
    securityEnabled: true,
    groupTypes: [],
    isAssignableToRole: false,
    memberIds: spec.memberUsers === 'staff' ? STAFF.map(personId) : spec.memberUsers.map((k: PersonKey) => userId(k)),
    memberGroupIds: [...spec.memberGroups],
  };
}

function domain(id: string, authenticationType: GraphDomain['authenticationType'], flags: { isDefault: boolean; isInitial: boolean }): GraphDomain {
  return {
    id,
    authenticationType,
    availabilityStatus: null,
    isAdminManaged: true,
    isDefault: flags.isDefault,
    isInitial: flags.isInitial,
    isRoot: true,
    isVerified: true,
    passwordNotificationWindowInDays: 14,
    passwordValidityPeriodInDays: 2147483647,
    supportedServices: flags.isInitial ? ['Email', 'OfficeCommunicationsOnline'] : ['Email', 'OfficeCommunicationsOnline', 'Intune'],
    state: null,
  };
}

/** Per-role PIM settings shared by every scenario (under-attack then weakens Global Administrator). */
export function baseRoleSettings(): Map<string, RoleSettings> {
  const settings = new Map<string, RoleSettings>();
  for (const id of Object.values(ROLE)) settings.set(id, { ...DEFAULT_ROLE_SETTINGS });
  settings.set(ROLE.globalAdministrator, {
    ...DEFAULT_ROLE_SETTINGS,
    maxActivation: 'PT2H',
    approvalRequired: true,
    approverIds: [userId('carol'), userId('erin')],
  });
  settings.set(ROLE.privilegedRoleAdministrator, {
    ...DEFAULT_ROLE_SETTINGS,
    maxActivation: 'PT1H',
    activationRequires: ['MultiFactorAuthentication', 'Justification', 'Ticketing'],
    approvalRequired: true,
    approverIds: [userId('carol'), userId('erin')],
  });
  return settings;
}

/**
 * The directory every scenario starts from: people, groups, domains,
 * registration details, role definitions, PIM eligibility, standing assignments
 * and role settings. Logs are added by the scenarios.
 */
export function baseTenant(now: number, options: { federated: boolean; settings: Map<string, RoleSettings> }): TenantData {
  const people = Object.values(PEOPLE) as PersonSpec[];
  const privileged = new Set(people.filter((p) => p.privileged).map((p) => p.key));
  const long = iso(now - 300 * DAY);
  const inHalfAYear = iso(now + 180 * DAY);
  const eligible: Array<[PersonKey, string, string | null]> = [
    ['alice', ROLE.globalAdministrator, null],
    ['alice', ROLE.privilegedRoleAdministrator, null],
    ['bob', ROLE.globalAdministrator, inHalfAYear],
    ['bob', ROLE.securityAdministrator, null],
    ['carol', ROLE.userAdministrator, null],
    ['carol', ROLE.securityAdministrator, inHalfAYear],
    ['dave', ROLE.exchangeAdministrator, null],
    ['grace', ROLE.helpdeskAdministrator, null],
    ['henry', ROLE.userAdministrator, null],
    ['erin', ROLE.exchangeAdministrator, null],
  ];
  const permanent: Array<[PersonKey, string]> = [
    ['bg01', ROLE.globalAdministrator],
    ['bg02', ROLE.globalAdministrator],
    ['erin', ROLE.globalAdministrator],
  ];
  return {
    tenantId: TENANT_ID,
    users: [...people, ...STAFF].map((p) => graphUser(p, now)),
    groups: GROUPS.map(graphGroup),
    domains: [
      domain('contoso.onmicrosoft.com', 'Managed', { isDefault: false, isInitial: true }),
      domain('contoso.com', options.federated ? 'Federated' : 'Managed', { isDefault: true, isInitial: false }),
    ],
    registration: [...people, ...STAFF].map((p) => registration(p, privileged.has(p.key), now)),
    roleDefinitions: builtInRoleDefinitions(),
    eligibility: eligible.map(([who, role, end]) => eligibilityInstance(userId(who), role, long, end)),
    assignments: permanent.map(([who, role]) => assignmentInstance(userId(who), role, long, null, 'Assigned')),
    requests: [],
    pimGroupEligibility: [],
    pimGroupAssignments: [],
    inboxRules: baseInboxRules(),
    policies: [...options.settings.entries()].map(([roleId, s]) => rolePolicy(TENANT_ID, roleId, s)),
    signIns: [],
    audits: [],
  };
}
