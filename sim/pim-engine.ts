import { parseIsoDuration } from '../workflows/duration';
import { makeAudit, roleNameProperty, roleTarget, userTarget } from './audit-factory';
import type { GraphAssignmentInstance, GraphAssignmentRequest, GraphAuditApp, GraphDirectoryAudit, GraphPolicyRule } from './graph-shapes';
import { nameUuid, seededRandom, type Random } from './seeded-random';
import { assignmentInstance, isActiveAt, type TenantData } from './tenant-data';

/** A refusal PIM answers with: HTTP status, Graph error code, message. */
export class PimError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface AssignmentRequestBody {
  action?: string;
  principalId?: string;
  roleDefinitionId?: string;
  directoryScopeId?: string;
  justification?: string;
  scheduleInfo?: { startDateTime?: string; expiration?: { type?: string; duration?: string; endDateTime?: string } };
  ticketInfo?: { ticketNumber?: string; ticketSystem?: string };
}

const MIN_DURATION_MS = 5 * 60_000;
const PIM_APP: GraphAuditApp = { appId: null, displayName: 'MS-PIM', servicePrincipalId: null, servicePrincipalName: null };

/**
 * Privileged Identity Management, as much of it as the bot touches:
 * admin assignments and removals with policy validation, end-user activation
 * requests that wait for approval, and expiry at the end time.
 */
export class PimEngine {
  private readonly rng: Random;
  private sequence = 0;

  constructor(
    private readonly data: TenantData,
    private readonly now: () => number,
    private readonly caller: GraphAuditApp,
    seed: number,
  ) {
    this.rng = seededRandom(seed ^ 0x5eed);
    const t = now();
    // Assignments that ended before the simulator started expired long ago; drop them quietly.
    data.assignments = data.assignments.filter((a) => a.endDateTime === null || Date.parse(a.endDateTime) > t);
  }

  /** Ends assignments whose end time has passed, logging the expiry like PIM does. */
  sweep(): void {
    const t = this.now();
    const ended = this.data.assignments.filter((a) => a.endDateTime !== null && Date.parse(a.endDateTime) <= t);
    if (ended.length === 0) return;
    this.data.assignments = this.data.assignments.filter((a) => !ended.includes(a));
    for (const a of ended) {
      const end = Date.parse(a.endDateTime as string);
      this.log(
        end,
        a.assignmentType === 'Activated' ? 'Remove member from role completed (PIM activation expired)' : 'Remove member from role in PIM completed (timebound)',
        a,
        { app: PIM_APP },
        'Delete',
        'Timebound assignment ended',
      );
    }
  }

  activeAssignments(): GraphAssignmentInstance[] {
    this.sweep();
    const t = this.now();
    return this.data.assignments.filter((a) => isActiveAt(a, t));
  }

  /** POST /roleManagement/directory/roleAssignmentScheduleRequests from the app (admin actions only). */
  submit(body: AssignmentRequestBody): GraphAssignmentRequest {
    this.sweep();
    const action = body.action ?? '';
    if (action !== 'adminAssign' && action !== 'adminRemove') {
      throw new PimError(400, 'InvalidRequest', `The action '${action}' is not supported for application callers; use adminAssign or adminRemove.`);
    }
    const principalId = body.principalId ?? '';
    const roleDefinitionId = body.roleDefinitionId ?? '';
    const role = this.data.roleDefinitions.find((r) => r.id === roleDefinitionId);
    if (!role) throw new PimError(404, 'RoleDefinitionDoesNotExist', 'The role definition does not exist.');
    const user = this.data.users.find((u) => u.id === principalId);
    if (!user) throw new PimError(404, 'Request_ResourceNotFound', `Resource '${principalId}' does not exist or one of its queried reference-property objects are not present.`);
    if ((body.directoryScopeId ?? '/') !== '/') throw new PimError(400, 'InvalidRequest', 'Only the tenant-wide scope "/" is supported.');
    const t = this.now();
    const existing = this.data.assignments.find((a) => a.principalId === principalId && a.roleDefinitionId === roleDefinitionId && isActiveAt(a, t));
    return action === 'adminAssign' ? this.assign(body, role.displayName, existing, t) : this.remove(body, role.displayName, existing, t);
  }

  private assign(body: AssignmentRequestBody, roleName: string, existing: GraphAssignmentInstance | undefined, t: number): GraphAssignmentRequest {
    const roleDefinitionId = body.roleDefinitionId as string;
    // Checked first so a retry of a request that already succeeded is recognisable.
    if (existing) throw new PimError(400, 'RoleAssignmentExists', 'The Role assignment already exists.');
    const rules = this.rules(roleDefinitionId);
    const failed: string[] = [];
    const enablement = rules.find((r) => r.id === 'Enablement_Admin_Assignment');
    const required = enablement && 'enabledRules' in enablement ? enablement.enabledRules : [];
    if (required.includes('Justification') && !(body.justification ?? '').trim()) failed.push('JustificationRule');
    // An app cannot perform MFA, so a role that demands it for admin assignments refuses every app.
    if (required.includes('MultiFactorAuthentication')) failed.push('MfaRule');
    if (required.includes('Ticketing') && !(body.ticketInfo?.ticketNumber ?? '').trim()) failed.push('TicketingRule');

    const expiration = body.scheduleInfo?.expiration ?? {};
    const type = (expiration.type ?? 'noExpiration').toLowerCase();
    const start = body.scheduleInfo?.startDateTime ? Date.parse(body.scheduleInfo.startDateTime) : t;
    if (Number.isNaN(start)) throw new PimError(400, 'InvalidScheduleRequest', 'The schedule start time is not a valid date.');
    let end: number | null = null;
    if (type === 'afterduration') {
      const ms = expiration.duration ? parseIsoDuration(expiration.duration) : undefined;
      if (ms === undefined) throw new PimError(400, 'InvalidScheduleRequest', `The duration '${expiration.duration ?? ''}' is not a valid ISO-8601 duration.`);
      end = start + ms;
    } else if (type === 'afterdatetime') {
      end = expiration.endDateTime ? Date.parse(expiration.endDateTime) : NaN;
      if (Number.isNaN(end)) throw new PimError(400, 'InvalidScheduleRequest', 'The schedule end time is not a valid date.');
    } else if (type !== 'noexpiration') {
      throw new PimError(400, 'InvalidScheduleRequest', `The expiration type '${expiration.type ?? ''}' is not valid.`);
    }
    const expirationRule = rules.find((r) => r.id === 'Expiration_Admin_Assignment');
    if (expirationRule && 'isExpirationRequired' in expirationRule) {
      const max = parseIsoDuration(expirationRule.maximumDuration);
      if (end === null && expirationRule.isExpirationRequired) failed.push('ExpirationRule');
      else if (end !== null && max !== undefined && end - start > max) failed.push('ExpirationRule');
    }
    if (failed.length > 0) throw new PimError(400, 'RoleAssignmentRequestPolicyValidationFailed', `The following policy rules failed: ${JSON.stringify(failed)}`);
    if (end !== null && end - start < MIN_DURATION_MS) throw new PimError(400, 'ActiveDurationTooShort', 'The role assignment must last at least 5 minutes.');

    const request = this.request(body, 'Provisioned', t, { startDateTime: new Date(start).toISOString(), type, end, duration: expiration.duration ?? null });
    const instance = assignmentInstance(request.principalId, roleDefinitionId, new Date(start).toISOString(), end === null ? null : new Date(end).toISOString(), 'Assigned', request.id);
    this.data.assignments.push(instance);
    this.data.requests.push(request);
    this.log(t, end === null ? 'Add member to role in PIM completed (permanent)' : 'Add member to role in PIM completed (timebound)', instance, { app: this.caller }, 'Add', request.justification ?? '', roleName);
    return request;
  }

  private remove(body: AssignmentRequestBody, roleName: string, existing: GraphAssignmentInstance | undefined, t: number): GraphAssignmentRequest {
    if (!existing) throw new PimError(400, 'RoleAssignmentDoesNotExist', 'The Role assignment does not exist.');
    this.data.assignments = this.data.assignments.filter((a) => a !== existing);
    const request = this.request(body, 'Revoked', t, { startDateTime: null, type: 'noExpiration', end: null, duration: null });
    this.data.requests.push(request);
    this.log(t, existing.endDateTime === null ? 'Remove member from role in PIM completed (permanent)' : 'Remove member from role in PIM completed (timebound)', existing, { app: this.caller }, 'Delete', request.justification ?? '', roleName);
    return request;
  }

  /** An end user's activation waiting for an approver (what `pim` grant mode watches for). */
  createPendingApproval(input: { principalId: string; roleDefinitionId: string; justification: string; duration?: string; ticketNumber?: string }): GraphAssignmentRequest {
    this.sweep();
    const t = this.now();
    const request = this.request(
      { action: 'selfActivate', principalId: input.principalId, roleDefinitionId: input.roleDefinitionId, justification: input.justification, ticketInfo: input.ticketNumber ? { ticketNumber: input.ticketNumber, ticketSystem: 'Service desk' } : undefined },
      'PendingApproval',
      t,
      { startDateTime: new Date(t).toISOString(), type: 'afterduration', end: null, duration: input.duration ?? 'PT1H' },
      { id: input.principalId },
    );
    request.approvalId = request.id;
    request.completedDateTime = null;
    this.data.requests.push(request);
    this.logRequest(request, 'Add member to role requested (PIM activation)', t);
    return request;
  }

  /** Approves a pending activation: the role becomes active for the requested duration. */
  approve(requestId: string, approverId?: string): GraphAssignmentRequest {
    const request = this.pending(requestId);
    const t = this.now();
    const ms = parseIsoDuration(request.scheduleInfo.expiration.duration ?? 'PT1H') ?? 3_600_000;
    request.status = 'Provisioned';
    request.completedDateTime = new Date(t).toISOString();
    request.scheduleInfo.startDateTime = new Date(t).toISOString();
    const instance = assignmentInstance(request.principalId, request.roleDefinitionId, new Date(t).toISOString(), new Date(t + ms).toISOString(), 'Activated', request.id);
    this.data.assignments.push(instance);
    this.logRequest(request, 'Add member to role request approved (PIM activation)', t, approverId);
    this.logRequest(request, 'Add member to role completed (PIM activation)', t);
    return request;
  }

  deny(requestId: string, approverId?: string): GraphAssignmentRequest {
    const request = this.pending(requestId);
    request.status = 'Denied';
    request.completedDateTime = new Date(this.now()).toISOString();
    this.logRequest(request, 'Add member to role request denied (PIM activation)', this.now(), approverId);
    return request;
  }

  cancel(requestId: string): GraphAssignmentRequest {
    const request = this.pending(requestId);
    request.status = 'Canceled';
    request.completedDateTime = new Date(this.now()).toISOString();
    this.logRequest(request, 'Add member to role request canceled (PIM activation)', this.now());
    return request;
  }

  private pending(requestId: string): GraphAssignmentRequest {
    const request = this.data.requests.find((r) => r.id === requestId);
    if (!request) throw new PimError(404, 'Request_ResourceNotFound', `No role assignment schedule request with id '${requestId}'.`);
    if (request.status !== 'PendingApproval') throw new PimError(400, 'InvalidRequest', `The request is ${request.status}, not PendingApproval.`);
    return request;
  }

  private rules(roleDefinitionId: string): GraphPolicyRule[] {
    return this.data.policies.find((p) => p.assignment.roleDefinitionId === roleDefinitionId)?.policy.rules ?? [];
  }

  private request(
    body: AssignmentRequestBody,
    status: string,
    t: number,
    schedule: { startDateTime: string | null; type: string; end: number | null; duration: string | null },
    user?: { id: string },
  ): GraphAssignmentRequest {
    const id = nameUuid(`request/${++this.sequence}/${this.rng.uuid()}`);
    const typeName = schedule.type === 'afterduration' ? 'afterDuration' : schedule.type === 'afterdatetime' ? 'afterDateTime' : 'noExpiration';
    return {
      id,
      status,
      createdDateTime: new Date(t).toISOString(),
      completedDateTime: new Date(t).toISOString(),
      approvalId: null,
      customData: null,
      action: body.action ?? '',
      principalId: body.principalId ?? '',
      roleDefinitionId: body.roleDefinitionId ?? '',
      directoryScopeId: body.directoryScopeId ?? '/',
      appScopeId: null,
      isValidationOnly: false,
      targetScheduleId: id,
      justification: body.justification ?? null,
      createdBy: user
        ? { application: null, device: null, user: { id: user.id, displayName: null } }
        : { application: { id: this.caller.appId ?? '', displayName: this.caller.displayName }, device: null, user: null },
      scheduleInfo: {
        startDateTime: schedule.startDateTime,
        recurrence: null,
        expiration: { type: typeName, endDateTime: schedule.type === 'afterdatetime' && schedule.end !== null ? new Date(schedule.end).toISOString() : null, duration: schedule.type === 'afterduration' ? schedule.duration : null },
      },
      ticketInfo: { ticketNumber: body.ticketInfo?.ticketNumber ?? null, ticketSystem: body.ticketInfo?.ticketSystem ?? null },
    };
  }

  private roleName(roleDefinitionId: string): string {
    return this.data.roleDefinitions.find((r) => r.id === roleDefinitionId)?.displayName ?? roleDefinitionId;
  }

  private log(
    at: number,
    activity: string,
    a: { principalId: string; roleDefinitionId: string },
    by: { app?: GraphAuditApp; user?: GraphDirectoryAudit['initiatedBy']['user'] },
    operationType: string,
    reason: string,
    roleName = this.roleName(a.roleDefinitionId),
  ): void {
    const user = this.data.users.find((u) => u.id === a.principalId);
    const record = makeAudit({
      id: `PIM_${this.rng.uuid()}`,
      correlationId: this.rng.uuid(),
      at: new Date(at).toISOString(),
      activity,
      category: 'RoleManagement',
      service: 'PIM',
      operationType,
      resultReason: reason,
      by: { app: by.app, user: by.user ?? undefined },
      targets: [roleTarget(a.roleDefinitionId, roleName, [roleNameProperty(roleName)]), userTarget(a.principalId, user?.displayName ?? '', user?.userPrincipalName ?? '')],
    });
    this.data.audits.push({ record, visibleAt: at });
  }

  private logRequest(request: GraphAssignmentRequest, activity: string, at: number, actorId?: string): void {
    const actor = this.data.users.find((u) => u.id === (actorId ?? request.principalId));
    this.log(
      at,
      activity,
      request,
      { user: actor ? { id: actor.id, displayName: actor.displayName, userPrincipalName: actor.userPrincipalName, ipAddress: null } : undefined, app: actor ? undefined : PIM_APP },
      activity.includes('requested') ? 'Add' : 'Update',
      request.justification ?? '',
    );
  }
}
