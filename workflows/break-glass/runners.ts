import type { BreakGlassContext } from './context';
import type { BreakGlassEvent } from './events';
import { handleEvent } from './handle-event';
import { start } from './lifecycle';
import type { Outcome } from './outcome';
import { advanceLevel, announceNobodyToPage, announceUnanswered, pageCurrentLevel, refreshPages } from './paging';
import { requestMailboxRules } from './mailbox-rule-check';
import { pingStall, remindMailboxes, resetStallPings, startMailboxWatch, startStallWatch } from './reminders';

/** The machine's event as an action sees it: one of ours, or a timer xstate raised. */
type AnyEvent = BreakGlassEvent | { type: string; at?: unknown };

type Runner = (context: BreakGlassContext, event: AnyEvent) => Outcome;

/**
 * Timer events come back from the runtime as xstate raised them, without an
 * `at`; the machine then knows exactly when they were due. A runtime that
 * stamps them is believed instead.
 */
function firedAt(event: AnyEvent, due: number): number {
  return typeof event.at === 'number' ? event.at : due;
}

const ackDue = (c: BreakGlassContext) => c.paging.levelPagedAt + c.settings.ackTimeoutMs;

/**
 * Every pure handler the machine can run, by name: machine actions name one
 * (`{ type: 'apply', params: { run: 'escalate' } }`) so the config stays data.
 */
export const RUNNERS = {
  // Only wired to the machine's own event handlers, so the event is one of ours.
  event: (c, e) => handleEvent(c, e as BreakGlassEvent),
  start: (c) => start(c),
  page: (c) => pageCurrentLevel(c),
  escalate: (c, e) => advanceLevel(c, firedAt(e, ackDue(c))),
  giveUpPaging: (c, e) => announceUnanswered(c, firedAt(e, ackDue(c))),
  nobodyToPage: (c) => announceNobodyToPage(c),
  refreshPages: (c) => refreshPages(c),
  watchStall: (c) => ({ context: startStallWatch(c), effects: [] }),
  resetStall: (c) => ({ context: resetStallPings(c), effects: [] }),
  pingStall: (c, e) => pingStall(c, firedAt(e, c.stall.since + c.settings.stallTimeoutMs)),
  // The first watch also reads the inbox rules once; reminders and a reopen do not read them again (retry 7 does).
  watchMailbox: (c) => (c.mailboxRules ? { context: startMailboxWatch(c), effects: [] } : requestMailboxRules(startMailboxWatch(c))),
  remindMailbox: (c, e) => remindMailboxes(c, firedAt(e, c.mailbox.since + c.settings.mailboxReminderMs)),
} satisfies Record<string, Runner>;

export type RunnerName = keyof typeof RUNNERS;
