import { and, assign } from 'xstate';
import * as update from './context-updates';
import { eventTime, whenOf } from './context-updates';
import { APPROVERS_CHANNEL, SECURITY_CHANNEL, grantCall, mfaCall, removeCall, requesterAudience, verifyCall } from './effect-params';
import { actorOf, elevationSetup, reasonOf } from './machine-setup';
import type { ElevationContext, ElevationEvent, ElevationPhase } from './types';
import { ELEVATION_KIND } from './kind';

/**
 * One PIM elevation request, from "please" to "confirmed gone". In `bot` mode
 * the bot collects N-of-M approvals and creates a time-bound assignment
 * itself; in `pim` mode PIM owns the decision and the machine follows PIM's
 * status. Both escalate on named delays read from context and end by
 * verifying through Graph that the role is really gone. Every person's event
 * is admitted by explainRefusal (guard `accepted`), so what the machine
 * ignores is exactly what the router can explain.
 */

export const elevationMachine = elevationSetup.createMachine({
  id: ELEVATION_KIND,
  context: ({ input }) => update.initialContext(input),
  initial: 'starting',
  states: {
    starting: {
      always: [{ guard: 'isPimMode', target: 'open.pim' }, { target: 'open.approval' }],
    },

    open: {
      initial: 'approval',
      after: {
        expireAfter: [
          {
            guard: 'awaitingPim',
            // PIM still owns the request: say so loudly, keep following PIM's status.
            actions: [assign(({ context, event }) => update.stale(context, whenOf(context, event, context.requestedAt + context.delays.expireAfterMs))), 'updateCards', 'tellEveryoneExpired'],
          },
          { guard: 'isPimMode' },
          {
            target: 'expired',
            actions: assign(({ context, event }) => {
              const at = whenOf(context, event, context.requestedAt + context.delays.expireAfterMs);
              return context.decision ? update.expiredApproved(context, at, 'MFA not completed in time') : update.expiredUndecided(context, at);
            }),
          },
        ],
      },
      on: {
        withdraw: { guard: 'accepted', target: 'withdrawn', actions: assign(({ context, event }) => update.withdrawn(context, actorOf(event), whenOf(context, event), reasonOf(event))) },
        revoke: { guard: 'accepted', target: 'withdrawn', actions: assign(({ context, event }) => update.withdrawn(context, actorOf(event), whenOf(context, event), reasonOf(event))) },
      },
      states: {
        approval: {
          entry: [...entered('awaiting-approval')],
          after: {
            remindAfter: { actions: ['recordReminder', 'remindApprovers', 'updateCards'] },
            escalateAfter: { actions: ['recordEscalation', 'announceEscalation', 'updateCards'] },
          },
          on: {
            nudge: { guard: 'accepted', actions: ['recordNudge', 'remindApprovers'] },
            approve: [
              {
                guard: and(['accepted', 'completesApprovals', 'needsMfa']),
                target: 'mfa',
                actions: assign(({ context, event }) => approveLast(context, event)),
              },
              {
                guard: and(['accepted', 'completesApprovals']),
                target: '#pim-elevation.granting',
                actions: assign(({ context, event }) => approveLast(context, event)),
              },
              {
                guard: 'accepted',
                actions: [assign(({ context, event }) => update.vote(context, actorOf(event) ?? { id: 'unknown', name: 'unknown' }, whenOf(context, event))), 'updateCards'],
              },
            ],
            deny: {
              guard: 'accepted',
              target: '#pim-elevation.denied',
              actions: assign(({ context, event }) => update.denied(context, actorOf(event), whenOf(context, event), reasonOf(event))),
            },
          },
        },

        pim: {
          initial: 'awaiting',
          states: {
            awaiting: {
              entry: [...entered('awaiting-pim')],
              after: {
                remindAfter: { actions: ['recordReminder', 'remindApprovers', 'updateCards'] },
                escalateAfter: { actions: ['recordEscalation', 'announceEscalation', 'updateCards'] },
              },
              on: {
                nudge: { guard: 'accepted', actions: ['recordNudge', 'remindApprovers'] },
                'pim.status': [
                  { guard: { type: 'pimStatus', params: 'Granted' }, target: 'approved', actions: assign(({ context, event }) => update.approvedInPim(context, actorOf(event), whenOf(context, event))) },
                  {
                    guard: { type: 'pimStatus', params: 'Provisioned' },
                    target: '#pim-elevation.holding',
                    actions: [
                      assign(({ context, event }) => update.approvedInPim(context, actorOf(event), whenOf(context, event))),
                      assign(({ context, event }) => update.provisionedInPim(context, whenOf(context, event), pimEndsAt(event))),
                    ],
                  },
                  { guard: { type: 'pimStatus', params: 'Denied' }, target: '#pim-elevation.denied', actions: assign(({ context, event }) => update.denied(context, actorOf(event), whenOf(context, event), reasonOf(event))) },
                  { guard: { type: 'pimStatus', params: 'Canceled' }, target: '#pim-elevation.withdrawn', actions: assign(({ context, event }) => update.withdrawn(context, actorOf(event) ?? context.requester, whenOf(context, event), 'cancelled in PIM')) },
                  { guard: { type: 'pimStatus', params: 'Expired' }, target: '#pim-elevation.expired', actions: assign(({ context, event }) => update.expiredUndecided(context, whenOf(context, event))) },
                ],
              },
            },
            approved: {
              entry: [...entered('approved-in-pim')],
              on: {
                'pim.status': [
                  { guard: { type: 'pimStatus', params: 'Provisioned' }, target: '#pim-elevation.holding', actions: assign(({ context, event }) => update.provisionedInPim(context, whenOf(context, event), pimEndsAt(event))) },
                  { guard: { type: 'pimStatus', params: 'Canceled' }, target: '#pim-elevation.withdrawn', actions: assign(({ context, event }) => update.withdrawn(context, actorOf(event) ?? context.requester, whenOf(context, event), 'cancelled in PIM')) },
                  { guard: { type: 'pimStatus', params: 'Expired' }, target: '#pim-elevation.expired', actions: assign(({ context, event }) => update.expiredApproved(context, whenOf(context, event), 'PIM expired it before provisioning')) },
                ],
              },
            },
          },
        },

        mfa: {
          initial: 'checking',
          states: {
            checking: {
              entry: [...entered('checking-mfa'), { type: 'graph.call', params: ({ context }) => mfaCall(context) }],
              on: {
                'graph.recentMfa.succeeded': [
                  { guard: and(['noMfaMissing', { type: 'isTag', params: 'mfa' }]), target: '#pim-elevation.granting', actions: assign(({ context, event }) => update.mfaChecked(context, [], whenOf(context, event, context.decision?.at))) },
                  {
                    guard: { type: 'isTag', params: 'mfa' },
                    target: 'waiting',
                    actions: assign(({ context, event }) => update.mfaChecked(context, event.result.missing, whenOf(context, event, context.decision?.at))),
                  },
                ],
                'graph.recentMfa.failed': {
                  guard: { type: 'isTag', params: 'mfa' },
                  target: 'waiting',
                  actions: assign(({ context, event }) => update.failed(context, 'mfa', event.error, whenOf(context, event, context.decision?.at))),
                },
              },
            },
            waiting: {
              entry: [...entered('awaiting-mfa'), 'tellRequesterMfa'],
              on: {
                'recheck-mfa': { guard: 'accepted', target: 'checking', actions: assign(({ context, event }) => update.note(context, 'mfa-recheck', whenOf(context, event), actorOf(event))) },
              },
            },
          },
        },
      },
    },

    granting: {
      entry: [...entered('granting'), { type: 'graph.call', params: ({ context }) => grantCall(context) }],
      on: {
        'graph.createAssignmentRequest.succeeded': [
          { guard: and([{ type: 'isTag', params: 'grant' }, 'revokeQueued']), target: 'holding.revoking', actions: assign(({ context, event }) => update.granted(context, event.result, eventTime(event))) },
          { guard: { type: 'isTag', params: 'grant' }, target: 'holding', actions: assign(({ context, event }) => update.granted(context, event.result, eventTime(event))) },
        ],
        'graph.createAssignmentRequest.failed': [
          { guard: and([{ type: 'isTag', params: 'grant' }, 'assignmentExists']), target: 'alreadyAssigned', actions: assign(({ context, event }) => update.failed(context, 'grant', event.error, failureTime(context, event))) },
          { guard: and([{ type: 'isTag', params: 'grant' }, 'permanentFailure']), target: 'grantFailed', actions: assign(({ context, event }) => update.failed(context, 'grant', event.error, failureTime(context, event))) },
          { guard: { type: 'isTag', params: 'grant' }, target: 'grantStalled', actions: assign(({ context, event }) => update.failed(context, 'grant', event.error, failureTime(context, event))) },
        ],
        revoke: { guard: 'accepted', actions: [assign(({ context, event }) => update.revokeQueued(context, actorOf(event) ?? context.requester, whenOf(context, event), reasonOf(event))), 'updateCards'] },
      },
    },

    grantStalled: {
      entry: [...entered('grant-stalled'), { type: 'chat.notice', params: { view: 'error', audience: APPROVERS_CHANNEL } }],
      after: {
        // Nobody retried within T3: give up rather than hold an approval open forever.
        expireAfter: { target: 'grantFailed', actions: assign(({ context }) => update.note(context, 'gave-up', (context.failure?.at ?? context.requestedAt) + context.delays.expireAfterMs)) },
      },
      on: {
        retry: { guard: 'accepted', target: 'granting', actions: assign(({ context, event }) => update.note(context, 'grant-retry', whenOf(context, event), actorOf(event))) },
        // Graph may have created it after all: remove whatever is there and verify.
        revoke: { guard: 'accepted', target: 'removing', actions: assign(({ context, event }) => update.revokeQueued(context, actorOf(event) ?? context.requester, whenOf(context, event), reasonOf(event))) },
      },
    },

    holding: {
      entry: tellRequester('outcome'),
      after: {
        grantDuration: {
          target: 'verifying',
          actions: [
            assign(({ context, event }) => update.ended(context, whenOf(context, event, context.grant?.endsAt))),
            { type: 'chat.notice', params: { view: 'assignment-ended', audience: APPROVERS_CHANNEL } },
          ],
        },
      },
      on: {
        'pim.status': [
          { guard: { type: 'pimStatus', params: 'Revoked' }, target: 'verifying', actions: assign(({ context, event }) => update.revoked(context, whenOf(context, event), actorOf(event))) },
          {
            guard: { type: 'pimStatus', params: 'Expired' },
            target: 'verifying',
            actions: [
              assign(({ context, event }) => update.ended(context, whenOf(context, event, context.grant?.endsAt))),
              { type: 'chat.notice', params: { view: 'assignment-ended', audience: APPROVERS_CHANNEL } },
            ],
          },
        ],
      },
      initial: 'active',
      states: {
        active: {
          entry: [...entered('active')],
          on: {
            revoke: { guard: 'accepted', target: 'revoking', actions: assign(({ context, event }) => update.revokeQueued(context, actorOf(event) ?? context.requester, whenOf(context, event), reasonOf(event))) },
          },
        },
        revoking: {
          entry: [
            ...entered('revoking'),
            { type: 'graph.call', params: ({ context }) => removeCall(context, context.revokeRequest?.by, context.revokeRequest?.reason, 'revoke') },
          ],
          on: {
            'graph.createAssignmentRequest.succeeded': { guard: { type: 'isTag', params: 'revoke' }, target: '#pim-elevation.verifying', actions: assign(({ context, event }) => update.revoked(context, whenOf(context, event, context.revokeRequest?.at))) },
            'graph.createAssignmentRequest.failed': [
              { guard: and([{ type: 'isTag', params: 'revoke' }, 'nothingToRemove']), target: '#pim-elevation.verifying', actions: assign(({ context, event }) => update.revoked(context, whenOf(context, event, context.revokeRequest?.at))) },
              {
                guard: { type: 'isTag', params: 'revoke' },
                target: 'active',
                actions: [
                  assign(({ context, event }) => ({ ...update.failed(context, 'revoke', event.error, failureTime(context, event)), revokeRequest: undefined })),
                  { type: 'chat.notice', params: { view: 'error', audience: APPROVERS_CHANNEL } },
                ],
              },
            ],
          },
        },
      },
    },

    verifying: {
      entry: [...entered('verifying'), { type: 'graph.call', params: ({ context }) => verifyCall(context) }],
      on: {
        'graph.assignmentInstances.succeeded': [
          {
            guard: and([{ type: 'isTag', params: 'verify' }, 'stillPresent']),
            target: 'unverified.stillPresent',
            actions: assign(({ context, event }) => {
              const at = whenOf(context, event, update.verificationTime(context));
              return update.verified(context, update.stillHolding(context, event.result, at), at);
            }),
          },
          { guard: and([{ type: 'isTag', params: 'verify' }, 'wasRevoked']), target: 'revoked', actions: assign(({ context, event }) => update.verified(context, [], whenOf(context, event, update.verificationTime(context)))) },
          { guard: { type: 'isTag', params: 'verify' }, target: 'ended', actions: assign(({ context, event }) => update.verified(context, [], whenOf(context, event, update.verificationTime(context)))) },
        ],
        'graph.assignmentInstances.failed': {
          guard: { type: 'isTag', params: 'verify' },
          target: 'unverified.failed',
          actions: assign(({ context, event }) => update.failed(context, 'verify', event.error, whenOf(context, event, update.verificationTime(context)))),
        },
      },
    },

    unverified: {
      initial: 'stillPresent',
      on: {
        reverify: { guard: 'accepted', target: 'verifying', actions: assign(({ context, event }) => update.note(context, 'reverify', whenOf(context, event), actorOf(event))) },
        revoke: { guard: 'accepted', target: 'removing', actions: assign(({ context, event }) => update.revokeQueued(context, actorOf(event) ?? context.requester, whenOf(context, event), reasonOf(event))) },
      },
      states: {
        stillPresent: {
          entry: [
            ...entered('still-present'),
            { type: 'chat.notice', params: { view: 'verification', audience: SECURITY_CHANNEL } },
            { type: 'chat.notice', params: { view: 'verification', audience: APPROVERS_CHANNEL } },
          ],
        },
        failed: {
          entry: [...entered('verify-failed'), { type: 'chat.notice', params: { view: 'error', audience: APPROVERS_CHANNEL } }],
        },
      },
    },

    removing: {
      entry: [
        ...entered('removing'),
        { type: 'graph.call', params: ({ context }) => removeCall(context, context.revokeRequest?.by, context.revokeRequest?.reason, 'cleanup') },
      ],
      on: {
        'graph.createAssignmentRequest.succeeded': { guard: { type: 'isTag', params: 'cleanup' }, target: 'verifying', actions: assign(({ context, event }) => update.revoked(context, whenOf(context, event, context.revokeRequest?.at))) },
        'graph.createAssignmentRequest.failed': [
          { guard: and([{ type: 'isTag', params: 'cleanup' }, 'nothingToRemove']), target: 'verifying', actions: assign(({ context, event }) => update.revoked(context, whenOf(context, event, context.revokeRequest?.at))) },
          {
            guard: { type: 'isTag', params: 'cleanup' },
            target: 'unverified.failed',
            actions: assign(({ context, event }) => ({ ...update.failed(context, 'revoke', event.error, failureTime(context, event)), revokeRequest: undefined })),
          },
        ],
      },
    },

    // One outcome each; nothing leaves these.
    ended: { type: 'final', entry: [...entered('ended'), tellRequester('outcome')] },
    denied: { type: 'final', entry: [...entered('denied'), tellRequester('outcome')] },
    withdrawn: { type: 'final', entry: [...entered('withdrawn')] },
    expired: { type: 'final', entry: [...entered('expired'), 'tellEveryoneExpired'] },
    grantFailed: {
      type: 'final',
      entry: [...entered('grant-failed'), tellRequester('outcome'), { type: 'chat.notice', params: { view: 'error', audience: APPROVERS_CHANNEL } }],
    },
    alreadyAssigned: {
      type: 'final',
      entry: [...entered('already-assigned'), tellRequester('outcome')],
    },
    revoked: { type: 'final', entry: [...entered('revoked'), tellRequester('outcome')] },
  },
});

/** A direct message to the requester rendered by `view`. */
function tellRequester(view: string) {
  return { type: 'chat.notice' as const, params: ({ context }: { context: ElevationContext }) => ({ view, audience: requesterAudience(context) }) };
}

/** The approval that completes N-of-M: record the vote, then the decision. */
function approveLast(context: ElevationContext, event: ElevationEvent): Partial<ElevationContext> {
  const at = whenOf(context, event);
  const withVote = { ...context, ...update.vote(context, actorOf(event) ?? { id: 'unknown', name: 'unknown' }, at) };
  return { approvals: withVote.approvals, ...update.approved(withVote, at) };
}

function pimEndsAt(event: ElevationEvent): number | undefined {
  return event.type === 'pim.status' ? event.endsAt : undefined;
}

function failureTime(context: ElevationContext, event: ElevationEvent): number {
  return whenOf(context, event, context.decision?.at);
}

/**
 * Entering a state: its phase, then every card copy re-rendered. The phase is
 * kept in context (not read from the state value) because views render from
 * context alone and stored snapshots carry it.
 */
function entered(phase: ElevationPhase) {
  return [elevationSetup.assign({ phase }), 'updateCards'] as const;
}

/** Typed alias for the runtime's registry. */
export type ElevationMachine = typeof elevationMachine;
