import { BETA_ONLY_SIGN_IN_FIELDS, USER_DEFAULT_SELECT, type GraphPimGroupSchedule, type GraphUser } from './graph-shapes';
import { queryCollection, type CollectionSpec } from './odata-collection';
import { ODataError } from './odata-filter';
import { PimError, type AssignmentRequestBody, type PimEngine } from './pim-engine';
import { graphError, json, type Reply } from './reply';
import type { TenantData } from './tenant-data';

export interface GraphContext {
  method: string;
  version: 'v1.0' | 'beta';
  /** Path after the version, e.g. /auditLogs/signIns */
  path: string;
  query: URLSearchParams;
  body: string;
  origin: string;
  data: TenantData;
  pim: PimEngine;
  now: number;
  /** Entra ID P1/P2: without it, sign-in logs are refused like Graph refuses them. */
  premium: boolean;
}

/** Application permissions that satisfy a route: all of `all`, and one of `any` when given. */
export interface PermissionRule {
  all?: string[];
  any?: string[];
  /** Graph's own 403 for the route, where its service words it differently from Authorization_RequestDenied. */
  refusal?: { code: string; message: string };
}

export interface GraphRoute {
  name: string;
  method: 'GET' | 'POST';
  pattern: RegExp;
  permissions: PermissionRule;
  handle(ctx: GraphContext, match: RegExpExecArray): Reply;
}

const ROLE_READ = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory', 'Directory.Read.All'];
const ASSIGNMENT_READ = ['RoleAssignmentSchedule.Read.Directory', 'RoleAssignmentSchedule.ReadWrite.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory'];
const ELIGIBILITY_READ = ['RoleEligibilitySchedule.Read.Directory', 'RoleEligibilitySchedule.ReadWrite.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory'];
/**
 * Listing PIM's assignment requests needs a write permission, whatever the
 * docs' table once said: Graph refuses RoleManagement.Read.Directory and
 * RoleAssignmentSchedule.Read.Directory with this answer
 * (microsoft-graph-docs issue 19139; microsoft-graph-explorer-v4 issue 2176).
 */
const REQUESTS_READWRITE = ['RoleAssignmentSchedule.ReadWrite.Directory', 'RoleManagement.ReadWrite.Directory'];
const REQUESTS_REFUSAL = {
  code: 'UnknownError',
  message: JSON.stringify({
    errorCode: 'PermissionScopeNotGranted',
    message: `Authorization failed due to missing permission scope ${REQUESTS_READWRITE.join(',')}.`,
    instanceAnnotations: [],
  }),
};
const POLICY_READ = ['RoleManagementPolicy.Read.Directory', 'RoleManagementPolicy.ReadWrite.Directory', 'RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory'];

const spec = (resource: string, filterable: string[], extra: Partial<CollectionSpec> = {}): CollectionSpec => ({ resource, filterable, defaultTop: 100, maxTop: 999, ...extra });

const SPECS = {
  signIns: spec(
    'signIn',
    ['id', 'userId', 'appId', 'createdDateTime', 'userDisplayName', 'userPrincipalName', 'appDisplayName', 'ipAddress', 'location', 'status', 'clientAppUsed', 'conditionalAccessStatus', 'deviceDetail', 'correlationId', 'isInteractive', 'riskLevelDuringSignIn', 'riskLevelAggregated', 'riskState', 'signInEventTypes', 'authenticationRequirement', 'userType'],
    { defaultTop: 1000, maxTop: 1000, newestFirstBy: 'createdDateTime' },
  ),
  directoryAudits: spec(
    'directoryAudit',
    ['id', 'category', 'activityDisplayName', 'activityDateTime', 'loggedByService', 'result', 'correlationId', 'initiatedBy', 'targetResources', 'operationType'],
    { defaultTop: 1000, maxTop: 1000, newestFirstBy: 'activityDateTime' },
  ),
  roleDefinitions: spec('unifiedRoleDefinition', ['id', 'displayName', 'isBuiltIn', 'templateId', 'isEnabled'], { defaultTop: 1000, maxTop: 1000 }),
  eligibility: spec('unifiedRoleEligibilityScheduleInstance', ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'memberType', 'startDateTime', 'endDateTime']),
  assignments: spec('unifiedRoleAssignmentScheduleInstance', ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'memberType', 'assignmentType', 'startDateTime', 'endDateTime']),
  roleAssignments: spec('unifiedRoleAssignment', ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId']),
  requests: spec('unifiedRoleAssignmentScheduleRequest', ['id', 'principalId', 'roleDefinitionId', 'status', 'action', 'createdDateTime', 'directoryScopeId']),
  policyAssignments: spec('unifiedRoleManagementPolicyAssignment', ['id', 'policyId', 'scopeId', 'scopeType', 'roleDefinitionId']),
  registration: spec('userRegistrationDetails', ['id', 'userPrincipalName', 'userDisplayName', 'userType', 'isAdmin', 'isMfaRegistered', 'isMfaCapable', 'isSsprRegistered', 'isSsprEnabled', 'isSsprCapable', 'isPasswordlessCapable', 'methodsRegistered']),
  users: spec('user', ['id', 'userPrincipalName', 'mail', 'displayName', 'givenName', 'surname', 'accountEnabled', 'userType', 'onPremisesSyncEnabled', 'proxyAddresses', 'creationType'], { defaultSelect: USER_DEFAULT_SELECT }),
  members: spec('directoryObject', ['id']),
  groups: spec('group', ['id', 'displayName', 'isAssignableToRole', 'securityEnabled', 'mailEnabled']),
  pimGroupSchedules: spec('privilegedAccessGroupSchedule', ['id', 'groupId', 'principalId', 'accessId', 'memberType', 'status']),
  domains: spec('domain', ['id', 'authenticationType', 'isDefault', 'isVerified']),
  messageRules: spec('messageRule', ['id', 'displayName', 'isEnabled', 'sequence']),
};

function list<T extends { id: string }>(ctx: GraphContext, items: readonly T[], collection: CollectionSpec, contextName: string, map?: (r: Record<string, unknown>) => Record<string, unknown>): Reply {
  const q = ctx.query;
  const page = queryCollection(items, { filter: q.get('$filter') ?? undefined, top: q.get('$top') ?? undefined, select: q.get('$select') ?? undefined, skiptoken: q.get('$skiptoken') ?? undefined }, collection);
  const body: Record<string, unknown> = { '@odata.context': `${ctx.origin}/${ctx.version}/$metadata#${contextName}` };
  if (page.nextSkiptoken) body['@odata.nextLink'] = `${ctx.origin}/${ctx.version}${ctx.path}?$top=${page.top}&$skiptoken=${page.nextSkiptoken}`;
  body.value = map ? page.value.map(map) : page.value;
  return json(200, body);
}

function entity(ctx: GraphContext, contextName: string, record: object, select?: readonly string[]): Reply {
  const chosen = ctx.query.get('$select')?.split(',').map((s) => s.trim()) ?? select;
  const source = record as Record<string, unknown>;
  const body: Record<string, unknown> = { '@odata.context': `${ctx.origin}/${ctx.version}/$metadata#${contextName}/$entity` };
  for (const [k, v] of Object.entries(source)) if (!chosen || chosen.includes(k)) body[k] = v;
  return json(200, body);
}

function notFound(id: string): Reply {
  return graphError(404, 'Request_ResourceNotFound', `Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);
}

function visible<T>(records: ReadonlyArray<{ record: T; visibleAt: number }>, now: number): T[] {
  return records.filter((r) => r.visibleAt <= now).map((r) => r.record);
}

function findUser(data: TenantData, idOrUpn: string): GraphUser | undefined {
  const key = idOrUpn.toLowerCase();
  return data.users.find((u) => u.id === key || u.userPrincipalName.toLowerCase() === key);
}

function transitiveMembers(data: TenantData, groupId: string, seen = new Set<string>()): Array<{ '@odata.type': string; id: string; displayName: string; userPrincipalName?: string }> {
  const group = data.groups.find((g) => g.id === groupId);
  if (!group || seen.has(groupId)) return [];
  seen.add(groupId);
  const out: Array<{ '@odata.type': string; id: string; displayName: string; userPrincipalName?: string }> = [];
  for (const id of group.memberIds) {
    const user = data.users.find((u) => u.id === id);
    if (user && !out.some((o) => o.id === id)) out.push({ '@odata.type': '#microsoft.graph.user', id, displayName: user.displayName, userPrincipalName: user.userPrincipalName });
  }
  for (const nestedId of group.memberGroupIds) {
    const nested = data.groups.find((g) => g.id === nestedId);
    if (nested && !out.some((o) => o.id === nestedId)) out.push({ '@odata.type': '#microsoft.graph.group', id: nestedId, displayName: nested.displayName });
    for (const m of transitiveMembers(data, nestedId, seen)) if (!out.some((o) => o.id === m.id)) out.push(m);
  }
  return out;
}

/** A PIM for Groups schedule list; each needs its own permission family (Graph's least privileged is the Read one). */
function pimGroupRoute(kind: string, permission: string, records: (data: TenantData) => readonly GraphPimGroupSchedule[]): GraphRoute {
  return {
    name: 'pimGroupSchedules',
    method: 'GET',
    pattern: new RegExp(`^/identityGovernance/privilegedAccess/group/${kind}$`, 'i'),
    permissions: { any: [`${permission}.Read.AzureADGroup`, `${permission}.ReadWrite.AzureADGroup`] },
    handle(ctx) {
      // Graph answers these lists only when scoped to a group or a principal.
      if (!/\b(groupId|principalId)\s+eq\b/i.test(ctx.query.get('$filter') ?? '')) {
        return graphError(400, 'BadRequest', "The filter must contain groupId or principalId, for example groupId eq '<id>'.");
      }
      return list(ctx, records(ctx.data), SPECS.pimGroupSchedules, `identityGovernance/privilegedAccess/group/${kind}`);
    },
  };
}

export const GRAPH_ROUTES: readonly GraphRoute[] = [
  {
    name: 'signIns',
    method: 'GET',
    pattern: /^\/auditLogs\/signIns$/i,
    permissions: { all: ['AuditLog.Read.All', 'Directory.Read.All'] },
    handle(ctx) {
      if (!ctx.premium) return graphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', "Neither tenant is B2C or tenant doesn't have premium license");
      const filter = ctx.query.get('$filter') ?? '';
      // Graph returns interactive sign-ins only, unless a beta query asks for other event types.
      const all = visible(ctx.data.signIns, ctx.now);
      const records = ctx.version === 'beta' && /signInEventTypes/i.test(filter) ? all : all.filter((s) => s.isInteractive);
      const stripBeta = ctx.version === 'v1.0' ? (r: Record<string, unknown>) => {
        const copy = { ...r };
        for (const f of BETA_ONLY_SIGN_IN_FIELDS) delete copy[f];
        return copy;
      } : undefined;
      return list(ctx, records, SPECS.signIns, 'auditLogs/signIns', stripBeta);
    },
  },
  {
    name: 'directoryAudits',
    method: 'GET',
    pattern: /^\/auditLogs\/directoryAudits$/i,
    permissions: { all: ['AuditLog.Read.All'] },
    handle: (ctx) => list(ctx, visible(ctx.data.audits, ctx.now), SPECS.directoryAudits, 'auditLogs/directoryAudits'),
  },
  {
    name: 'roleDefinitions',
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleDefinitions(?:\/([^/]+))?$/i,
    permissions: { any: ROLE_READ },
    handle(ctx, m) {
      if (m[1]) {
        const role = ctx.data.roleDefinitions.find((r) => r.id === m[1]);
        return role ? entity(ctx, 'roleManagement/directory/roleDefinitions', role) : notFound(m[1]);
      }
      return list(ctx, ctx.data.roleDefinitions, SPECS.roleDefinitions, 'roleManagement/directory/roleDefinitions');
    },
  },
  {
    name: 'eligibilityInstances',
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleEligibilityScheduleInstances$/i,
    permissions: { any: ELIGIBILITY_READ },
    handle: (ctx) =>
      list(
        ctx,
        ctx.data.eligibility.filter((e) => Date.parse(e.startDateTime) <= ctx.now && (e.endDateTime === null || Date.parse(e.endDateTime) > ctx.now)),
        SPECS.eligibility,
        'roleManagement/directory/roleEligibilityScheduleInstances',
      ),
  },
  {
    name: 'assignmentInstances',
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignmentScheduleInstances$/i,
    permissions: { any: ASSIGNMENT_READ },
    handle: (ctx) => list(ctx, ctx.pim.activeAssignments(), SPECS.assignments, 'roleManagement/directory/roleAssignmentScheduleInstances'),
  },
  {
    name: 'roleAssignments',
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignments$/i,
    permissions: { any: ROLE_READ },
    handle(ctx) {
      // Graph lists every active assignment here, time-bound and activated ones included.
      const assignments = ctx.pim.activeAssignments().map((a) => ({ id: a.roleAssignmentOriginId, principalId: a.principalId, roleDefinitionId: a.roleDefinitionId, directoryScopeId: a.directoryScopeId, appScopeId: null, condition: null }));
      return list(ctx, assignments, SPECS.roleAssignments, 'roleManagement/directory/roleAssignments');
    },
  },
  {
    name: 'assignmentRequests',
    method: 'GET',
    pattern: /^\/roleManagement\/directory\/roleAssignmentScheduleRequests(?:\/([^/]+))?$/i,
    permissions: { any: REQUESTS_READWRITE, refusal: REQUESTS_REFUSAL },
    handle(ctx, m) {
      ctx.pim.sweep();
      if (m[1]) {
        const request = ctx.data.requests.find((r) => r.id === m[1]);
        return request ? entity(ctx, 'roleManagement/directory/roleAssignmentScheduleRequests', request) : notFound(m[1]);
      }
      return list(ctx, ctx.data.requests, SPECS.requests, 'roleManagement/directory/roleAssignmentScheduleRequests');
    },
  },
  {
    name: 'assignmentRequests',
    method: 'POST',
    pattern: /^\/roleManagement\/directory\/roleAssignmentScheduleRequests\/?$/i,
    permissions: { any: REQUESTS_READWRITE, refusal: REQUESTS_REFUSAL },
    handle(ctx) {
      let body: AssignmentRequestBody;
      try {
        body = JSON.parse(ctx.body) as AssignmentRequestBody;
      } catch {
        return graphError(400, 'BadRequest', 'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
      }
      const request = ctx.pim.submit(body);
      return json(201, { '@odata.context': `${ctx.origin}/${ctx.version}/$metadata#roleManagement/directory/roleAssignmentScheduleRequests/$entity`, ...request });
    },
  },
  {
    name: 'rolePolicies',
    method: 'GET',
    pattern: /^\/policies\/roleManagementPolicyAssignments$/i,
    permissions: { any: POLICY_READ },
    handle(ctx) {
      const filter = ctx.query.get('$filter') ?? '';
      if (!/scopeId/i.test(filter) || !/scopeType/i.test(filter)) {
        return graphError(400, 'BadRequest', 'The filter must contain scopeId and scopeType, for example scopeId eq \'/\' and scopeType eq \'DirectoryRole\'.');
      }
      const expand = ctx.query.get('$expand') ?? '';
      const withPolicy = /^policy\b/i.test(expand);
      const withRules = /rules/i.test(expand);
      const items = ctx.data.policies.map((p) => ({ ...p.assignment, ...(withPolicy ? { policy: withRules ? p.policy : { ...p.policy, rules: undefined } } : {}) }));
      return list(ctx, items, SPECS.policyAssignments, withRules ? 'policies/roleManagementPolicyAssignments(policy(rules()))' : 'policies/roleManagementPolicyAssignments');
    },
  },
  {
    name: 'userRegistrationDetails',
    method: 'GET',
    pattern: /^\/reports\/authenticationMethods\/userRegistrationDetails(?:\/([^/]+))?$/i,
    permissions: { all: ['AuditLog.Read.All'] },
    handle(ctx, m) {
      if (m[1]) {
        const details = ctx.data.registration.find((r) => r.id === m[1]);
        return details ? entity(ctx, 'reports/authenticationMethods/userRegistrationDetails', details) : notFound(m[1]);
      }
      return list(ctx, ctx.data.registration, SPECS.registration, 'reports/authenticationMethods/userRegistrationDetails');
    },
  },
  {
    name: 'users',
    method: 'GET',
    pattern: /^\/users(?:\/([^/]+))?$/i,
    permissions: { any: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All'] },
    handle(ctx, m) {
      if (m[1]) {
        const key = decodeURIComponent(m[1]);
        const user = findUser(ctx.data, key);
        return user ? entity(ctx, 'users', user, USER_DEFAULT_SELECT) : notFound(key);
      }
      return list(ctx, ctx.data.users, SPECS.users, 'users');
    },
  },
  {
    name: 'groups',
    method: 'GET',
    pattern: /^\/groups\/([^/]+)\/transitiveMembers$/i,
    permissions: { any: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'] },
    handle(ctx, m) {
      const id = m[1] ?? '';
      if (!ctx.data.groups.some((g) => g.id === id)) return notFound(id);
      return list(ctx, transitiveMembers(ctx.data, id), SPECS.members, 'directoryObjects');
    },
  },
  {
    name: 'groups',
    method: 'GET',
    pattern: /^\/groups$/i,
    permissions: { any: ['GroupMember.Read.All', 'Group.Read.All', 'Directory.Read.All'] },
    handle: (ctx) => list(ctx, ctx.data.groups.map(({ memberIds: _m, memberGroupIds: _g, ...group }) => group), SPECS.groups, 'groups'),
  },
  pimGroupRoute('eligibilitySchedules', 'PrivilegedEligibilitySchedule', (d) => d.pimGroupEligibility),
  pimGroupRoute('assignmentSchedules', 'PrivilegedAssignmentSchedule', (d) => d.pimGroupAssignments),
  {
    // https://learn.microsoft.com/graph/api/userteamwork-post-installedapps: 201 with no body, 409 when already installed.
    name: 'installTeamsApp',
    method: 'POST',
    pattern: /^\/users\/([^/]+)\/teamwork\/installedApps\/?$/i,
    permissions: { any: ['TeamsAppInstallation.ReadWriteForUser.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'] },
    handle(ctx, m) {
      const key = decodeURIComponent(m[1] ?? '');
      const user = findUser(ctx.data, key);
      if (!user) return notFound(key);
      let bind: unknown;
      try {
        bind = (JSON.parse(ctx.body) as Record<string, unknown>)['teamsApp@odata.bind'];
      } catch {
        return graphError(400, 'BadRequest', 'Unable to read JSON request payload.');
      }
      const appId = typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/?]+)$/i.exec(bind)?.[1] : undefined;
      if (!appId) return graphError(400, 'BadRequest', 'teamsApp@odata.bind must name /appCatalogs/teamsApps/{id}.');
      const apps = (ctx.data.teamsApps ??= new Map());
      const installed = apps.get(user.id) ?? new Set<string>();
      if (installed.has(appId)) return graphError(409, 'Conflict', 'App is already installed for this user.');
      installed.add(appId);
      apps.set(user.id, installed);
      return { status: 201 };
    },
  },
  {
    // https://learn.microsoft.com/graph/api/mailfolder-list-messagerules: application permission MailboxSettings.Read.
    name: 'inboxRules',
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/mailFolders\/inbox\/messageRules$/i,
    permissions: { any: ['MailboxSettings.Read', 'MailboxSettings.ReadWrite'] },
    handle(ctx, m) {
      const key = decodeURIComponent(m[1] ?? '');
      const user = findUser(ctx.data, key);
      if (!user) return graphError(404, 'ErrorInvalidUser', `The requested user '${key}' is invalid.`);
      // No Exchange Online mailbox (the emergency accounts, guests): Graph's answer for mail endpoints.
      if (!user.mail || user.userType === 'Guest') return graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.');
      return list(ctx, ctx.data.inboxRules.get(user.id) ?? [], SPECS.messageRules, `users('${user.id}')/mailFolders('inbox')/messageRules`);
    },
  },
  {
    name: 'domains',
    method: 'GET',
    pattern: /^\/domains$/i,
    permissions: { any: ['Domain.Read.All', 'Directory.Read.All'] },
    handle: (ctx) => list(ctx, ctx.data.domains, SPECS.domains, 'domains'),
  },
];

/** Runs a Graph route, turning query and PIM refusals into Graph's error responses. */
export function runGraphRoute(route: GraphRoute, ctx: GraphContext, match: RegExpExecArray): Reply {
  try {
    return route.handle(ctx, match);
  } catch (e) {
    if (e instanceof ODataError) return graphError(400, e.code, e.message);
    if (e instanceof PimError) return graphError(e.status, e.code, e.message);
    throw e;
  }
}

export function findGraphRoute(method: string, path: string): { route: GraphRoute; match: RegExpExecArray } | undefined {
  for (const route of GRAPH_ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match) return { route, match };
  }
  return undefined;
}

export function permitted(rule: PermissionRule, granted: readonly string[]): boolean {
  const has = new Set(granted);
  return (rule.all ?? []).every((p) => has.has(p)) && (rule.any === undefined || rule.any.some((p) => has.has(p)));
}
