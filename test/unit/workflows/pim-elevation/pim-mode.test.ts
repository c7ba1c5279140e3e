import { explainRefusal } from '../../../../workflows/pim-elevation/explain-refusal';
import { PIM_APPROVAL_URL } from '../../../../workflows/pim-elevation/pim-links';
import type { PimStatus } from '../../../../workflows/pim-elevation/types';
import { ALICE, BOB, HOUR, MIN, T0, baseInput, context, effects, fire, graphCalls, notices, send, start, timers, type Step } from './elevation-harness';

const input = baseInput({ mode: 'pim', pim: { requestId: 'pim-req-9' } });

function status(step: Step, value: PimStatus, at: number, extra: { endsAt?: number; reason?: string } = {}): Step {
  return send(step, { type: 'pim.status', status: value, at, actor: BOB, ...extra });
}

describe('elevation in pim mode', () => {
  it('posts the card for PIM to decide, with the deep link, and no bot-side grant', () => {
    const s0 = start(input);
    expect(s0.snapshot.value).toEqual({ open: { pim: 'awaiting' } });
    expect(context(s0).pim).toEqual({ requestId: 'pim-req-9', approvalUrl: PIM_APPROVAL_URL });
    expect(context(s0).announceHome).toBe(false);
    expect(effects(s0, 'chat.card').map((c) => c.key)).toEqual(['approval']);
    expect(graphCalls(s0)).toEqual([]);
    expect(timers(s0).remindAfter?.delay).toBe(10 * MIN);
    expect(explainRefusal(context(s0), { type: 'approve', actor: BOB, at: T0 })).toBe('This request is decided in PIM: use the "Open in PIM" button on the card.');
  });

  it('escalates the same way while PIM has not decided', () => {
    const s0 = start(input);
    expect(notices(fire(s0, s0, 'remindAfter')).map((n) => n.view)).toEqual(['reminder', 'reminder', 'reminder']);
    expect(notices(fire(s0, s0, 'escalateAfter')).map((n) => n.view)).toEqual(['escalation']);
  });

  it('at T3 says the request is stale but keeps following PIM', () => {
    const s0 = start(input);
    const stale = fire(s0, s0, 'expireAfter');
    expect(stale.snapshot.value).toEqual({ open: { pim: 'awaiting' } });
    expect(context(stale).staleAt).toBe(T0 + 45 * MIN);
    expect(notices(stale).map((n) => n.view)).toEqual(['request-expired', 'outcome']);
    expect(status(stale, 'Granted', T0 + HOUR).snapshot.value).toEqual({ open: { pim: 'approved' } });
  });

  it('Granted then Provisioned: active until the end PIM gives, then verified like any grant', () => {
    const s0 = start(input);
    const granted = status(s0, 'Granted', T0 + 5 * MIN);
    expect(context(granted).decision).toEqual({ outcome: 'approved', by: [BOB], at: T0 + 5 * MIN });
    const provisioned = status(granted, 'Provisioned', T0 + 6 * MIN, { endsAt: T0 + 6 * MIN + 30 * MIN });
    expect(provisioned.snapshot.value).toEqual({ holding: 'active' });
    expect(timers(provisioned).grantDuration?.delay).toBe(30 * MIN);
    expect(notices(provisioned)).toEqual([{ view: 'outcome', audience: { to: 'person', person: 'alice' } }]);
    const ended = fire(provisioned, provisioned, 'grantDuration');
    expect(graphCalls(ended).map((c) => c.op)).toEqual(['assignmentInstances']);
  });

  it('Provisioned without a Granted first still records the approval', () => {
    const provisioned = status(start(input), 'Provisioned', T0 + 6 * MIN);
    expect(provisioned.snapshot.value).toEqual({ holding: 'active' });
    expect(context(provisioned).decision?.outcome).toBe('approved');
    expect(context(provisioned).grant?.endsAt).toBe(T0 + 6 * MIN + HOUR);
  });

  it('Denied, Canceled and Expired close it with the matching outcome', () => {
    const denied = status(start(input), 'Denied', T0 + 5 * MIN, { reason: 'not now' });
    expect(denied.snapshot.value).toBe('denied');
    expect(context(denied).decision).toEqual({ outcome: 'denied', by: [BOB], at: T0 + 5 * MIN, reason: 'not now' });
    expect(status(start(input), 'Canceled', T0 + 5 * MIN).snapshot.value).toBe('withdrawn');
    expect(status(start(input), 'Expired', T0 + 24 * HOUR).snapshot.value).toBe('expired');
  });

  it('Revoked while active verifies the role is gone', () => {
    const active = status(start(input), 'Provisioned', T0 + 6 * MIN);
    const revoked = status(active, 'Revoked', T0 + 20 * MIN);
    expect(revoked.snapshot.value).toBe('verifying');
    expect(context(revoked).revocation?.by).toEqual(BOB);
    expect(send(revoked, { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result: [] }).snapshot.value).toBe('revoked');
  });

  it('statuses after the outcome are ignored', () => {
    const denied = status(start(input), 'Denied', T0 + 5 * MIN);
    expect(status(denied, 'Provisioned', T0 + 6 * MIN).actions).toEqual([]);
  });

  it('the bot can still revoke a PIM activation early', () => {
    const active = status(start(input), 'Provisioned', T0 + 6 * MIN);
    const revoking = send(active, { type: 'revoke', actor: ALICE, at: T0 + 10 * MIN });
    expect(graphCalls(revoking).map((c) => c.args.action)).toEqual(['adminRemove']);
  });
});
