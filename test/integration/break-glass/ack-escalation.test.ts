import { button, IncidentHarness, labels, MINUTE, stepState, textOf } from './incident-harness';

/** The playground config pages ivan (manager level 0, security officer) first, then judy (level 1); ackTimeout is 10m. */
describe('acknowledgement escalation under the simulated clock', () => {
  let h: IncidentHarness;
  beforeEach(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('nobody acknowledges within the timeout: the level-1 manager is paged; her acknowledgement stops the escalation', async () => {
    const id = await h.startIncident('alice', 'start Every Global Administrator is locked out');
    expect(h.dms('ivan')).toHaveLength(1);

    await h.advance(10 * MINUTE - 1);
    expect(h.dms('judy')).toHaveLength(0);
    // People by name, not by their config key; the page as the chat confirmed it.
    expect(textOf(h.checklist(id))).toMatch(/Ivan Ivanov: page delivered at 03:00 UTC\. Level 0 paged at 03:00 UTC; escalates after 10m without an answer/);

    await h.advance(1);
    const judyPage = h.dms('judy');
    expect(judyPage).toHaveLength(1);
    expect(textOf(judyPage[0]!.message)).toContain('Paged: 03:10 UTC (escalation level 1: nobody answered before)');
    expect(labels(judyPage[0]!.message)).toEqual(['Acknowledge']);
    expect(textOf(h.checklist(id))).toMatch(/Judy Jones: page delivered at 03:10 UTC\. Level 1 paged at 03:10 UTC/);
    const escalated = (await h.audit('workflow.timer')).filter((e) => e.workflowId === id);
    expect(escalated).toHaveLength(1);
    expect(escalated[0]!.at).toBe(Date.parse('2026-03-03T03:10:00Z'));

    h.clock.advance(3 * MINUTE);
    await h.click('judy', button(judyPage[0]!.message, 'Acknowledge'), undefined, 'dm:judy');
    expect(stepState(h.checklist(id), 1)).toBe('done');
    expect(textOf(h.checklist(id))).toMatch(/Acknowledged: Judy [^\n]* at 03:13 UTC/);
    // Both pages now say who answered; nobody is left with a button to press.
    for (const who of ['ivan', 'judy']) {
      const page = h.dms(who)[0]!.message;
      expect(page.buttons).toBeUndefined();
      expect(textOf(page)).toMatch(/Acknowledged by Judy [^\n]* at 03:13 UTC/);
    }
    expect(await h.click('ivan', { actionId: 'breakglass.ack', label: 'Acknowledge', value: `${id}|to:ivan` }, undefined, 'dm:ivan')).toMatch(/^Already acknowledged by Judy/);

    await h.advance(60 * MINUTE);
    expect(h.notices().filter((m) => m.header?.title === 'Nobody acknowledged the page')).toHaveLength(0);
    // Stall pings may still arrive (nothing else moved); no further acknowledgement page does.
    expect(h.pages('ivan')).toHaveLength(1);
    expect(h.pages('judy')).toHaveLength(1);
  });

  it('an acknowledgement before the timeout means nobody else is paged', async () => {
    const id = await h.startIncident('alice', 'start Every Global Administrator is locked out');
    h.clock.advance(4 * MINUTE);
    await h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan');
    expect(stepState(h.checklist(id), 1)).toBe('done');
    expect(textOf(h.notice('Step 1'))).toMatch(/Done by Ivan [^\n]* at 03:04 UTC/);

    await h.advance(60 * MINUTE);
    expect(h.dms('judy')).toHaveLength(0);
  });
});
