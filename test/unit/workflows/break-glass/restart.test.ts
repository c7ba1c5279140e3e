import { breakGlassMachine } from '../../../../workflows/break-glass/machine';
import { alice, at, cards, notices, send, startIncident, timer, type Snapshot } from './drive';

/** What the runtime stores and loads: the persisted snapshot as JSON, restored with resolveState. */
function reload(snapshot: Snapshot): Snapshot {
  const stored = JSON.parse(JSON.stringify(breakGlassMachine.getPersistedSnapshot(snapshot))) as { value: Snapshot['value']; context: Snapshot['context'] };
  return breakGlassMachine.resolveState({ value: stored.value, context: stored.context });
}

describe('a restart mid-incident', () => {
  it('continues from the stored snapshot, and a stored timer event still escalates', () => {
    const start = startIncident();
    const ackTimer = timer(start.actions, 'ackTimeout');
    const progressed = send(start.snapshot, { type: 'playbook.confirm', actor: alice, at: at(2) });

    const restored = reload(progressed.snapshot);
    expect(restored.value).toEqual(progressed.snapshot.value);
    const { snapshot: escalated, actions } = send(restored, ackTimer.event);
    expect(cards(actions).filter((c) => c.view === 'ack-request').map((c) => c.key)).toEqual(['ack:erin']);
    expect(escalated.context.steps[1]?.state).toBe('done');
  });

  it('sends the stall and mailbox timers after a reload as well', () => {
    const start = startIncident();
    const restored = reload(start.snapshot);
    const { actions: stallActions } = send(restored, timer(start.actions, 'stallTimeout').event);
    expect(notices(stallActions, 'stall')).toHaveLength(1);
    const { actions: mailActions } = send(restored, timer(start.actions, 'mailboxReminder').event);
    expect(notices(mailActions, 'mailbox-reminder')).toHaveLength(1);
  });
});
