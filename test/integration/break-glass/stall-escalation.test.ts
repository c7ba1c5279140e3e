import { button, IncidentHarness, MINUTE, textOf } from './incident-harness';

/** stallTimeout is 30m in the playground config; managers are ivan (level 0), then judy (level 1). */
describe('stall escalation under the simulated clock', () => {
  let h: IncidentHarness;
  beforeEach(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('a stalled incident pings the commander, then each manager level by DM, and goes quiet after progress', async () => {
    const id = await h.startIncident('alice', 'start Every Global Administrator is locked out');
    h.clock.advance(1 * MINUTE);
    await h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan');
    const stalls = () => h.notices().filter((m) => m.header?.title === 'Incident stalled');

    await h.advance(30 * MINUTE); // 03:31
    expect(stalls()).toHaveLength(1);
    expect(textOf(stalls()[0]!)).toMatch(/^Alice [^,]*, no step has moved for 30m/m);
    await h.advance(30 * MINUTE); // 04:01: manager level 0
    expect(h.dms('ivan').map((m) => m.message.header?.title)).toEqual(['Break glass: page answered', 'Incident stalled: escalated to you']);
    expect(textOf(h.notice('Incident stalled: managers told'))).toMatch(/^Still no step has moved\. ivan \(manager level 0\) was told by direct message\./m);
    await h.advance(30 * MINUTE); // 04:31: manager level 1
    expect(h.dms('judy').map((m) => m.message.header?.title)).toEqual(['Incident stalled: escalated to you']);
    expect(textOf(h.dms('judy')[0]!.message)).toMatch(/has made no progress for 30m\. Commander: Alice/);
    await h.advance(120 * MINUTE);
    expect(h.dms('judy')).toHaveLength(1);

    await h.click('alice', button(h.checklist(id), 'Playbook reviewed'));
    await h.advance(30 * MINUTE);
    expect(stalls().length).toBeGreaterThan(1);
  });
});
