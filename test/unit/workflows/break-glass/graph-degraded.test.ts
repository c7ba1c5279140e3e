import { alice, at, bob, carol, effectsOf, notices, send, sendAll, startIncident } from './drive';
import { domains, twoBadPasswords } from './fixtures';

const unavailable = { code: 'graph.unavailable', message: 'Microsoft Graph did not answer.' };

describe('when Microsoft Graph is unavailable', () => {
  it('marks the Graph steps failed in plain words while the manual checklist completes', () => {
    const { snapshot } = startIncident();
    const run = sendAll(snapshot, [
      { type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(1) },
      { type: 'graph.domains.failed', error: unavailable, tag: 'domains:1', at: at(1) },
      { type: 'export.run', actor: alice, at: at(2) },
      { type: 'export.failed', error: unavailable, tag: 'export:1', at: at(3) },
    ]);
    const ctx = run.snapshot.context;
    expect([ctx.steps[4], ctx.steps[5], ctx.steps[7]].map((s) => [s?.state, s?.failure])).toEqual([
      ['failed', 'Graph is unavailable'],
      ['failed', 'Graph is unavailable'],
      ['failed', 'Graph is unavailable'],
    ]);
    expect(notices(run.actions, 'step-degraded').map((n) => n.data)).toEqual([{ step: 5 }, { step: 6 }, { step: 8 }]);

    const manual = sendAll(run.snapshot, [
      { type: 'ack', actor: carol, at: at(4) },
      { type: 'playbook.confirm', actor: alice, at: at(5) },
      { type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: at(6) },
      { type: 'checkout.confirm', actor: bob, at: at(7) },
      { type: 'support.case', reference: '2503030040001234', actor: alice, at: at(8) },
      { type: 'step.done', step: 5, note: 'Read the sign-in logs in the portal', actor: bob, at: at(9) },
      { type: 'step.skip', step: 6, reason: 'no federation here', actor: alice, at: at(9) },
      { type: 'step.done', step: 7, actor: bob, at: at(10) },
    ]);
    expect(manual.snapshot.context.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'skipped', 'done', 'failed']);
    const closed = send(manual.snapshot, { type: 'close', actor: alice, at: at(30) });
    expect(closed.snapshot.value).toBe('closed');
  });

  it('retries a failed step with a fresh request and ignores the stale answer', () => {
    const { snapshot } = startIncident();
    const failed = send(snapshot, { type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(1) });
    const retried = send(failed.snapshot, { type: 'step.retry', step: 5, actor: alice, at: at(5) });
    const call = effectsOf(retried.actions).find((e) => e.type === 'graph.call');
    expect(call?.params).toMatchObject({ op: 'signIns', tag: 'signins:2', args: { until: '2025-03-03T02:05:00.000Z' } });
    expect(retried.snapshot.context.steps[4]).toMatchObject({ state: 'in_progress' });
    expect(retried.snapshot.context.steps[4]?.failure).toBeUndefined();

    const stale = send(retried.snapshot, { type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(6) });
    expect(stale.actions).toEqual([]);
    const fresh = send(retried.snapshot, { type: 'graph.signIns.succeeded', result: twoBadPasswords(), tag: 'signins:2', at: at(6) });
    expect(fresh.snapshot.context.steps[4]?.state).toBe('done');
    expect(notices(fresh.actions, 'sign-in-summary')).toHaveLength(1);
  });

  it('runs the sign-in review again on demand with a custom window and user', () => {
    const { snapshot } = startIncident();
    const rerun = send(snapshot, { type: 'signins.rerun', lookbackMs: 2 * 3_600_000, user: 'adm-alex@contoso.com', actor: alice, at: at(10) });
    const call = effectsOf(rerun.actions).find((e) => e.type === 'graph.call');
    expect(call?.params.args).toEqual({
      since: '2025-03-03T00:10:00.000Z',
      until: '2025-03-03T02:10:00.000Z',
      user: 'adm-alex@contoso.com',
      emergencyUpns: ['bg1@contoso.onmicrosoft.com', 'bg2@contoso.onmicrosoft.com'],
    });
  });

  it('does not undo a step a responder finished by hand when Graph fails later', () => {
    const { snapshot } = startIncident();
    const run = sendAll(snapshot, [
      { type: 'step.done', step: 5, actor: bob, at: at(1) },
      { type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(2) },
    ]);
    expect(run.snapshot.context.steps[4]?.state).toBe('done');
    expect(run.snapshot.context.signIns.status).toBe('unavailable');
  });
});

describe('step 6: hybrid federation', () => {
  it('asks about AD FS when a domain is federated, and records the decision to switch and who made it', () => {
    const { snapshot } = startIncident();
    const asked = send(snapshot, { type: 'graph.domains.succeeded', result: domains.hybrid, tag: 'domains:1', at: at(1) });
    expect(asked.snapshot.context.federation.federated).toEqual(['corp.contoso.com']);
    expect(notices(asked.actions, 'federation')[0]?.data).toEqual({ stage: 'question' });
    expect(asked.snapshot.context.steps[5]?.state).toBe('in_progress');

    const down = send(asked.snapshot, { type: 'federation.adfs', available: false, actor: bob, at: at(4) });
    expect(down.snapshot.context.federation.decision).toEqual({ adfsAvailable: false, by: bob, at: at(4) });
    expect(notices(down.actions, 'federation')[0]?.data).toEqual({ stage: 'guidance' });
    expect(down.snapshot.context.steps[5]).toMatchObject({ state: 'in_progress', owner: bob });

    const switched = send(down.snapshot, { type: 'step.done', step: 6, note: 'corp.contoso.com now managed', actor: bob, at: at(20) });
    expect(switched.snapshot.context.steps[5]?.state).toBe('done');
  });

  it('finishes at once when AD FS is up', () => {
    const { snapshot } = startIncident();
    const run = sendAll(snapshot, [
      { type: 'graph.domains.succeeded', result: domains.hybrid, tag: 'domains:1', at: at(1) },
      { type: 'federation.adfs', available: true, actor: alice, at: at(2) },
    ]);
    expect(run.snapshot.context.steps[5]).toMatchObject({ state: 'done', doneBy: alice });
  });

  it('is done by itself, with a note, when no domain is federated', () => {
    const { snapshot } = startIncident();
    const run = send(snapshot, { type: 'graph.domains.succeeded', result: domains.cloudOnly, tag: 'domains:1', at: at(1) });
    expect(run.snapshot.context.steps[5]).toMatchObject({ state: 'done', notes: ['No federated domains (2 checked): nothing to switch'] });
    expect(run.snapshot.context.steps[5]?.doneBy).toBeUndefined();
  });
});
