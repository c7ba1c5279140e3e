import { X509Certificate, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock, type Clock } from '../bot/ports/clock';
import { TokenIssuer } from './access-tokens';
import { SIM_CLIENT_ID, SIM_SERVICE_PRINCIPAL_ID, TENANT_DOMAIN } from './contoso-directory';
import { FaultInjector, type Fault, type RouteName } from './fault-injector';
import { findGraphRoute, permitted, runGraphRoute } from './graph-routes';
import type { GraphAssignmentInstance, GraphAssignmentRequest, GraphDirectoryAudit, GraphEligibilityInstance, GraphPimGroupSchedule, GraphSignIn } from './graph-shapes';
import { readBody, writeReply } from './http-helpers';
import { identityRoute, type AppRegistration } from './identity-routes';
import { PimEngine } from './pim-engine';
import { adminRoute } from './admin-routes';
import { graphError, oauthError, type Reply } from './reply';
import { policyRules, readRoleSettings, type RoleSettings } from './role-policies';
import { DEFAULT_SEED, buildScenario, type ScenarioName } from './scenarios';
import type { TenantData } from './tenant-data';
import { CLIENT_CERTIFICATE_FILE, CLIENT_PUBLIC_CERT_FILE, SERVER_CERT_FILE, SERVER_KEY_FILE, TEST_CA_FILE } from './tls-files';

/** The least-privileged application permissions the bot needs; the simulated app has them all by default. */
export const DEFAULT_GRANTED_PERMISSIONS: readonly string[] = [
  'AuditLog.Read.All',
  'Directory.Read.All',
  'RoleManagement.Read.Directory',
  'RoleAssignmentSchedule.ReadWrite.Directory',
  'RoleManagementPolicy.Read.Directory',
  'User.Read.All',
  'GroupMember.Read.All',
  'PrivilegedEligibilitySchedule.Read.AzureADGroup',
  'PrivilegedAssignmentSchedule.Read.AzureADGroup',
  'Domain.Read.All',
  'MailboxSettings.Read',
  'TeamsAppInstallation.ReadWriteForUser.All',
];

export interface TenantSimulatorOptions {
  scenario?: ScenarioName;
  /** 0 (default) picks a free port. */
  port?: number;
  seed?: number;
  /** Drives the data (log times, PIM expiry). Token lifetimes use wall time. */
  clock?: Clock;
  /** The secret the simulated app registration accepts; random when omitted. */
  clientSecret?: string;
}

export interface RequestLogEntry {
  method: string;
  path: string;
  query: string;
  route: string;
  status: number | 'dropped';
  at: number;
}

export interface TenantSimulator {
  /** https://127.0.0.1:<port>: Graph base URL and identity authority host at once. */
  url: string;
  graphBaseUrl: string;
  authorityHost: string;
  tenantId: string;
  tenantDomain: string;
  clientId: string;
  clientSecret: string;
  /** PEM (key + certificate) the simulated app accepts, for ClientCertificateCredential. */
  certificatePath: string;
  /** The CA to trust (NODE_EXTRA_CA_CERTS). */
  caFile: string;
  scenario: ScenarioName;
  seed: number;
  clock: Clock;
  /** The tenant's live data, for assertions. */
  data: TenantData;
  faults: FaultInjector;
  /** The last 2,000 requests, oldest first. */
  requests: RequestLogEntry[];
  close(): Promise<void>;
  injectFault(route: RouteName, fault: Fault): void;
  clearFaults(route?: RouteName): void;
  /** Adds sign-ins that become visible `delayMs` after their createdDateTime (logs arrive late). */
  addSignIns(records: GraphSignIn[], options?: { delayMs?: number }): void;
  addDirectoryAudits(records: GraphDirectoryAudit[], options?: { delayMs?: number }): void;
  /** Makes principals eligible for roles in PIM (as an admin would in the portal). */
  addEligibility(records: GraphEligibilityInstance[]): void;
  /** A group (role-assignable when `isAssignableToRole`) with these user members. */
  addGroup(group: { id: string; displayName: string; isAssignableToRole: boolean; memberIds: string[] }): void;
  /** PIM for Groups: eligible for, or assigned, membership or ownership of a group. */
  addPimGroupSchedules(kind: 'eligible' | 'assigned', records: GraphPimGroupSchedule[]): void;
  createPendingApproval(input: { principalId: string; roleDefinitionId: string; justification: string; duration?: string; ticketNumber?: string }): GraphAssignmentRequest;
  approveRequest(requestId: string, approverId?: string): GraphAssignmentRequest;
  denyRequest(requestId: string, approverId?: string): GraphAssignmentRequest;
  cancelRequest(requestId: string): GraphAssignmentRequest;
  activeAssignments(): GraphAssignmentInstance[];
  roleSettings(roleDefinitionId: string): RoleSettings;
  setRoleSettings(roleDefinitionId: string, change: Partial<RoleSettings>): void;
  grantedPermissions(): string[];
  /** Whether the Teams app `appId` is installed for the user (as POST /users/{id}/teamwork/installedApps leaves it). */
  hasTeamsApp(userId: string, appId: string): boolean;
  setGrantedPermissions(permissions: readonly string[]): void;
  /** Invalidates every access token issued so far (Graph answers 401 to them). */
  revokeTokens(): void;
  /** Without Entra ID P1/P2 Graph refuses sign-in logs. */
  setPremium(premium: boolean): void;
}

const MAX_LOG = 2000;

/** The answer a throttle or outage fault gives, in Graph's or the identity platform's error shape. */
function faultReply(fault: Extract<Fault, { kind: 'throttle' | 'unavailable' }>, isGraph: boolean): Reply {
  const retryAfter = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : undefined;
  const status = fault.kind === 'throttle' ? 429 : (fault.status ?? 503);
  if (!isGraph) return { ...oauthError(status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.'), headers: retryAfter };
  if (fault.kind === 'throttle') return graphError(429, 'TooManyRequests', 'Too many requests. Please retry after the time in the Retry-After header.', retryAfter);
  return status === 504 ? graphError(504, 'GatewayTimeout', 'The gateway timed out.', retryAfter) : graphError(503, 'ServiceUnavailable', 'The service is temporarily unavailable.', retryAfter);
}

export async function startTenantSimulator(options: TenantSimulatorOptions = {}): Promise<TenantSimulator> {
  const clock = options.clock ?? systemClock;
  const scenario = options.scenario ?? 'quiet';
  const seed = options.seed ?? DEFAULT_SEED;
  const data = buildScenario(scenario, { now: clock.now(), seed });
  const faults = new FaultInjector();
  const issuer = new TokenIssuer();
  const requests: RequestLogEntry[] = [];
  let granted = [...DEFAULT_GRANTED_PERMISSIONS];
  let premium = true;
  const clientSecret = options.clientSecret ?? `sim~${randomBytes(18).toString('base64url')}`;
  const app: AppRegistration = {
    tenantId: data.tenantId,
    tenantDomain: TENANT_DOMAIN,
    clientId: SIM_CLIENT_ID,
    clientSecret,
    certificate: new X509Certificate(readFileSync(CLIENT_PUBLIC_CERT_FILE)),
    servicePrincipalId: SIM_SERVICE_PRINCIPAL_ID,
    grantedPermissions: () => [...granted],
  };
  const pim = new PimEngine(data, () => clock.now(), { appId: SIM_CLIENT_ID, displayName: 'breakglass', servicePrincipalId: SIM_SERVICE_PRINCIPAL_ID, servicePrincipalName: 'breakglass' }, seed);
  let origin = '';

  const record = (entry: RequestLogEntry) => {
    requests.push(entry);
    if (requests.length > MAX_LOG) requests.splice(0, requests.length - MAX_LOG);
  };

  const admin = { faults, pim, clock, describe: () => ({ scenario, seed, tenantId: data.tenantId, clientId: SIM_CLIENT_ID, now: new Date(clock.now()).toISOString() }) };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const method = req.method ?? 'GET';
    const body = await readBody(req);
    const graphMatch = /^\/(v1\.0|beta)(\/.*)$/.exec(url.pathname);
    const found = graphMatch ? findGraphRoute(method, graphMatch[2] ?? '') : undefined;
    const routeName = found
      ? found.route.name
      : /\/oauth2\/v2\.0\/token$/.test(url.pathname)
        ? 'token'
        : /openid-configuration$|discovery\/instance$/.test(url.pathname)
          ? 'openid'
          : url.pathname.startsWith('/_sim')
            ? 'admin'
            : 'unknown';
    const entry: RequestLogEntry = { method, path: url.pathname, query: url.search, route: routeName, status: 0, at: clock.now() };
    const isGraph = graphMatch !== null;

    let dropAfter = false;
    let lateAnswerMs = 0;
    for (const fault of routeName === 'admin' ? [] : faults.take(routeName, isGraph, method)) {
      if (fault.kind === 'latency' && fault.after) lateAnswerMs += fault.ms;
      else if (fault.kind === 'latency') await new Promise((r) => setTimeout(r, fault.ms));
      else if (fault.kind === 'drop') {
        if (fault.after) dropAfter = true;
        else {
          entry.status = 'dropped';
          record(entry);
          req.socket.destroy();
          return;
        }
      } else {
        const reply = faultReply(fault, isGraph);
        entry.status = reply.status;
        record(entry);
        writeReply(res, reply);
        return;
      }
    }

    let reply: Reply;
    try {
      reply = (routeName === 'admin' ? adminRoute(admin, method, url, body) : undefined) ?? (isGraph ? graphReply(req, method, graphMatch, found, url, body) : identityRoute(method, url.pathname, body, origin, app, issuer)) ?? graphError(404, 'BadRequest', `Resource not found for the segment '${url.pathname.split('/').pop() ?? ''}'.`);
    } catch (e) {
      reply = graphError(500, 'InternalServerError', e instanceof Error ? e.message : 'Internal error');
    }
    if (lateAnswerMs > 0) await new Promise((r) => setTimeout(r, lateAnswerMs));
    if (dropAfter) {
      entry.status = 'dropped';
      record(entry);
      req.socket.destroy();
      return;
    }
    entry.status = reply.status;
    record(entry);
    writeReply(res, reply);
  };

  const graphReply = (
    req: IncomingMessage,
    method: string,
    graphMatch: RegExpExecArray | null,
    found: ReturnType<typeof findGraphRoute>,
    url: URL,
    body: string,
  ): Reply => {
    const authorization = req.headers.authorization ?? '';
    const challenge = { 'www-authenticate': `Bearer realm="", authorization_uri="${origin}/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"` };
    if (!authorization.startsWith('Bearer ') || authorization.length <= 'Bearer '.length) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.', challenge);
    const check = issuer.verify(authorization.slice('Bearer '.length), { aud: origin, tid: data.tenantId });
    if (!check.ok) return graphError(401, 'InvalidAuthenticationToken', check.reason, challenge);
    if (!found || !graphMatch) return graphError(400, 'BadRequest', `Resource not found for the segment '${url.pathname.split('/').pop() ?? ''}'.`);
    if (!permitted(found.route.permissions, granted)) {
      const refusal = found.route.permissions.refusal ?? { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' };
      return graphError(403, refusal.code, refusal.message);
    }
    pim.sweep();
    return runGraphRoute(
      found.route,
      { method, version: graphMatch[1] as 'v1.0' | 'beta', path: graphMatch[2] ?? '', query: url.searchParams, body, origin, data, pim, now: clock.now(), premium },
      found.match,
    );
  };

  const server: Server = createServer({ cert: readFileSync(SERVER_CERT_FILE), key: readFileSync(SERVER_KEY_FILE) }, (req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) writeReply(res, graphError(500, 'InternalServerError', 'Internal error'));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `https://127.0.0.1:${port}`;

  const addLogged = <T>(target: Array<{ record: T; visibleAt: number }>, records: T[], time: (r: T) => string, delayMs = 0) => {
    for (const r of records) target.push({ record: r, visibleAt: Date.parse(time(r)) + delayMs });
  };
  const policyOf = (roleDefinitionId: string) => {
    const stored = data.policies.find((p) => p.assignment.roleDefinitionId === roleDefinitionId);
    if (!stored) throw new Error(`no PIM policy for role ${roleDefinitionId}`);
    return stored;
  };

  return {
    url: origin,
    graphBaseUrl: origin,
    authorityHost: origin,
    tenantId: data.tenantId,
    tenantDomain: TENANT_DOMAIN,
    clientId: SIM_CLIENT_ID,
    clientSecret,
    certificatePath: CLIENT_CERTIFICATE_FILE,
    caFile: TEST_CA_FILE,
    scenario,
    seed,
    clock,
    data,
    faults,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
    injectFault: (route, fault) => faults.inject(route, fault),
    clearFaults: (route) => faults.clear(route),
    addSignIns: (records, o) => addLogged(data.signIns, records, (r) => r.createdDateTime, o?.delayMs),
    addDirectoryAudits: (records, o) => addLogged(data.audits, records, (r) => r.activityDateTime, o?.delayMs),
    addEligibility: (records) => {
      data.eligibility.push(...records);
    },
    addGroup: (g) => {
      data.groups.push({ ...g, description: null, mailEnabled: false, securityEnabled: true, groupTypes: [], memberGroupIds: [] });
    },
    addPimGroupSchedules: (kind, records) => {
      (kind === 'eligible' ? data.pimGroupEligibility : data.pimGroupAssignments).push(...records);
    },
    createPendingApproval: (input) => pim.createPendingApproval(input),
    approveRequest: (id, approverId) => pim.approve(id, approverId),
    denyRequest: (id, approverId) => pim.deny(id, approverId),
    cancelRequest: (id) => pim.cancel(id),
    activeAssignments: () => pim.activeAssignments(),
    roleSettings: (roleId) => readRoleSettings(policyOf(roleId).policy.rules),
    setRoleSettings: (roleId, change) => {
      const stored = policyOf(roleId);
      stored.policy.rules = policyRules({ ...readRoleSettings(stored.policy.rules), ...change });
    },
    hasTeamsApp: (userId, appId) => data.teamsApps?.get(userId.toLowerCase())?.has(appId) ?? false,
    grantedPermissions: () => [...granted],
    setGrantedPermissions: (permissions) => {
      granted = [...permissions];
    },
    revokeTokens: () => issuer.rotateKey(),
    setPremium: (value) => {
      premium = value;
    },
  };
}
