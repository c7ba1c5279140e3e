import type { GraphPort } from '../../bot/ports/graph-port';

/**
 * The Microsoft Graph application permissions each feature needs (least
 * privileged, from each API's permission table). The README lists them and
 * `breakglass doctor` checks them; a 403 names the one that is missing.
 */
export type GraphFeature = 'signIns' | 'directoryAudits' | 'roles' | 'grant' | 'pimRequests' | 'policies' | 'registration' | 'users' | 'groups' | 'pimGroups' | 'domains' | 'teamsApps' | 'mailboxes';

export interface FeaturePermissions {
  /** All of these are needed. */
  permissions: readonly string[];
  /** What the bot does with it, completing "The bot needs X to ...". */
  purpose: string;
  /** Which product features use it. */
  usedBy: string;
}

export const FEATURE_PERMISSIONS: Readonly<Record<GraphFeature, FeaturePermissions>> = {
  signIns: {
    // Graph's sign-in API has required both since a licence-check issue; Directory.Read.All alone is not enough.
    permissions: ['AuditLog.Read.All', 'Directory.Read.All'],
    purpose: 'read sign-in logs',
    usedBy: 'monitoring, break-glass step 5 (sign-in report), recent-MFA checks on elevation',
  },
  directoryAudits: { permissions: ['AuditLog.Read.All'], purpose: 'read directory audit logs', usedBy: 'monitoring (role changes, PIM settings), forensic export' },
  roles: {
    permissions: ['RoleManagement.Read.Directory'],
    purpose: 'read role definitions, eligibility and assignments',
    usedBy: 'elevation checks, posture, expiry verification',
  },
  grant: {
    permissions: ['RoleAssignmentSchedule.ReadWrite.Directory'],
    purpose: 'grant and remove time-bound role assignments',
    usedBy: "elevation in 'bot' grant mode only (leave it out if PIM grants roles)",
  },
  pimRequests: {
    // Graph refuses to list roleAssignmentScheduleRequests with RoleManagement.Read.Directory (microsoft-graph-docs issue 19139):
    // a write permission is the least that works, even to read. RoleManagement.ReadWrite.Directory would do too, but grants far more.
    permissions: ['RoleAssignmentSchedule.ReadWrite.Directory'],
    purpose: "list PIM's role assignment requests",
    usedBy: "elevation in 'pim' grant mode (watching requests PIM decides); in 'bot' mode, checking before a retry",
  },
  policies: { permissions: ['RoleManagementPolicy.Read.Directory'], purpose: "read PIM role settings", usedBy: 'elevation limits (max duration, ticket), posture' },
  registration: { permissions: ['AuditLog.Read.All'], purpose: 'read MFA registration details', usedBy: 'posture (privileged accounts without MFA)' },
  users: { permissions: ['User.Read.All'], purpose: 'read user accounts', usedBy: 'identity mapping, posture (sync state, password age)' },
  groups: {
    permissions: ['GroupMember.Read.All'],
    purpose: 'read group members and list role-assignable groups',
    usedBy: 'role bindings by Entra group (responders, approvers, managers); monitoring (members of groups that hold a role)',
  },
  pimGroups: {
    // Graph's least-privileged application permissions for listing PIM for Groups eligibility and assignment schedules.
    permissions: ['PrivilegedAssignmentSchedule.Read.AzureADGroup', 'PrivilegedEligibilitySchedule.Read.AzureADGroup'],
    purpose: 'read PIM for Groups eligibility and assignments',
    usedBy: 'monitoring (who may become a member or owner of a group that holds a role)',
  },
  teamsApps: {
    permissions: ['TeamsAppInstallation.ReadWriteForUser.All'],
    purpose: 'install the Teams app for a person who never used it',
    usedBy: 'paging a Teams manager who never messaged the bot',
  },
  domains: { permissions: ['Domain.Read.All'], purpose: 'read domains and their authentication type', usedBy: 'break-glass step 6 (federation check)' },
  // Graph's only application permission for listing messageRules (its permission table has no higher one).
  mailboxes: { permissions: ['MailboxSettings.Read'], purpose: "read privileged accounts' inbox rules", usedBy: 'break-glass step 7 (rules that forward or redirect mail)' },
};

/** The feature behind every GraphPort operation. */
export const OPERATION_FEATURE: Readonly<Record<keyof GraphPort, GraphFeature>> = {
  signIns: 'signIns',
  directoryAudits: 'directoryAudits',
  roleDefinitions: 'roles',
  resolveRole: 'roles',
  eligibilityInstances: 'roles',
  assignmentInstances: 'roles',
  roleAssignments: 'roles',
  createAssignmentRequest: 'grant',
  assignmentRequests: 'pimRequests',
  rolePolicy: 'policies',
  userRegistrationDetails: 'registration',
  user: 'users',
  userByEmail: 'users',
  groupMemberIds: 'groups',
  roleAssignableGroupIds: 'groups',
  pimGroupPrincipalIds: 'pimGroups',
  domains: 'domains',
  inboxRules: 'mailboxes',
  installTeamsApp: 'teamsApps',
};

/** Every permission the given features need, each once, sorted. */
export function permissionsFor(features: readonly GraphFeature[]): string[] {
  return [...new Set(features.flatMap((f) => FEATURE_PERMISSIONS[f].permissions))].sort();
}

export const ALL_FEATURES: readonly GraphFeature[] = Object.keys(FEATURE_PERMISSIONS) as GraphFeature[];
