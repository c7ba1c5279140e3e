import { setup } from 'xstate';
import type { CardEffect, ExportEffect, GraphEffect, NoticeEffect } from '../effects';
import type { BreakGlassContext, BreakGlassInput } from './context';
import type { BreakGlassEvent } from './events';
import { initialContext } from './initial-context';
import { nextLevel } from '../shared/escalation-levels';
import { refusalFor } from './refusals';
import { canPingStall } from './reminders';
import { RUNNERS, type RunnerName } from './runners';
import { allSettled, isSettled, stepOf } from './steps';

/** A person's command or an effect's answer: run it if refusalFor lets it through. */
const handled = { guard: 'allowed', actions: 'handle' } as const;

/** The effect vocabulary, guards and delays; the handlers are added below so they can emit effects by name. */
const withEffects = setup({
  types: {
    context: {} as BreakGlassContext,
    events: {} as BreakGlassEvent,
    input: {} as BreakGlassInput,
  },
  actions: {
    'chat.card': (_, _params: CardEffect['params']) => {},
    'chat.notice': (_, _params: NoticeEffect['params']) => {},
    'graph.call': (_, _params: GraphEffect['params']) => {},
    'logs.export': (_, _params: ExportEffect['params']) => {},
  },
  guards: {
    allowed: ({ context, event }) => refusalFor(context, event) === undefined,
    step1Settled: ({ context }) => isSettled(stepOf(context, 1)),
    step7Settled: ({ context }) => isSettled(stepOf(context, 7)),
    allSettled: ({ context }) => allSettled(context),
    pagingExhausted: ({ context }) => context.paging.exhaustedAt !== undefined,
    nobodyToPage: ({ context }) => context.paging.level < 0,
    hasNextLevel: ({ context }) => nextLevel(context.settings, context.paging.level) !== undefined,
    progressMoved: ({ context }) => context.stall.progressSeq !== context.stall.watchedSeq,
    canPingStall: ({ context }) => canPingStall(context),
  },
  delays: {
    ackTimeout: ({ context }) => context.settings.ackTimeoutMs,
    stallTimeout: ({ context }) => context.settings.stallTimeoutMs,
    mailboxReminder: ({ context }) => context.settings.mailboxReminderMs,
  },
});

/** Runs one pure handler: its context is assigned, its effects are emitted as the named effect actions. */
function run(name: RunnerName) {
  return withEffects.enqueueActions(({ context, event, enqueue }) => {
    const outcome = RUNNERS[name](context, event);
    enqueue.assign(() => outcome.context);
    for (const effect of outcome.effects) enqueue(effect);
  });
}

/**
 * The break-glass incident. Everything a step does lives in context and the
 * pure handlers; states exist for what needs a durable timer: paging with
 * escalation, stall pings and the mailbox reminder, each its own region.
 */
export const breakGlassMachine = withEffects
  .extend({
    actions: {
      handle: run('event'),
      start: run('start'),
      page: run('page'),
      escalate: run('escalate'),
      giveUpPaging: run('giveUpPaging'),
      announceNobodyToPage: run('nobodyToPage'),
      refreshPages: run('refreshPages'),
      watchStall: run('watchStall'),
      resetStall: run('resetStall'),
      pingStall: run('pingStall'),
      watchMailbox: run('watchMailbox'),
      remindMailbox: run('remindMailbox'),
    },
  })
  .createMachine({
    id: 'breakGlass',
    context: ({ input }) => initialContext(input),
    entry: 'start',
    initial: 'open',
    on: {
      // Late Graph and export answers and notes are kept even after close.
      'graph.signIns.succeeded': handled,
      'graph.signIns.failed': handled,
      'graph.domains.succeeded': handled,
      'graph.domains.failed': handled,
      'graph.mailboxRules.succeeded': handled,
      'graph.mailboxRules.failed': handled,
      // A sign-in can show in the log after the incident closed.
      'emergency.signedIn': handled,
      'export.succeeded': handled,
      'export.failed': handled,
      'page.delivered': handled,
      'page.unreachable': handled,
      'note.add': handled,
    },
    states: {
      open: {
        type: 'parallel',
        on: {
          ack: handled,
          'playbook.confirm': handled,
          'checkout.request': handled,
          'checkout.confirm': handled,
          'support.case': handled,
          'federation.adfs': handled,
          'step.done': handled,
          'step.skip': handled,
          'step.assign': handled,
          'step.retry': handled,
          'commander.set': handled,
          'signins.rerun': handled,
          'export.run': handled,
          close: { ...handled, target: 'closed' },
        },
        states: {
          paging: {
            initial: 'deciding',
            states: {
              deciding: {
                always: [
                  { guard: 'step1Settled', target: 'settled' },
                  { guard: 'pagingExhausted', target: 'unanswered' },
                  { guard: 'nobodyToPage', target: 'unanswered', actions: 'announceNobodyToPage' },
                  { target: 'waiting' },
                ],
              },
              waiting: {
                entry: 'page',
                always: { guard: 'step1Settled', target: 'settled' },
                after: {
                  ackTimeout: [
                    {
                      guard: 'hasNextLevel',
                      target: 'waiting',
                      reenter: true,
                      actions: 'escalate',
                    },
                    {
                      target: 'unanswered',
                      actions: 'giveUpPaging',
                    },
                  ],
                },
              },
              unanswered: {
                always: { guard: 'step1Settled', target: 'settled' },
              },
              settled: {
                // Every DM page shows who answered (or that the step was done another way).
                entry: 'refreshPages',
              },
            },
          },
          stall: {
            initial: 'watching',
            states: {
              watching: {
                entry: 'watchStall',
                always: [
                  { guard: 'allSettled', target: 'finished' },
                  { guard: 'progressMoved', target: 'watching', reenter: true, actions: 'resetStall' },
                ],
                after: {
                  stallTimeout: [
                    {
                      guard: 'canPingStall',
                      target: 'watching',
                      reenter: true,
                      actions: 'pingStall',
                    },
                    { target: 'quiet' },
                  ],
                },
              },
              // Every ping was sent; wait quietly for progress before watching again.
              quiet: {
                always: [
                  { guard: 'allSettled', target: 'finished' },
                  { guard: 'progressMoved', target: 'watching', actions: 'resetStall' },
                ],
              },
              finished: {},
            },
          },
          mailbox: {
            initial: 'deciding',
            states: {
              deciding: {
                always: [{ guard: 'step7Settled', target: 'stopped' }, { target: 'reminding' }],
              },
              reminding: {
                entry: 'watchMailbox',
                always: { guard: 'step7Settled', target: 'stopped' },
                after: {
                  mailboxReminder: {
                    target: 'reminding',
                    reenter: true,
                    actions: 'remindMailbox',
                  },
                },
              },
              stopped: {},
            },
          },
        },
      },
      closed: {
        on: {
          reopen: { ...handled, target: 'open' },
        },
      },
    },
  });

export type BreakGlassMachine = typeof breakGlassMachine;
