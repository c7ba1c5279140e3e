import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { BreakGlassInput } from '../../../../workflows/break-glass/context';
import type { BreakGlassEvent } from '../../../../workflows/break-glass/events';
import { breakGlassMachine } from '../../../../workflows/break-glass/machine';
import type { Effect } from '../../../../workflows/effects';
import { expectSameAsRuntime } from '../../../support/same-as-xstate-transition';

export type Snapshot = SnapshotFrom<typeof breakGlassMachine>;

export const MINUTE = 60_000;
/** Monday 3 March 2025, 02:00 UTC: an emergency at night. */
export const T0 = Date.UTC(2025, 2, 3, 2, 0);

export const alice = { id: '11111111-1111-1111-1111-111111111111', name: 'Alice Admin' };
export const bob = { id: '22222222-2222-2222-2222-222222222222', name: 'Bob Builder' };
export const carol = { id: '33333333-3333-3333-3333-333333333333', name: 'Carol Manager' };

export function incidentInput(overrides: Partial<BreakGlassInput> = {}, config: Partial<BreakGlassInput['config']> = {}): BreakGlassInput {
  return {
    incidentId: 'INC-7',
    summary: 'Conditional Access policy locked out every admin',
    drill: false,
    commander: alice,
    startedAt: T0,
    ...overrides,
    config: {
      managers: [['carol', 'dave'], ['erin']],
      securityOfficers: ['sam'],
      emergencyAccounts: [
        { upn: 'bg1@contoso.onmicrosoft.com', credentialLocation: 'Safe A, envelope 1' },
        { upn: 'bg2@contoso.onmicrosoft.com', credentialLocation: 'Vault path secret/bg2' },
      ],
      playbookUrl: 'https://wiki.contoso.example/playbooks/admin-lockout',
      supportUrl: 'https://portal.azure.com/#view/Microsoft_Azure_Support/HelpAndSupportBlade',
      ackTimeoutMs: 10 * MINUTE,
      stallTimeoutMs: 30 * MINUTE,
      mailboxReminderMs: 45 * MINUTE,
      signInLookbackMs: 24 * 60 * MINUTE,
      ...config,
    },
  };
}

export interface Step {
  snapshot: Snapshot;
  actions: Array<{ type: string; params?: unknown }>;
}

export function startIncident(input: BreakGlassInput = incidentInput()): Step {
  const [snapshot, actions] = initialTransition(breakGlassMachine, input);
  return { snapshot, actions };
}

export function send(snapshot: Snapshot, event: BreakGlassEvent | { type: string; at?: number }): Step {
  // Timer events are xstate's own (`xstate.after...`), outside our event union.
  const [next, actions] = transition(breakGlassMachine, snapshot, event as BreakGlassEvent);
  expectSameAsRuntime(breakGlassMachine, snapshot, event, next, actions);
  return { snapshot: next, actions };
}

/** Feeds a sequence of events, returning the last step and every action along the way. */
export function sendAll(snapshot: Snapshot, events: Array<BreakGlassEvent | { type: string }>): Step {
  let current: Step = { snapshot, actions: [] };
  const all: Step['actions'] = [];
  for (const e of events) {
    current = send(current.snapshot, e);
    all.push(...current.actions);
  }
  return { snapshot: current.snapshot, actions: all };
}

export function effectsOf(actions: Step['actions']): Effect[] {
  return actions.filter((a): a is Effect => ['chat.card', 'chat.notice', 'graph.call', 'logs.export'].includes(a.type));
}

export function notices(actions: Step['actions'], view?: string) {
  return effectsOf(actions).flatMap((e) => (e.type === 'chat.notice' && (!view || e.params.view === view) ? [e.params] : []));
}

export function cards(actions: Step['actions']) {
  return effectsOf(actions).flatMap((e) => (e.type === 'chat.card' ? [e.params] : []));
}

export interface RaisedTimer {
  event: { type: string };
  id: string;
  delay: number;
}

export function timers(actions: Step['actions']): RaisedTimer[] {
  return actions.filter((a) => a.type === 'xstate.raise').map((a) => a.params as RaisedTimer).filter((p) => typeof p.delay === 'number');
}

/** The timer whose send id mentions `delayName` (xstate ids read `xstate.after.<delay>.<state>`). */
export function timer(actions: Step['actions'], delayName: string): RaisedTimer {
  const found = timers(actions).find((t) => t.id.includes(`.${delayName}.`));
  if (!found) throw new Error(`no ${delayName} timer among ${timers(actions).map((t) => t.id).join(', ')}`);
  return found;
}

export const at = (minutes: number) => T0 + minutes * MINUTE;

/** Delay names of the timers an action list cancels (`xstate.after.<delay>.<state>`). */
export function cancelled(actions: Step['actions']): string[] {
  return actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId.split('.')[2] ?? '');
}
