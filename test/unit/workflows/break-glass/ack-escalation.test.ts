import { MINUTE, cancelled, T0, at, bob, carol, cards, incidentInput, notices, send, startIncident, timer, timers } from './drive';

describe('step 1: paging managers and security officers', () => {
  it('escalates to the next level when nobody acknowledges within ackTimeout', () => {
    const start = startIncident();
    const ackTimer = timer(start.actions, 'ackTimeout');
    expect(ackTimer.delay).toBe(10 * MINUTE);

    // The runtime feeds the raised event back when the persisted timer is due.
    const escalated = send(start.snapshot, ackTimer.event);
    const pages = cards(escalated.actions).filter((c) => c.view === 'ack-request');
    expect(pages.map((p) => p.audience)).toEqual([{ to: 'person', person: 'erin' }]);
    expect(escalated.snapshot.context.paging).toMatchObject({ level: 1, levelPagedAt: T0 + 10 * MINUTE });
    expect(escalated.snapshot.context.timeline.some((e) => e.text.includes('escalating to level 1') && e.at === at(10))).toBe(true);
    expect(timer(escalated.actions, 'ackTimeout').delay).toBe(10 * MINUTE);

    // Last level used up: the channel hears that nobody answered, and paging stops.
    const exhausted = send(escalated.snapshot, timer(escalated.actions, 'ackTimeout').event);
    expect(notices(exhausted.actions, 'ack-unanswered')).toEqual([{ view: 'ack-unanswered', audience: { to: 'home' }, data: { reason: 'timeout' } }]);
    expect(exhausted.snapshot.context.paging.exhaustedAt).toBe(at(20));
    expect(timers(exhausted.actions).filter((t) => t.id.includes('ackTimeout'))).toEqual([]);
    expect(exhausted.snapshot.context.steps[0]?.state).toBe('pending');
  });

  it('marks step 1 done on acknowledgement, stops escalating and updates every page in place', () => {
    const start = startIncident();
    const acked = send(start.snapshot, { type: 'ack', actor: carol, at: at(4) });
    expect(acked.snapshot.context.steps[0]).toMatchObject({ state: 'done', doneBy: carol, doneAt: at(4) });
    expect(acked.snapshot.context.paging.acknowledgedBy).toEqual(carol);
    expect(cancelled(acked.actions)).toContain('ackTimeout');
    const updated = cards(acked.actions).filter((c) => c.view === 'ack-request').map((c) => c.key);
    expect(updated).toEqual(['ack:carol', 'ack:dave', 'ack:sam']);
  });

  it('accepts a late acknowledgement after every level was paged', () => {
    const start = startIncident(incidentInput({}, { managers: [['carol']], securityOfficers: [] }));
    const exhausted = send(start.snapshot, timer(start.actions, 'ackTimeout').event);
    expect(exhausted.snapshot.value).toMatchObject({ open: { paging: 'unanswered' } });
    const late = send(exhausted.snapshot, { type: 'ack', actor: carol, at: at(45) });
    expect(late.snapshot.value).toMatchObject({ open: { paging: 'settled' } });
    expect(late.snapshot.context.steps[0]?.state).toBe('done');
  });

  it('ignores a second acknowledgement', () => {
    const start = startIncident();
    const acked = send(start.snapshot, { type: 'ack', actor: carol, at: at(4) });
    const again = send(acked.snapshot, { type: 'ack', actor: bob, at: at(5) });
    expect(again.actions).toEqual([]);
    expect(again.snapshot.context.paging.acknowledgedBy).toEqual(carol);
  });

  it('stops paging when a responder marks step 1 done by hand', () => {
    const start = startIncident();
    const done = send(start.snapshot, { type: 'step.done', step: 1, note: 'Called the CISO', actor: bob, at: at(2) });
    expect(done.snapshot.value).toMatchObject({ open: { paging: 'settled' } });
    expect(cancelled(done.actions)).toContain('ackTimeout');
  });

  it('says so at once when nobody is configured to page', () => {
    const start = startIncident(incidentInput({}, { managers: [], securityOfficers: [] }));
    expect(notices(start.actions, 'ack-unanswered')[0]?.data).toEqual({ reason: 'nobody-configured' });
    expect(timers(start.actions).filter((t) => t.id.includes('ackTimeout'))).toEqual([]);
  });

  it('skips empty manager levels when escalating', () => {
    const start = startIncident(incidentInput({}, { managers: [['carol'], [], ['erin']], securityOfficers: [] }));
    const escalated = send(start.snapshot, timer(start.actions, 'ackTimeout').event);
    expect(escalated.snapshot.context.paging.level).toBe(2);
    expect(cards(escalated.actions).filter((c) => c.view === 'ack-request').map((c) => c.key)).toEqual(['ack:erin']);
  });

  it('believes a runtime that stamps the timer event with the time it fired', () => {
    const start = startIncident();
    const t = timer(start.actions, 'ackTimeout');
    const escalated = send(start.snapshot, { ...t.event, at: at(13) });
    expect(escalated.snapshot.context.paging.levelPagedAt).toBe(at(13));
  });
});
