import { setup } from 'xstate';
import type { CardEffect, GraphEffect, NoticeEffect } from '../effects';
import * as update from './context-updates';
import { whenOf } from './context-updates';
import { APPROVERS_CHANNEL, cardCopies, personAudience, requesterAudience } from './effect-params';
import { explainRefusal } from './explain-refusal';
import { isAssignmentExists, isPermanentGraphError } from './graph-error-words';
import type { ElevationContext, ElevationEvent, ElevationInput, ElevationUserEvent, PimStatus } from './types';

/**
 * The elevation machine's vocabulary: the effects it may emit, the guards it
 * decides with and the named delays it waits on (all read from context, so
 * timings are configuration). The chart itself is in machine.ts.
 */

const USER_EVENTS: ReadonlySet<string> = new Set(['approve', 'deny', 'withdraw', 'revoke', 'recheck-mfa', 'reverify', 'retry', 'nudge']);

function isUserEvent(event: { type: string }): event is ElevationUserEvent {
  return USER_EVENTS.has(event.type);
}

/** The event's actor, for events that have one. */
export function actorOf(event: ElevationEvent) {
  return 'actor' in event ? event.actor : undefined;
}

export function reasonOf(event: ElevationEvent): string | undefined {
  return 'reason' in event ? event.reason : undefined;
}

function statusOf(event: ElevationEvent): PimStatus | undefined {
  return event.type === 'pim.status' ? event.status : undefined;
}

const base = setup({
  types: {
    context: {} as ElevationContext,
    input: {} as ElevationInput,
    events: {} as ElevationEvent,
  },
  actions: {
    // Effects: no-ops here; the runtime writes them to the outbox.
    'chat.card': (_, _params: CardEffect['params']) => {},
    'chat.notice': (_, _params: NoticeEffect['params']) => {},
    'graph.call': (_, _params: GraphEffect['params']) => {},
  },
  guards: {
    accepted: ({ context, event }) => isUserEvent(event) && explainRefusal(context, event) === undefined,
    completesApprovals: ({ context }) => context.approvals.length + 1 >= context.approvalsRequired,
    needsMfa: ({ context }) => context.requireRecentMfaMinutes !== undefined,
    isPimMode: ({ context }) => context.mode === 'pim',
    awaitingPim: ({ context }) => context.mode === 'pim' && context.phase === 'awaiting-pim',
    noMfaMissing: ({ event }) => event.type === 'graph.recentMfa.succeeded' && event.result.missing.length === 0,
    revokeQueued: ({ context }) => context.revokeRequest !== undefined,
    wasRevoked: ({ context }) => context.revocation !== undefined,
    isTag: ({ event }, tag: string) => !('tag' in event) || event.tag === undefined || event.tag === tag,
    assignmentExists: ({ event }) => event.type === 'graph.createAssignmentRequest.failed' && isAssignmentExists(event.error),
    permanentFailure: ({ event }) => 'error' in event && isPermanentGraphError(event.error),
    nothingToRemove: ({ event }) => 'error' in event && (event.error.code === 'graph.not_found' || /RoleAssignmentDoesNotExist|RoleAssignmentNotFound/i.test(event.error.message)),
    stillPresent: ({ context, event }) =>
      event.type === 'graph.assignmentInstances.succeeded' && update.stillHolding(context, event.result, whenOf(context, event, update.verificationTime(context))).length > 0,
    pimStatus: ({ event }, status: PimStatus) => statusOf(event) === status,
  },
  delays: {
    remindAfter: ({ context }) => context.delays.remindAfterMs,
    escalateAfter: ({ context }) => context.delays.escalateAfterMs,
    expireAfter: ({ context }) => context.delays.expireAfterMs,
    grantDuration: ({ context }) => (context.grant ? Math.max(0, context.grant.endsAt - context.grant.observedAt) : context.durationMs),
  },
});

export const elevationSetup = base.extend({
  // Composite actions: named here (after the effects exist) so enqueue is typed.
  actions: {
    updateCards: base.enqueueActions(({ context, enqueue }) => {
      for (const params of cardCopies(context)) enqueue({ type: 'chat.card', params });
    }),
    remindApprovers: base.enqueueActions(({ context, enqueue }) => {
      enqueue({ type: 'chat.notice', params: { view: 'reminder', audience: APPROVERS_CHANNEL } });
      for (const person of context.approverPeople) enqueue({ type: 'chat.notice', params: { view: 'reminder', audience: personAudience(person) } });
    }),
    tellEveryoneExpired: base.enqueueActions(({ context, enqueue }) => {
      enqueue({ type: 'chat.notice', params: { view: 'request-expired', audience: APPROVERS_CHANNEL } });
      enqueue({ type: 'chat.notice', params: { view: 'outcome', audience: requesterAudience(context) } });
      if (context.escalatedAt !== undefined) {
        for (const person of context.managerPeople) enqueue({ type: 'chat.notice', params: { view: 'request-expired', audience: personAudience(person) } });
      }
    }),
    recordNudge: base.assign(({ context, event }) => update.nudged(context, actorOf(event), whenOf(context, event))),
    recordReminder: base.assign(({ context, event }) => update.reminded(context, whenOf(context, event, context.requestedAt + context.delays.remindAfterMs))),
    recordEscalation: base.assign(({ context, event }) => update.escalated(context, whenOf(context, event, context.requestedAt + context.delays.escalateAfterMs))),
    announceEscalation: base.enqueueActions(({ enqueue }) => {
      enqueue({ type: 'chat.notice', params: { view: 'escalation', audience: APPROVERS_CHANNEL } });
    }),
    tellRequesterMfa: base.enqueueActions(({ context, enqueue }) => {
      if (context.mfa?.missing.includes(context.requester.id) || context.failure) {
        enqueue({ type: 'chat.notice', params: { view: 'mfa-needed', audience: requesterAudience(context) } });
      }
    }),
  },
});
