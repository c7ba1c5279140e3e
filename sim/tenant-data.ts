import type {
  GraphAssignmentInstance,
  GraphAssignmentRequest,
  GraphDirectoryAudit,
  GraphDomain,
  GraphEligibilityInstance,
  GraphGroup,
  GraphMessageRule,
  GraphPimGroupSchedule,
  GraphSignIn,
  GraphUser,
  GraphUserRegistrationDetails,
} from './graph-shapes';
import type { GraphRoleDefinition } from './role-definitions';
import type { StoredRolePolicy } from './role-policies';
import { nameUuid } from './seeded-random';

/** A log record and the moment it becomes visible to queries (logs arrive minutes late). */
export interface LoggedRecord<T> {
  record: T;
  visibleAt: number;
}

/** Everything one simulated tenant holds. Mutable: PIM requests change it. */
export interface TenantData {
  tenantId: string;
  users: GraphUser[];
  groups: GraphGroup[];
  domains: GraphDomain[];
  registration: GraphUserRegistrationDetails[];
  roleDefinitions: GraphRoleDefinition[];
  eligibility: GraphEligibilityInstance[];
  /** All assignment instances, including scheduled and ended ones; queries show the active ones. */
  assignments: GraphAssignmentInstance[];
  requests: GraphAssignmentRequest[];
  policies: StoredRolePolicy[];
  /** PIM for Groups: who may become (eligible) or is made (assigned) a member or owner of a group. */
  pimGroupEligibility: GraphPimGroupSchedule[];
  pimGroupAssignments: GraphPimGroupSchedule[];
  signIns: LoggedRecord<GraphSignIn>[];
  audits: LoggedRecord<GraphDirectoryAudit>[];
  /** Inbox rules by user object id (users with a mailbox only; see the messageRules route). */
  inboxRules: Map<string, GraphMessageRule[]>;
  /** Teams apps installed in users' personal scope: user object id -> catalog app ids. Absent until the first install. */
  teamsApps?: Map<string, Set<string>>;
}

export function eligibilityInstance(principalId: string, roleDefinitionId: string, start: string, end: string | null): GraphEligibilityInstance {
  const scheduleId = nameUuid(`eligibility/${principalId}/${roleDefinitionId}`);
  return {
    id: scheduleId,
    principalId,
    roleDefinitionId,
    directoryScopeId: '/',
    appScopeId: null,
    startDateTime: start,
    endDateTime: end,
    memberType: 'Direct',
    roleEligibilityScheduleId: scheduleId,
  };
}

/** Graph's unifiedRoleAssignment ids are opaque base64-ish strings; ours are derived from the pair. */
function assignmentOriginId(principalId: string, roleDefinitionId: string, salt: string): string {
  return Buffer.from(`${roleDefinitionId}:${principalId}:${salt}`).toString('base64url').slice(0, 43) + '-1';
}

export function assignmentInstance(
  principalId: string,
  roleDefinitionId: string,
  start: string,
  end: string | null,
  assignmentType: 'Assigned' | 'Activated',
  salt = 'permanent',
): GraphAssignmentInstance {
  const scheduleId = nameUuid(`assignment/${principalId}/${roleDefinitionId}/${salt}`);
  return {
    id: scheduleId,
    principalId,
    roleDefinitionId,
    directoryScopeId: '/',
    appScopeId: null,
    startDateTime: start,
    endDateTime: end,
    assignmentType,
    memberType: 'Direct',
    roleAssignmentOriginId: assignmentOriginId(principalId, roleDefinitionId, salt),
    roleAssignmentScheduleId: scheduleId,
  };
}

export function isActiveAt(instance: { startDateTime: string; endDateTime: string | null }, now: number): boolean {
  return Date.parse(instance.startDateTime) <= now && (instance.endDateTime === null || Date.parse(instance.endDateTime) > now);
}

/** A PIM for Groups schedule with no end, starting at `start`. */
export function pimGroupSchedule(groupId: string, principalId: string, accessId: 'member' | 'owner', start: string): GraphPimGroupSchedule {
  const id = nameUuid(`pim-group/${groupId}/${principalId}/${accessId}`);
  return {
    id,
    groupId,
    principalId,
    accessId,
    memberType: 'direct',
    status: 'Provisioned',
    createdDateTime: start,
    createdUsing: id,
    modifiedDateTime: null,
    scheduleInfo: { startDateTime: start, expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
  };
}
