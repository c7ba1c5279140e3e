import { PEOPLE } from '../../../sim';
import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { button, MINUTE, MonitorHarness, ROOM, textOf } from './monitor-harness';
import { emergencySignIn } from './sim-records';

const BG01 = PEOPLE.bg01.upn;

/**
 * Step 3 after the two-person checkout: the monitor reads the account's
 * sign-in from the (simulated) Graph sign-in log and the incident says so,
 * once, on the checklist and in a notice.
 */
describe("step 3 watches for the checked-out account's sign-in", () => {
  let h: MonitorHarness;
  let incidentId = '';

  beforeAll(async () => {
    h = await MonitorHarness.start({ scenario: 'quiet' });
    await h.poll(); // the quiet tenant's own alerts, out of the way
    const reply = await h.say('alice', 'start Conditional Access locked every admin out');
    incidentId = /Incident (BG-[A-Z0-9]+) is open/.exec(reply ?? '')![1]!;
    const checklist = h.chat.inConversation(ROOM).find((m) => (m.message.buttons ?? []).some((b) => b.label === `Use ${BG01}`))!;
    await h.click('alice', button(checklist.message, `Use ${BG01}`), undefined, ROOM);
    await h.click('bob', button(h.chat.messages.find((m) => m.ref.messageId === checklist.ref.messageId)!.message, `Confirm ${BG01}`), undefined, ROOM);
  });

  afterAll(async () => {
    await h.stop();
  });

  const signInNotices = () => h.chat.inConversation(ROOM).filter((m) => m.message.header?.title === `Emergency account ${BG01} signed in (step 3)`);
  const incident = async () => (await h.bot.runtime.get<BreakGlassContext>(incidentId))!.context;

  it('says nothing while the log shows no sign-in', async () => {
    h.clock.advance(3 * MINUTE);
    await h.poll();
    expect(signInNotices()).toEqual([]);
    expect((await incident()).emergencyUse[0]?.firstSignIn).toBeUndefined();
  });

  it('posts the sign-in when it appears in the log, and notes it on step 3', async () => {
    const confirmedAt = (await incident()).emergencyUse[0]!.since;
    // Signed in 4 minutes after the confirmation; the log shows it a few minutes later.
    h.sim.addSignIns([emergencySignIn('bg01', confirmedAt + 4 * MINUTE, 'checkout-bg01-1')], { delayMs: 3 * MINUTE });
    h.clock.advance(10 * MINUTE);
    await h.poll();

    const [notice] = signInNotices();
    expect(textOf(notice!.message)).toMatch(new RegExp(`${BG01.replace(/\./g, '\\.')} signed in at \\d\\d:\\d\\d UTC, 4 minutes after Bob [^ ]* confirmed its use\\. Break-glass account sign-in .*succeeded\\. \\(alert AL-\\w+\\)`));
    const ctx = await incident();
    expect(ctx.emergencyUse[0]).toMatchObject({ signIns: 1, firstSignIn: { at: confirmedAt + 4 * MINUTE } });
    expect(ctx.steps[2]?.notes.at(-1)).toMatch(new RegExp(`^${BG01.replace(/\./g, '\\.')} signed in at \\d\\d:\\d\\d UTC \\(seen in the sign-in log\\)$`));
    const checklist = h.chat.inConversation(ROOM).find((m) => m.history[0]!.fallbackText.startsWith(`Break-glass incident ${incidentId}`))!;
    expect(textOf(checklist.message)).toContain('(seen in the sign-in log)');
  });

  it('reading the same window again posts nothing twice; a later sign-in goes on the timeline only', async () => {
    await h.poll();
    expect(signInNotices()).toHaveLength(1);

    const confirmedAt = (await incident()).emergencyUse[0]!.since;
    h.sim.addSignIns([emergencySignIn('bg01', confirmedAt + 20 * MINUTE, 'checkout-bg01-2')]);
    h.clock.advance(10 * MINUTE);
    await h.poll();
    expect(signInNotices()).toHaveLength(1);
    const ctx = await incident();
    expect(ctx.emergencyUse[0]?.signIns).toBe(2);
    expect(ctx.timeline.filter((e) => e.step === 3 && e.text.startsWith('Monitor (alert '))).toHaveLength(2);
  });

  it('the close report says when the account signed in', async () => {
    await h.say('alice', 'close Access restored');
    const report = h.chat.inConversation(ROOM).find((m) => m.message.header?.title.startsWith('Incident report'));
    expect(textOf(report!.message)).toMatch(new RegExp(`${BG01.replace(/\./g, '\\.')} signed in 2 times during its use, first at \\d\\d:\\d\\d UTC\\.`));
  });
});
