import { initialTransition, transition } from 'xstate';
import { expectSameAsRuntime } from '../../../support/same-as-xstate-transition';
import { elevationMachine } from '../../../../workflows/pim-elevation/machine';
import type { ElevationActor, ElevationContext, ElevationEvent, ElevationInput } from '../../../../workflows/pim-elevation/types';

/**
 * Drives the elevation machine the way the runtime does: pure transition(),
 * effects read off the returned actions, timers fired by feeding back the
 * event of the `xstate.raise` the machine scheduled.
 */

export const T0 = Date.parse('2026-03-02T03:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export const ALICE: ElevationActor = { id: '11111111-1111-4111-8111-111111111111', name: 'Alice Requester' };
export const BOB: ElevationActor = { id: '22222222-2222-4222-8222-222222222222', name: 'Bob Approver' };
export const CAROL: ElevationActor = { id: '33333333-3333-4333-8333-333333333333', name: 'Carol Approver' };
export const DAN: ElevationActor = { id: '44444444-4444-4444-8444-444444444444', name: 'Dan Approver' };
export const GA = { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator' };

export function baseInput(overrides: Partial<ElevationInput> = {}): ElevationInput {
  return {
    requestId: 'elev-7',
    mode: 'bot',
    requester: { ...ALICE, person: 'alice' },
    role: GA,
    durationMs: HOUR,
    justification: 'Restore the break-glass CA exclusion',
    ticket: 'INC-42',
    approvalsRequired: 1,
    approverIds: [BOB.id, CAROL.id, DAN.id, ALICE.id],
    approverPeople: ['bob', 'carol'],
    dmApprovers: false,
    managerPeople: ['erin', 'frank'],
    delays: { remindAfterMs: 10 * MIN, escalateAfterMs: 20 * MIN, expireAfterMs: 45 * MIN },
    requestedAt: T0,
    riskContext: { lookbackMs: 24 * HOUR, recentFailures: 3, mfaDenials: 1, newLocations: ['Lagos, NG'] },
    ...overrides,
  };
}

export type Snapshot = ReturnType<typeof initialTransition<typeof elevationMachine>>[0];
export interface Action {
  type: string;
  params?: unknown;
}

export interface Step {
  snapshot: Snapshot;
  actions: Action[];
}

export function start(input: ElevationInput = baseInput()): Step {
  const [snapshot, actions] = initialTransition(elevationMachine, input);
  return { snapshot, actions: actions as Action[] };
}

export function send(from: Step | Snapshot, event: ElevationEvent): Step {
  const snapshot = 'snapshot' in from ? from.snapshot : from;
  const [next, actions] = transition(elevationMachine, snapshot, event);
  expectSameAsRuntime(elevationMachine, snapshot, event, next, actions);
  return { snapshot: next, actions: actions as Action[] };
}

export function context(step: Step): ElevationContext {
  return step.snapshot.context;
}

export function approve(from: Step, actor: ElevationActor, at = T0 + MIN): Step {
  return send(from, { type: 'approve', actor, at });
}

/** The effect actions of one type, params only. */
export function effects<T = Record<string, unknown>>(step: Step, type: 'chat.card' | 'chat.notice' | 'graph.call'): T[] {
  return step.actions.filter((a) => a.type === type).map((a) => a.params as T);
}

export interface GraphCallParams {
  op: string;
  args: Record<string, unknown>;
  tag?: string;
}

export function graphCalls(step: Step): GraphCallParams[] {
  return effects<GraphCallParams>(step, 'graph.call');
}

export interface NoticeParams {
  view: string;
  audience: { to: string; person?: string; channel?: string };
}

export function notices(step: Step): NoticeParams[] {
  return effects<NoticeParams>(step, 'chat.notice');
}

interface RaiseParams {
  event: { type: string };
  id: string;
  delay: number;
}

/** The timers scheduled in a step, by delay name (remindAfter, ...). */
export function timers(step: Step): Record<string, RaiseParams> {
  const out: Record<string, RaiseParams> = {};
  for (const a of step.actions) {
    if (a.type !== 'xstate.raise') continue;
    const p = a.params as RaiseParams;
    const name = /^xstate\.after\.([^.]+)\./.exec(p.id)?.[1];
    if (name && typeof p.delay === 'number') out[name] = p;
  }
  return out;
}

export function cancelled(step: Step): string[] {
  return step.actions.filter((a) => a.type === 'xstate.cancel').map((a) => (a.params as { sendId: string }).sendId);
}

/** Fire a timer that `scheduledIn` raised, as the dispatcher would (optionally stamped with its due time). */
export function fire(from: Step, scheduledIn: Step, delayName: string, at?: number): Step {
  const timer = timers(scheduledIn)[delayName];
  if (!timer) throw new Error(`no ${delayName} timer was scheduled in that step`);
  return send(from, { ...timer.event, ...(at !== undefined ? { at } : {}) } as unknown as ElevationEvent);
}

export function grantSucceeded(from: Step, at?: number, endDateTime?: string): Step {
  return send(from, {
    type: 'graph.createAssignmentRequest.succeeded',
    tag: 'grant',
    ...(at !== undefined ? { at } : {}),
    result: {
      id: 'graph-req-1',
      action: 'adminAssign',
      principalId: ALICE.id,
      roleDefinitionId: GA.id,
      directoryScopeId: '/',
      status: 'Provisioned',
      scheduleInfo: { startDateTime: new Date(at ?? T0 + MIN).toISOString(), expiration: { type: 'afterDuration', duration: 'PT1H', ...(endDateTime ? { endDateTime } : {}) } },
    },
  });
}

/** Straight to an active grant: approved by Bob at T0+1m, granted at T0+2m. */
export function activeGrant(input: ElevationInput = baseInput()): Step {
  return grantSucceeded(approve(start(input), BOB), T0 + 2 * MIN);
}
