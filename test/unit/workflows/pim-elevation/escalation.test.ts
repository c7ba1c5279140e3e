import { explainRefusal } from '../../../../workflows/pim-elevation/explain-refusal';
import { BOB, MIN, T0, approve, baseInput, cancelled, context, effects, fire, graphCalls, notices, send, start, timers } from './elevation-harness';

describe('elevation escalation: T1 remind, T2 escalate, T3 expire', () => {
  it('schedules the three timers with the configured delays, not built-in ones', () => {
    const s0 = start(baseInput({ delays: { remindAfterMs: 7 * MIN, escalateAfterMs: 13 * MIN, expireAfterMs: 31 * MIN } }));
    const t = timers(s0);
    expect(t.remindAfter?.delay).toBe(7 * MIN);
    expect(t.escalateAfter?.delay).toBe(13 * MIN);
    expect(t.expireAfter?.delay).toBe(31 * MIN);
  });

  it('T1 reminds the approvers channel and each approver directly, and notes it on the card', () => {
    const s0 = start();
    const t1 = fire(s0, s0, 'remindAfter');
    expect(t1.snapshot.value).toEqual({ open: 'approval' });
    expect(notices(t1)).toEqual([
      { view: 'reminder', audience: { to: 'channel', channel: 'approvers' } },
      { view: 'reminder', audience: { to: 'person', person: 'bob' } },
      { view: 'reminder', audience: { to: 'person', person: 'carol' } },
    ]);
    expect(context(t1).remindedAt).toBe(T0 + 10 * MIN);
    // Firing a timer must not restart the others.
    expect(timers(t1)).toEqual({});
    expect(cancelled(t1).some((id) => id.includes('escalateAfter') || id.includes('expireAfter'))).toBe(false);
  });

  it('T2 sends the live card to each manager and says so in the approvers channel', () => {
    const s0 = start();
    const t1 = fire(s0, s0, 'remindAfter');
    const t2 = fire(t1, s0, 'escalateAfter', T0 + 20 * MIN);
    expect(context(t2).escalatedAt).toBe(T0 + 20 * MIN);
    expect(notices(t2)).toEqual([{ view: 'escalation', audience: { to: 'channel', channel: 'approvers' } }]);
    expect(effects(t2, 'chat.card')).toEqual(
      expect.arrayContaining([
        { key: 'approval:manager:erin', view: 'approval', audience: { to: 'person', person: 'erin' }, data: { copy: 'manager', person: 'erin' } },
        { key: 'approval:manager:frank', view: 'approval', audience: { to: 'person', person: 'frank' }, data: { copy: 'manager', person: 'frank' } },
      ]),
    );
    // A decision after escalation updates the managers' copies too.
    const approved = approve(t2, BOB, T0 + 25 * MIN);
    expect(effects(approved, 'chat.card').map((c) => c.key)).toEqual(['approval', 'status', 'approval:manager:erin', 'approval:manager:frank']);
  });

  it('T3 expires the request: everyone told, nothing granted, later clicks refused', () => {
    const s0 = start();
    const t1 = fire(s0, s0, 'remindAfter');
    const t2 = fire(t1, s0, 'escalateAfter');
    const t3 = fire(t2, s0, 'expireAfter');
    expect(t3.snapshot.value).toBe('expired');
    expect(t3.snapshot.status).toBe('done');
    expect(context(t3).decision).toEqual({ outcome: 'expired', by: [], at: T0 + 45 * MIN });
    expect(graphCalls(t3)).toEqual([]);
    expect(notices(t3)).toEqual([
      { view: 'request-expired', audience: { to: 'channel', channel: 'approvers' } },
      { view: 'outcome', audience: { to: 'person', person: 'alice' } },
      { view: 'request-expired', audience: { to: 'person', person: 'erin' } },
      { view: 'request-expired', audience: { to: 'person', person: 'frank' } },
    ]);
    const late = approve(t3, BOB, T0 + 46 * MIN);
    expect(late.actions).toEqual([]);
    expect(explainRefusal(context(t3), { type: 'approve', actor: BOB, at: T0 + 46 * MIN })).toBe('This request expired without a decision at 03:45 UTC.');
  });

  it('a decision cancels the pending timers', () => {
    const s0 = start();
    const approved = approve(s0, BOB);
    const ids = Object.values(timers(s0)).map((t) => t.id);
    expect(cancelled(approved).sort()).toEqual(ids.sort());
  });

  it('a stale T1 that fires after the decision does nothing', () => {
    const s0 = start();
    const denied = send(s0, { type: 'deny', actor: BOB, reason: 'no', at: T0 + MIN });
    const stale = fire(denied, s0, 'remindAfter');
    expect(stale.actions).toEqual([]);
    expect(stale.snapshot.context).toEqual(denied.snapshot.context);
  });
});
