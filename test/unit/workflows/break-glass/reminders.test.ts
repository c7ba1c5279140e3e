import { MINUTE, alice, at, bob, cancelled, incidentInput, notices, send, startIncident, timer, timers } from './drive';

describe('stall escalation', () => {
  it('pings the commander, then each manager level, while no step moves', () => {
    const start = startIncident();
    const stall = timer(start.actions, 'stallTimeout');
    expect(stall.delay).toBe(30 * MINUTE);

    const first = send(start.snapshot, stall.event);
    expect(notices(first.actions, 'stall')).toEqual([{ view: 'stall', audience: { to: 'home' }, data: { stage: 'commander' } }]);

    const second = send(first.snapshot, timer(first.actions, 'stallTimeout').event);
    expect(notices(second.actions, 'stall').map((n) => n.audience)).toEqual([
      { to: 'home' },
      { to: 'person', person: 'carol' },
      { to: 'person', person: 'dave' },
    ]);
    const third = send(second.snapshot, timer(second.actions, 'stallTimeout').event);
    expect(notices(third.actions, 'stall').map((n) => n.audience)).toEqual([{ to: 'home' }, { to: 'person', person: 'erin' }]);

    // The chain is used up: no more pings until someone makes progress.
    const quiet = send(third.snapshot, timer(third.actions, 'stallTimeout').event);
    expect(notices(quiet.actions, 'stall')).toEqual([]);
    expect(quiet.snapshot.value).toMatchObject({ open: { stall: 'quiet' } });
    const moved = send(quiet.snapshot, { type: 'playbook.confirm', actor: alice, at: at(130) });
    expect(moved.snapshot.value).toMatchObject({ open: { stall: 'watching' } });
    expect(moved.snapshot.context.stall.pings).toBe(0);
    expect(timer(moved.actions, 'stallTimeout').delay).toBe(30 * MINUTE);
  });

  it('restarts the stall clock on every step change', () => {
    const start = startIncident();
    const moved = send(start.snapshot, { type: 'playbook.confirm', actor: alice, at: at(20) });
    expect(cancelled(moved.actions)).toContain('stallTimeout');
    expect(moved.snapshot.context.stall.since).toBe(at(20));
    expect(timer(moved.actions, 'stallTimeout').delay).toBe(30 * MINUTE);
  });
});

describe('step 7: mailbox reminder', () => {
  it('repeats every mailboxReminder until the step is marked done', () => {
    const start = startIncident();
    const first = send(start.snapshot, timer(start.actions, 'mailboxReminder').event);
    expect(notices(first.actions, 'mailbox-reminder')).toHaveLength(1);
    expect(first.snapshot.context.mailbox).toEqual({ reminders: 1, since: at(45) });
    const second = send(first.snapshot, timer(first.actions, 'mailboxReminder').event);
    expect(second.snapshot.context.mailbox.reminders).toBe(2);

    const done = send(second.snapshot, { type: 'step.done', step: 7, actor: bob, at: at(100) });
    expect(cancelled(done.actions)).toContain('mailboxReminder');
    expect(timers(done.actions).filter((t) => t.id.includes('mailboxReminder'))).toEqual([]);
  });

  it('reads the interval from config', () => {
    const start = startIncident(incidentInput({}, { mailboxReminderMs: 5 * MINUTE }));
    expect(timer(start.actions, 'mailboxReminder').delay).toBe(5 * MINUTE);
  });
});
