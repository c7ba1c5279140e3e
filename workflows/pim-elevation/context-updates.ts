import type { EffectError } from '../effects';
import type { RoleAssignmentScheduleRequest, RoleScheduleInstance } from '../graph-records';
import { PIM_APPROVAL_URL } from './pim-links';
import type { ElevationActor, ElevationContext, ElevationInput, FailureRecord, HistoryEntry } from './types';

/**
 * How the request's memory changes, one pure function per fact. The machine
 * decides when; these decide what is written. Times come from the event's
 * `at`; timer and Graph events may lack one, so each caller passes the time
 * the thing was due.
 */

type Patch = Partial<ElevationContext>;

/** The `at` an event carries, if it carries one. */
export function eventTime(event: object): number | undefined {
  const at = (event as { at?: unknown }).at;
  return typeof at === 'number' && Number.isFinite(at) ? at : undefined;
}

/**
 * When an event happened, for the history: its own `at` (people's events and
 * timers the runtime stamps with their due time), else the moment the
 * workflow expected it (`expected`: a decision, a timer's due time), else when
 * the request was made.
 */
export function whenOf(context: ElevationContext, event: object, expected?: number): number {
  return eventTime(event) ?? expected ?? context.requestedAt;
}

function log(context: ElevationContext, entry: HistoryEntry): HistoryEntry[] {
  return [...context.history, entry];
}

export function initialContext(input: ElevationInput): ElevationContext {
  return {
    ...input,
    announceHome: input.announceHome ?? input.mode === 'bot',
    pim: input.pim ? { requestId: input.pim.requestId, approvalUrl: input.pim.approvalUrl ?? PIM_APPROVAL_URL } : undefined,
    phase: input.mode === 'pim' ? 'awaiting-pim' : 'awaiting-approval',
    approvals: [],
    history: [{ at: input.requestedAt, what: 'requested', by: { id: input.requester.id, name: input.requester.name } }],
  };
}

export function vote(context: ElevationContext, actor: ElevationActor, at: number): Patch {
  return { approvals: [...context.approvals, { actor, at }], history: log(context, { at, what: 'approval', by: actor }) };
}

/** The last vote completed N-of-M: called after `vote` so approvals include it. */
export function approved(context: ElevationContext, at: number): Patch {
  return {
    decision: { outcome: 'approved', by: context.approvals.map((v) => v.actor), at },
    history: log(context, { at, what: 'approved', note: `${context.approvals.length} of ${context.approvalsRequired}` }),
  };
}

export function denied(context: ElevationContext, by: ElevationActor | undefined, at: number, reason: string | undefined): Patch {
  const text = reason?.trim();
  return {
    decision: { outcome: 'denied', by: by ? [by] : [], at, ...(text ? { reason: text } : {}) },
    history: log(context, { at, what: 'denied', ...(by ? { by } : {}), ...(text ? { note: text } : {}) }),
  };
}

export function withdrawn(context: ElevationContext, by: ElevationActor | undefined, at: number, reason?: string): Patch {
  return {
    decision: { outcome: 'withdrawn', by: by ? [by] : [], at, ...(reason ? { reason } : {}) },
    history: log(context, { at, what: 'withdrawn', ...(by ? { by } : {}), ...(reason ? { note: reason } : {}) }),
  };
}

/** T3 with no decision. */
export function expiredUndecided(context: ElevationContext, at: number): Patch {
  return { decision: { outcome: 'expired', by: [], at }, history: log(context, { at, what: 'expired' }) };
}

/** T3 after approval, before the grant (MFA never completed, or a stalled grant nobody retried). */
export function expiredApproved(context: ElevationContext, at: number, note: string): Patch {
  return { history: log(context, { at, what: 'expired', note }) };
}

export function nudged(context: ElevationContext, by: ElevationActor | undefined, at: number): Patch {
  return { remindedAt: at, history: log(context, { at, what: 'reminded', ...(by ? { by } : {}), note: 'asked by a manager' }) };
}

export function reminded(context: ElevationContext, at: number): Patch {
  return { remindedAt: at, history: log(context, { at, what: 'reminded' }) };
}

export function escalated(context: ElevationContext, at: number): Patch {
  return { escalatedAt: at, history: log(context, { at, what: 'escalated', note: context.managerPeople.join(', ') }) };
}

export function stale(context: ElevationContext, at: number): Patch {
  return { staleAt: at, history: log(context, { at, what: 'stale' }) };
}

export function mfaChecked(context: ElevationContext, missing: string[], at: number): Patch {
  return {
    mfa: { checkedAt: at, missing },
    failure: undefined,
    history: log(context, { at, what: missing.length ? 'mfa-missing' : 'mfa-ok', ...(missing.length ? { note: missing.join(', ') } : {}) }),
  };
}

export function failed(context: ElevationContext, during: FailureRecord['during'], error: EffectError, at: number): Patch {
  return { failure: { during, error, at }, history: log(context, { at, what: `${during}-failed`, note: `${error.code}: ${error.message}` }) };
}

export function note(context: ElevationContext, what: string, at: number, by?: ElevationActor): Patch {
  return { history: log(context, { at, what, ...(by ? { by } : {}) }) };
}

function parseTime(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Graph created the assignment: when it started and when it ends, from Graph when it says. */
export function granted(context: ElevationContext, result: RoleAssignmentScheduleRequest | undefined, at: number | undefined): Patch {
  const startedAt = parseTime(result?.scheduleInfo?.startDateTime) ?? at ?? context.decision?.at ?? context.requestedAt;
  const endsAt = parseTime(result?.scheduleInfo?.expiration?.endDateTime) ?? startedAt + context.durationMs;
  const observedAt = at ?? startedAt;
  return {
    grant: { ...(result?.id ? { graphRequestId: result.id } : {}), startedAt, endsAt, observedAt },
    failure: undefined,
    history: log(context, { at: observedAt, what: 'granted', note: `until ${new Date(endsAt).toISOString()}` }),
  };
}

/** PIM approved (status Granted or Provisioned) in pim mode. */
export function approvedInPim(context: ElevationContext, by: ElevationActor | undefined, at: number): Patch {
  if (context.decision) return {};
  return { decision: { outcome: 'approved', by: by ? [by] : [], at }, history: log(context, { at, what: 'approved', note: 'in PIM', ...(by ? { by } : {}) }) };
}

/** PIM provisioned the activation in pim mode. */
export function provisionedInPim(context: ElevationContext, at: number, endsAt: number | undefined): Patch {
  const end = endsAt ?? at + context.durationMs;
  return {
    grant: { ...(context.pim ? { graphRequestId: context.pim.requestId } : {}), startedAt: at, endsAt: end, observedAt: at },
    history: log(context, { at, what: 'granted', note: `in PIM, until ${new Date(end).toISOString()}` }),
  };
}

export function revokeQueued(context: ElevationContext, by: ElevationActor, at: number, reason: string | undefined): Patch {
  return { revokeRequest: { by, at, ...(reason ? { reason } : {}) }, history: log(context, { at, what: 'revoke-requested', by, ...(reason ? { note: reason } : {}) }) };
}

/** adminRemove succeeded (or PIM says revoked): the revoke is now a fact. */
export function revoked(context: ElevationContext, at: number, by?: ElevationActor): Patch {
  const who = by ?? context.revokeRequest?.by ?? { id: 'pim', name: 'PIM' };
  return {
    revocation: { by: who, at: context.revokeRequest?.at ?? at, ...(context.revokeRequest?.reason ? { reason: context.revokeRequest.reason } : {}) },
    revokeRequest: undefined,
    failure: undefined,
    history: log(context, { at, what: 'revoked', by: who }),
  };
}

/** The grant's time is up (or PIM says it expired). */
export function ended(context: ElevationContext, at: number): Patch {
  return { history: log(context, { at, what: 'ended' }) };
}

/** Instances that still give the requester the role at `at` (lapsing ones excluded). */
export function stillHolding(context: ElevationContext, instances: RoleScheduleInstance[], at: number): RoleScheduleInstance[] {
  return instances.filter((i) => {
    const end = parseTime(i.endDateTime);
    return i.principalId === context.requester.id && i.roleDefinitionId === context.role.id && (end === undefined || end > at);
  });
}

/** The time a verification result is judged at when the runtime did not stamp one. */
export function verificationTime(context: ElevationContext): number {
  return context.revocation?.at ?? context.grant?.endsAt ?? context.requestedAt;
}

export function verified(context: ElevationContext, present: RoleScheduleInstance[], at: number): Patch {
  return {
    verification: { at, present },
    failure: undefined,
    history: log(context, { at, what: present.length ? 'still-present' : 'verified-gone', ...(present.length ? { note: present.map((i) => i.id).join(', ') } : {}) }),
  };
}
