import type { TokenCredential } from '@azure/identity';
import { BreakglassError } from '../../bot/core/errors';
import type { GraphPort } from '../../bot/ports/graph-port';
import type { Logger } from '../../bot/core/logger';
import { systemClock, type Clock } from '../../bot/ports/clock';
import type { RoleDefinition } from '../../workflows/graph-records';
import { createGraphCredential, graphCredentialKind } from './credential';
import type { GraphDeps } from './graph-call';
import { createGraphClient } from './graph-client';
import { assignmentRequests, createAssignmentRequest } from './queries/assignment-requests';
import { directoryAudits } from './queries/directory-audits';
import { domains } from './queries/domains';
import { groupMemberIds } from './queries/group-members';
import { inboxRules } from './queries/inbox-rules';
import { pimGroupPrincipalIds, roleAssignableGroupIds } from './queries/privileged-groups';
import { findRole } from './queries/resolve-role';
import { roleAssignments } from './queries/role-assignments';
import { roleDefinitions } from './queries/role-definitions';
import { rolePolicy } from './queries/role-policy';
import { assignmentInstances, eligibilityInstances } from './queries/schedule-instances';
import { signIns } from './queries/sign-ins';
import { userRegistrationDetails } from './queries/user-registration-details';
import { installTeamsApp } from './queries/teams-apps';
import { user, userByEmail } from './queries/users';
import { RequestPacer } from './request-pacer';
import { DEFAULT_RETRY_POLICY, realSleep, type RetryPolicy, type Sleep } from './throttle-retry-middleware';

export interface GraphPortSettings {
  /** https://graph.microsoft.com for a real tenant, or the tenant simulator's URL. */
  baseUrl: string;
  /** https://login.microsoftonline.com for a real tenant, or the simulator's URL. */
  authorityHost?: string;
  tenantId: string;
  clientId?: string;
  clientSecret?: string;
  certificatePath?: string;
  certificatePassword?: string;
  /** Retries of a failing token request inside @azure/identity (its default when omitted). */
  tokenRetries?: number;
  logger: Logger;
  clock?: Clock;
  /**
   * How the adapter waits (retries, pacing); tests pass one that moves their
   * ManualClock. Without it the adapter waits in real time and paces by the
   * wall clock (Graph's limits are wall-clock), whatever `clock` is, so a
   * ManualClock that nobody moves can never stall it.
   */
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
  /** The sign-in/audit log pacer; share one per tenant. Default: 5 requests per 10 s. */
  logPacer?: RequestPacer;
  /** $top for log pages (max 1000 for sign-ins). */
  logPageSize?: number;
  /** Use this credential instead of building one from the settings. */
  credential?: TokenCredential;
  /** Role definitions change rarely; they are cached this long. */
  roleCacheMs?: number;
}

/**
 * The GraphPort over @azure/identity and the Microsoft Graph SDK. Every
 * failure is a BreakglassError (graph.*): throttled ones carry retryAt, and
 * each userMessage is one sentence a responder can act on.
 */
export function createGraphPort(settings: GraphPortSettings): GraphPort {
  const clock = settings.clock ?? systemClock;
  const sleep = settings.sleep ?? realSleep;
  if (!/^https:\/\//i.test(settings.baseUrl)) throw new BreakglassError('config.invalid', 'graph.baseUrl must be an https URL.', { detail: { baseUrl: settings.baseUrl } });
  if (settings.authorityHost !== undefined && !/^https:\/\//i.test(settings.authorityHost)) {
    throw new BreakglassError('config.invalid', 'graph.authorityHost must be an https URL.', { detail: { authorityHost: settings.authorityHost } });
  }
  const credential = settings.credential ?? createGraphCredential(settings);
  settings.logger.info(
    { graphBaseUrl: new URL(settings.baseUrl).origin, authorityHost: settings.authorityHost, tenantId: settings.tenantId, credential: settings.credential ? 'provided' : graphCredentialKind(settings) },
    'Microsoft Graph adapter ready',
  );
  const deps: GraphDeps = {
    client: createGraphClient({ baseUrl: settings.baseUrl, credential, retry: { ...DEFAULT_RETRY_POLICY, ...settings.retry }, sleep, clock, logger: settings.logger }),
    clock,
    logger: settings.logger,
    logPacer: settings.logPacer ?? new RequestPacer(settings.sleep ? clock : systemClock, sleep),
    logPageSize: settings.logPageSize ?? 1000,
  };
  const roleCacheMs = settings.roleCacheMs ?? 60 * 60_000;
  let roles: { at: number; value: Promise<RoleDefinition[]> } | undefined;
  const cachedRoles = (): Promise<RoleDefinition[]> => {
    const now = clock.now();
    if (!roles || now - roles.at >= roleCacheMs) {
      const value = roleDefinitions(deps);
      roles = { at: now, value };
      value.catch(() => {
        if (roles?.value === value) roles = undefined;
      });
    }
    return roles.value;
  };

  return {
    signIns: (window) => signIns(deps, window),
    directoryAudits: (window) => directoryAudits(deps, window),
    roleDefinitions: () => cachedRoles(),
    resolveRole: async (name) => findRole(await cachedRoles(), name),
    eligibilityInstances: (principalId) => eligibilityInstances(deps, principalId),
    assignmentInstances: (filter) => assignmentInstances(deps, filter),
    roleAssignments: (filter) => roleAssignments(deps, filter),
    createAssignmentRequest: (request) => createAssignmentRequest(deps, request),
    assignmentRequests: (filter) => assignmentRequests(deps, filter),
    rolePolicy: (roleDefinitionId) => rolePolicy(deps, roleDefinitionId),
    userRegistrationDetails: (userIds) => userRegistrationDetails(deps, userIds),
    user: (idOrUpn) => user(deps, idOrUpn),
    userByEmail: (email) => userByEmail(deps, email),
    groupMemberIds: (groupId) => groupMemberIds(deps, groupId),
    roleAssignableGroupIds: () => roleAssignableGroupIds(deps),
    pimGroupPrincipalIds: (groupId) => pimGroupPrincipalIds(deps, groupId),
    domains: () => domains(deps),
    inboxRules: (userId) => inboxRules(deps, userId),
    installTeamsApp: (userId, catalogAppId) => installTeamsApp(deps, userId, catalogAppId),
  };
}
