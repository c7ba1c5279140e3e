import { button, IncidentHarness, MINUTE, stepState, textOf } from './incident-harness';

/** The playground config pages ivan (level 0) then judy (level 1), 10 minutes each. */
describe('acknowledgement races and silence', () => {
  let h: IncidentHarness;
  beforeEach(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('two managers pressing Acknowledge at the same moment: one counts, the other is told who answered', async () => {
    const id = await h.startIncident('alice', 'start Every Global Administrator is locked out');
    await h.advance(10 * MINUTE);
    const replies = await Promise.all([
      h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan'),
      h.click('judy', button(h.dms('judy')[0]!.message, 'Acknowledge'), undefined, 'dm:judy'),
    ]);
    const refused = replies.filter((r) => r !== undefined);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/^Already acknowledged by (Ivan|Judy) /);
    expect(stepState(h.checklist(id), 1)).toBe('done');
    expect((await h.audit('breakglass.ack')).filter((e) => e.workflowId === id)).toHaveLength(1);
  });

  it('when the whole chain stays silent the channel is told to reach them another way', async () => {
    const id = await h.startIncident('alice', 'start Every Global Administrator is locked out');
    await h.advance(10 * MINUTE);
    expect(h.dms('judy')).toHaveLength(1);
    await h.advance(10 * MINUTE);
    expect(textOf(h.notice('Nobody acknowledged the page'))).toMatch(/Paged: ivan and judy, each level given 10m\. Call them/);
    expect(textOf(h.checklist(id))).toContain('Nobody acknowledged. Reach them another way, then mark the step done.');

    await h.say('alice', 'done 1 Reached Ivan by phone');
    expect(stepState(h.checklist(id), 1)).toBe('done');
    expect(textOf(h.dms('ivan')[0]!.message)).toMatch(/marked the notification step done at 03:20 UTC; no acknowledgement is needed/);
  });
});
