import { button, IncidentHarness, MINUTE, textOf } from './incident-harness';

describe('drill mode', () => {
  let h: IncidentHarness;
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('`start --drill` runs the same flow and labels every message DRILL, down to the close report', async () => {
    const reply = await h.say('alice', 'start --drill Quarterly emergency access exercise');
    expect(reply).toMatch(/^DRILL Incident BG-\w+ is open\./);
    const id = /(BG-\w+)/.exec(reply ?? '')![1]!;

    // The same flow: page, escalation, checkout, reminders, export, report.
    await h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan');
    await h.click('alice', button(h.checklist(id), 'Use bg-02@contoso.onmicrosoft.com'));
    await h.click('bob', button(h.checklist(id), 'Confirm bg-02@contoso.onmicrosoft.com'));
    await h.advance(30 * MINUTE);
    await h.click('alice', button(h.checklist(id), 'Export logs'));
    await h.say('alice', 'close Drill went fine');

    const everything = h.chat.messages.flatMap((m) => m.history);
    const titles = new Set(everything.map((m) => m.header?.title.replace(/: .*/, '')));
    expect(titles).toEqual(
      new Set(['Break glass', 'Closed', 'Sign-in review (step 5)', 'Step 6 (Check hybrid federation (AD FS))', 'Step 1 (Notify key managers and security officers)', 'Confirm emergency account bg-02@contoso.onmicrosoft.com?', 'Emergency account bg-02@contoso.onmicrosoft.com',
        'Emergency account bg-02@contoso.onmicrosoft.com checked out', 'Monitor privileged mailboxes (step 7)', 'Privileged mailboxes (step 7)', 'Incident stalled', 'Logs backed up for forensics (step 8)', 'Incident report']),
    );
    for (const message of everything) {
      expect(message.header?.label).toBe('DRILL');
      expect(message.fallbackText.startsWith('[DRILL] ')).toBe(true);
      expect(message.context?.startsWith('DRILL · ')).toBe(true);
    }
    expect(textOf(h.notice('Incident report'))).toContain('Record this drill: exercise the emergency accounts again within 90 days.');
  });
});
