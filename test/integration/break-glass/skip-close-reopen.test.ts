import { button, IncidentHarness, labels, MINUTE, stepState, textOf } from './incident-harness';

const reminders = (h: IncidentHarness) => h.notices().filter((m) => m.header?.title === 'Monitor privileged mailboxes (step 7)');

describe('skipping steps, typed commands, closing with open steps and reopening', () => {
  let h: IncidentHarness;
  let id = '';
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
    id = await h.startIncident('alice', 'start Helpdesk cannot reach any admin');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a skip without a reason is refused with the usage; nothing changes', async () => {
    expect(await h.say('bob', 'skip 7')).toMatch(/^Skipping a step needs a reason\. Usage: skip <step> <reason> \(ref [\w-]+\)$/);
    expect(stepState(h.checklist(id), 7)).toBe('pending');
    expect(await h.say('bob', 'done 9')).toMatch(/^Name a step from 1 to 8\. Usage: done <step>/);
    expect(await h.say('bob', 'frobnicate 3')).toMatch(/^I don't know "frobnicate"/);
  });

  it('a skip with a reason settles the step, shows the reason, and stops the mailbox reminder', async () => {
    h.clock.advance(5 * MINUTE);
    expect(await h.say('bob', 'skip 7 Exchange team already watches the admin mailboxes')).toBe(`Step 7 of ${id} is skipped.`);
    expect(stepState(h.checklist(id), 7)).toBe('skipped');
    expect(textOf(h.checklist(id))).toContain('Skipped: Exchange team already watches the admin mailboxes');
    expect(textOf(h.notice('Step 7'))).toMatch(/Skipped by Bob [^.]* at 03:05 UTC\. Reason: Exchange team already watches the admin mailboxes\./);
    expect(labels(h.checklist(id))).not.toContain('Mailboxes are watched');

    await h.advance(60 * MINUTE);
    expect(reminders(h)).toHaveLength(0);
  });

  it('`done 4 <case>` records the support case; `assign` and `note` reach the card and the timeline', async () => {
    await h.say('alice', 'done 4 case 2603030040005678');
    expect(stepState(h.checklist(id), 4)).toBe('done');
    expect(textOf(h.checklist(id))).toContain('Support case: case 2603030040005678');

    await h.say('alice', 'assign 2 @bob');
    expect(textOf(h.checklist(id))).toMatch(/2\. Review the attack playbook \[pending\] Bob/);
    // Every typed command answers in one line, even one that changes nothing the typist sees.
    expect(await h.say('alice', 'note Conditional Access policy "Block legacy" was edited at 02:41')).toBe(`Note added to ${id}.`);
  });

  it('the quiet tenant: step 5 says nothing unusual, step 6 finds no federated domain; `signins` repeats the review on demand', async () => {
    expect(textOf(h.notice('Sign-in review (step 5)'))).toMatch(/Sign-ins: \d+ \(\d+ failed\)/);
    expect(stepState(h.checklist(id), 5)).toBe('done');
    expect(stepState(h.checklist(id), 6)).toBe('done');

    const before = h.notices().filter((m) => m.header?.title === 'Sign-in review (step 5)').length;
    await h.say('alice', 'signins --since 2h --user bg-01@contoso.onmicrosoft.com');
    const again = h.notices().filter((m) => m.header?.title === 'Sign-in review (step 5)');
    expect(again).toHaveLength(before + 1);
    const scoped = textOf(again.at(-1)!);
    expect(scoped).toContain('Window: 2026-03-03T02:05:00.000Z to 2026-03-03T04:05:00.000Z');
    expect(scoped).toContain('Account: bg-01@contoso.onmicrosoft.com');
  });

  it('close with steps still open: the report lists them, says nothing needs rotating and asks to validate the plan', async () => {
    expect(await h.say('alice', 'close False alarm: the helpdesk used the wrong tenant')).toBe(`${id} is closed; the report is in the channel.`);
    const report = textOf(h.notice('Incident report'));
    expect(report).toContain('Outcome: False alarm: the helpdesk used the wrong tenant');
    expect(report).toMatch(/Open steps:\n• Step 1 Notify key managers and security officers: pending\n• Step 2 Review the attack playbook: pending\n• Step 3 Access a break-glass account: pending\n• Step 8 Back up logs for forensics: pending\n/);
    expect(report).toMatch(/7\. Monitor privileged mailboxes \(skipped\) skipped by Bob [^:]*: Exchange team already watches the admin mailboxes/);
    expect(report).toContain('No emergency account was checked out: nothing to rotate.');
    expect(report).toMatch(/Validate the response plan/);
    expect(report).toMatch(/• Alice [^:]*: Started the incident: Helpdesk cannot reach any admin; Marked step 4 done: Support case case 2603030040005678; Assigned step 2 to Bob/);
    // One account's review does not replace the incident-wide sign-in findings.
    expect(report).toMatch(/Graph findings:\n• Sign-ins 2026-03-02T03:00:00.000Z to 2026-03-03T03:00:00.000Z: [1-9]\d* in total/);
    expect(report).toMatch(/Note: Conditional Access policy "Block legacy" was edited at 02:41/);

    // The manager's page no longer asks for an acknowledgement.
    const page = h.dms('ivan')[0]!.message;
    expect(page.buttons).toBeUndefined();
    expect(textOf(page)).toMatch(/The incident was closed at \d\d:\d\d UTC by Alice/);
  });

  it('commands about the channel\'s incident now say none is open; reopen brings it back with its timers', async () => {
    expect(await h.say('bob', 'done 2')).toMatch(/^No incident is open in this channel/);
    expect(await h.say('bob', 'reopen')).toBe(`${id} is open again.`);
    expect(await h.say('bob', 'reopen')).toBe('This incident is already open.');
    expect(textOf(h.notice('Incident reopened'))).toMatch(/Bob [^ ]* reopened the incident/);
    expect(h.checklist(id).header?.title).toBe('Break glass: Helpdesk cannot reach any admin');

    // Step 1 is still open: the pages that said "closed" ask again, on the same DM cards.
    expect(h.pages('ivan')).toHaveLength(1);
    expect(h.pages('judy')).toHaveLength(1);
    expect(labels(h.pages('ivan')[0]!.message)).toEqual(['Acknowledge']);
    expect(labels(h.pages('judy')[0]!.message)).toEqual(['Acknowledge']);
    await h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan');
    expect(stepState(h.checklist(id), 1)).toBe('done');
  });

  it('`commander @bob` hands the incident over; the card and later stall pings name him', async () => {
    await h.say('alice', 'commander @bob');
    expect(textOf(h.notice('New commander'))).toMatch(/^Bob [^ ]* is now the commander \(set by Alice/m);
    expect(textOf(h.checklist(id))).toMatch(/Commander: Bob/);
    expect(await h.say('alice', 'commander @bob')).toMatch(/^Bob [^ ]* is already the commander\./);
    await h.advance(30 * MINUTE);
    expect(textOf(h.notice('Incident stalled'))).toMatch(/^Bob [^,]*, no step has moved for 30m/m);
  });
});
