import { setup } from 'xstate';
import { nextLevel } from '../shared/escalation-levels';
import type { CardEffect, NoticeEffect } from '../effects';
import { alertRefusal } from './alert-refusals';
import {
  announceNobodyToPage,
  applyPersonEvent,
  chooseFirstLevel,
  escalate,
  giveUpPaging,
  initialAlertContext,
  isPersonEvent,
  pageCurrentLevel,
  receiveFinding,
  type AlertOutcome,
} from './alert-steps';
import type { AlertContext, AlertEvent, AlertInput } from './alert-types';

/** The machine's event as an action sees it: one of ours, or a timer xstate raised. */
type AnyEvent = AlertEvent | { type: string; at?: unknown };

/** Timers come back from the runtime stamped with their due time; without one, the machine knows it. */
function firedAt(event: AnyEvent, context: AlertContext): number {
  return typeof event.at === 'number' ? event.at : context.paging.levelPagedAt + context.settings.ackTimeoutMs;
}

const RUNNERS = {
  event: (c: AlertContext, e: AnyEvent): AlertOutcome => {
    const event = e as AlertEvent;
    return isPersonEvent(event) ? applyPersonEvent(c, event) : receiveFinding(c, event);
  },
  firstLevel: (c: AlertContext): AlertOutcome => chooseFirstLevel(c),
  page: (c: AlertContext): AlertOutcome => pageCurrentLevel(c),
  escalate: (c: AlertContext, e: AnyEvent): AlertOutcome => escalate(c, firedAt(e, c)),
  giveUp: (c: AlertContext, e: AnyEvent): AlertOutcome => giveUpPaging(c, firedAt(e, c)),
  nobodyToPage: (c: AlertContext): AlertOutcome => announceNobodyToPage(c),
};

const withEffects = setup({
  types: {
    context: {} as AlertContext,
    events: {} as AlertEvent,
    input: {} as AlertInput,
  },
  actions: {
    'chat.card': (_, _params: CardEffect['params']) => {},
    'chat.notice': (_, _params: NoticeEffect['params']) => {},
  },
  guards: {
    allowed: ({ context, event }) => alertRefusal(context, event) === undefined,
    pages: ({ context }) => context.route === 'page',
    nobodyToPage: ({ context }) => context.paging.level < 0,
    hasNextLevel: ({ context }) => nextLevel(context.settings, context.paging.level) !== undefined,
  },
  delays: {
    ackTimeout: ({ context }) => context.settings.ackTimeoutMs,
  },
});

function run(name: keyof typeof RUNNERS) {
  return withEffects.enqueueActions(({ context, event, enqueue }) => {
    const outcome = RUNNERS[name](context, event);
    enqueue.assign(() => outcome.context);
    for (const effect of outcome.effects) enqueue(effect);
  });
}

const handled = { guard: 'allowed', actions: 'handle' } as const;
/** A person settling the alert ends the paging (leaving the state cancels the ack timer). */
const settles = { guard: 'allowed', target: '#monitorAlert.posted', actions: 'handle' } as const;

/**
 * One alert: a finding (and its repeats within the cooldown), posted once
 * and updated in place. An emergency account used outside an incident pages
 * the manager chain with Acknowledge and escalates level by level on a
 * durable timer, like break-glass paging. Acknowledge, false positive and
 * opened incident are events, so every click is durable and audited.
 */
export const alertMachine = withEffects
  .extend({
    actions: {
      handle: run('event'),
      firstLevel: run('firstLevel'),
      page: run('page'),
      escalate: run('escalate'),
      giveUp: run('giveUp'),
      announceNobodyToPage: run('nobodyToPage'),
    },
  })
  .createMachine({
    id: 'monitorAlert',
    context: ({ input }) => initialAlertContext(input),
    initial: 'pending',
    states: {
      // Created; the first finding arrives as an event so the monitor can deliver it exactly once.
      pending: {
        on: {
          finding: [
            { guard: 'pages', target: 'paging', actions: ['handle', 'firstLevel'] },
            { target: 'posted', actions: 'handle' },
          ],
        },
      },
      paging: {
        initial: 'deciding',
        on: {
          finding: handled,
          ack: settles,
          'false-positive': settles,
          'incident.opened': settles,
        },
        states: {
          deciding: {
            always: [{ guard: 'nobodyToPage', target: '#monitorAlert.posted', actions: 'announceNobodyToPage' }, { target: 'waiting' }],
          },
          waiting: {
            entry: 'page',
            after: {
              ackTimeout: [
                { guard: 'hasNextLevel', target: 'waiting', reenter: true, actions: 'escalate' },
                { target: '#monitorAlert.posted', actions: 'giveUp' },
              ],
            },
          },
        },
      },
      posted: {
        on: {
          finding: handled,
          ack: handled,
          'false-positive': handled,
          'incident.opened': handled,
        },
      },
    },
  });

export type AlertMachine = typeof alertMachine;
