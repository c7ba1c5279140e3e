import { button, IncidentHarness, MINUTE, START, stepState, textOf } from './incident-harness';

const at = (hhmm: string) => Date.parse(`2026-03-03T${hhmm}:00Z`);

/**
 * The bot process stops and a new one opens the same SQLite file: a fresh
 * router, runtime, timer dispatcher and Graph connection. The chat platform
 * (the fake) is the same one, as Slack or Teams would be.
 */
describe('a restart in the middle of an incident loses nothing', () => {
  let h: IncidentHarness;
  let id = '';
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('effects committed just before a crash are delivered by the next process, once', async () => {
    id = await h.startIncident('alice', 'start Admin portal rejects every admin', undefined, { tick: false });
    expect(h.chat.messages).toHaveLength(0);

    await h.restart();
    await h.bot.tick();
    expect(h.checklist(id).header?.title).toBe('Break glass: Admin portal rejects every admin');
    expect(h.dms('ivan')).toHaveLength(1);
    expect(h.notices().map((m) => m.header?.title)).toEqual(['Sign-in review (step 5)', 'Step 6 (Check hybrid federation (AD FS)): done', 'Privileged mailboxes (step 7)']);

    await h.restart();
    await h.bot.tick();
    expect(h.chat.messages).toHaveLength(5);
  });

  it('progress and a half-done two-person checkout survive; status shows where the incident stands', async () => {
    h.clock.advance(5 * MINUTE);
    await h.click('alice', button(h.checklist(id), 'Playbook reviewed'));
    await h.click('alice', button(h.checklist(id), 'Use bg-01@contoso.onmicrosoft.com'));

    await h.restart();
    const status = await h.say('bob', 'status');
    expect(status).toMatch(/2\. Review the attack playbook \(done, Alice [^)]*\)/);
    expect(status).toMatch(/3\. Access a break-glass account \(in progress, Alice [^)]*\) Alice [^ ]* chose bg-01@contoso.onmicrosoft.com; waiting for a second responder/);

    // The timers the first process set are still there, at their original due times.
    const timers = (await h.bot.runtime.get(id))!.timers.map((t) => t.dueAt).sort();
    expect(timers).toEqual([at('03:10'), at('03:30'), at('03:35')]); // ack, mailbox reminder, stall

    // The new process updates the card the old one posted, in place.
    expect(await h.click('alice', button(h.checklist(id), 'Confirm bg-01@contoso.onmicrosoft.com'))).toMatch(/^The two-person rule needs a second responder/);
    await h.click('bob', button(h.checklist(id), 'Confirm bg-01@contoso.onmicrosoft.com'));
    expect(stepState(h.checklist(id), 3)).toBe('done');
    expect(h.checklistPost(id).history.length).toBeGreaterThan(3);
    expect(h.chat.messages.filter((m) => !m.ref.threadId && !m.dmTo)).toHaveLength(1);
  });

  it('the acknowledgement timer fires at its due time in the new process and pages level 1', async () => {
    await h.advance(at('03:10') - 1 - h.clock.now());
    expect(h.dms('judy')).toHaveLength(0);
    await h.advance(1);
    expect(h.dms('judy')).toHaveLength(1);
    expect(textOf(h.dms('judy')[0]!.message)).toContain('Paged: 03:10 UTC (escalation level 1');
  });

  it('the mailbox reminder and the stall ping fire at theirs, across another restart', async () => {
    await h.advance(at('03:30') - h.clock.now());
    expect(textOf(h.notice('Monitor privileged mailboxes (step 7)'))).toMatch(/^Reminder 1: step 7 is still open/m);

    h.clock.advance(1 * MINUTE);
    await h.restart();
    await h.advance(at('03:35') - 1 - h.clock.now());
    expect(h.notices().filter((m) => m.header?.title === 'Incident stalled')).toHaveLength(0);
    await h.advance(1);
    // Last progress was bob's confirmation at 03:05; thirty quiet minutes later the commander hears.
    expect(textOf(h.notice('Incident stalled'))).toMatch(/^Alice [^,]*, no step has moved for 30m\. Open steps: 1, 4, 7 and 8\./m);

    await h.advance(at('04:00') - h.clock.now());
    expect(h.notices().filter((m) => m.header?.title === 'Monitor privileged mailboxes (step 7)')).toHaveLength(2);
    expect(START).toBe(at('03:00'));
  });
});
