import { refusalFor } from '../../../../workflows/break-glass/refusals';
import { alice, at, bob, notices, send, sendAll, startIncident } from './drive';

describe('generic step commands', () => {
  it('requires a reason to skip a step', () => {
    const { snapshot } = startIncident();
    const noReason = { type: 'step.skip' as const, step: 6, reason: '   ', actor: alice, at: at(2) };
    expect(refusalFor(snapshot.context, noReason)).toBe('Say why step 6 is skipped: skip 6 <reason>.');
    expect(send(snapshot, noReason).snapshot.context.steps[5]?.state).toBe('in_progress');

    const skipped = send(snapshot, { type: 'step.skip', step: 6, reason: 'tenant is cloud-only', actor: alice, at: at(3) });
    expect(skipped.snapshot.context.steps[5]).toMatchObject({ state: 'skipped', skipReason: 'tenant is cloud-only', doneBy: alice, doneAt: at(3) });
    expect(notices(skipped.actions, 'step-update')[0]?.data).toEqual({ step: 6, change: 'skipped' });
  });

  it('works steps in any order', () => {
    const { snapshot } = startIncident();
    const run = sendAll(snapshot, [
      { type: 'step.done', step: 7, actor: bob, at: at(1) },
      { type: 'step.done', step: 2, actor: alice, at: at(2) },
      { type: 'support.case', reference: 'https://portal.azure.com/#case/123', actor: alice, at: at(3) },
    ]);
    expect(run.snapshot.context.steps.map((s) => s.state)).toEqual(['pending', 'done', 'pending', 'done', 'in_progress', 'in_progress', 'done', 'pending']);
  });

  it('refuses step numbers outside 1 to 8 and repeated completions', () => {
    const { snapshot } = startIncident();
    expect(refusalFor(snapshot.context, { type: 'step.done', step: 9, actor: alice, at: at(1) })).toBe('Steps are numbered 1 to 8.');
    expect(refusalFor(snapshot.context, { type: 'step.done', step: 2.5, actor: alice, at: at(1) })).toBe('Steps are numbered 1 to 8.');
    const done = send(snapshot, { type: 'playbook.confirm', actor: alice, at: at(2) });
    expect(refusalFor(done.snapshot.context, { type: 'step.done', step: 2, actor: bob, at: at(3) })).toBe('Step 2 is already done.');
    expect(send(done.snapshot, { type: 'playbook.confirm', actor: bob, at: at(3) }).actions).toEqual([]);
  });

  it('assigns an owner who shows on the step', () => {
    const { snapshot } = startIncident();
    const assigned = send(snapshot, { type: 'step.assign', step: 4, assignee: bob, actor: alice, at: at(1) });
    expect(assigned.snapshot.context.steps[3]?.owner).toEqual(bob);
    expect(refusalFor(assigned.snapshot.context, { type: 'step.assign', step: 4, assignee: bob, actor: alice, at: at(2) })).toMatch(/already owns step 4/);
  });

  it('only retries the steps that call Graph', () => {
    const { snapshot } = startIncident();
    expect(refusalFor(snapshot.context, { type: 'step.retry', step: 2, actor: alice, at: at(1) })).toMatch(/Only steps 5, 6, 7, 8/);
    expect(refusalFor(snapshot.context, { type: 'step.retry', step: 8, actor: alice, at: at(1) })).toBeUndefined();
  });

  it('keeps the support case reference and clips absurdly long text', () => {
    const { snapshot } = startIncident();
    const long = 'x'.repeat(5000);
    const next = send(snapshot, { type: 'support.case', reference: long, actor: alice, at: at(1) });
    expect(next.snapshot.context.supportCase?.reference.length).toBe(200);
    expect(refusalFor(snapshot.context, { type: 'support.case', reference: ' ', actor: alice, at: at(1) })).toBe('Give the support case number or link.');
  });

  it('turns changes away once closed, but still takes notes for the record', () => {
    const closed = send(startIncident().snapshot, { type: 'close', actor: alice, at: at(9) }).snapshot;
    expect(refusalFor(closed.context, { type: 'step.done', step: 2, actor: alice, at: at(10) })).toBe('This incident is closed; reopen it first.');
    const noted = send(closed, { type: 'note.add', text: 'post-mortem booked for Thursday', actor: bob, at: at(11) });
    expect(noted.snapshot.context.timeline.at(-1)).toEqual({ at: at(11), actor: bob, text: 'Note: post-mortem booked for Thursday' });
  });

  it('changes nothing on status', () => {
    const { snapshot } = startIncident();
    const next = send(snapshot, { type: 'status', actor: alice, at: at(1) });
    expect(next.actions).toEqual([]);
    expect(next.snapshot.context).toBe(snapshot.context);
  });
});
