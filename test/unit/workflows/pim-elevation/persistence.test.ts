import { restoreMachineSnapshot } from '../../../../bot/runtime/persisted-workflow';
import { elevationMachine } from '../../../../workflows/pim-elevation/machine';
import { BOB, HOUR, MIN, T0, approve, context, fire, grantSucceeded, graphCalls, send, start, type Snapshot, type Step } from './elevation-harness';

/** What a restart does: JSON to the database and back, through xstate's own restore. */
function restart(step: Step): Step {
  const stored = JSON.parse(JSON.stringify(elevationMachine.getPersistedSnapshot(step.snapshot)));
  return { snapshot: restoreMachineSnapshot(elevationMachine, stored) as Snapshot, actions: [] };
}

describe('elevation survives a restart at any point', () => {
  it('keeps votes, decisions, the pending grant and the end timer', () => {
    const s0 = start();
    const afterRestart = restart(approve(restart(s0), BOB, T0 + MIN));
    expect(afterRestart.snapshot.value).toBe('granting');
    expect(context(afterRestart).decision?.by).toEqual([BOB]);

    const active = grantSucceeded(afterRestart, T0 + 2 * MIN);
    const ended = fire(restart(active), active, 'grantDuration');
    expect(ended.snapshot.value).toBe('verifying');
    expect(graphCalls(ended).map((c) => c.op)).toEqual(['assignmentInstances']);
    expect(context(ended).grant?.endsAt).toBe(T0 + 2 * MIN + HOUR);
  });

  it('a timer fired into a restored, already-decided request does nothing', () => {
    const s0 = start();
    const denied = restart(send(s0, { type: 'deny', actor: BOB, reason: 'no', at: T0 + MIN }));
    expect(fire(denied, s0, 'expireAfter').actions).toEqual([]);
  });
});
