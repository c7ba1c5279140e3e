import { PEOPLE } from '../../../sim';
import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { button, MINUTE, MonitorHarness, ROOM, ruleOf, SECURITY, textOf } from './monitor-harness';
import { emergencySignIn } from './sim-records';

const BG01 = PEOPLE.bg01.upn;

/**
 * A break-glass sign-in is the loudest alert, unless the incident declared
 * it: then it is posted into that incident and nobody is paged about it.
 */
describe('emergency account sign-ins and declared break-glass use', () => {
  let h: MonitorHarness;

  beforeEach(async () => {
    h = await MonitorHarness.start({ scenario: 'quiet' });
    await h.poll(); // the quiet tenant's own alerts (erin's name), out of the way
  });

  afterEach(async () => {
    await h.stop();
  });

  const breakGlassCards = () => h.chat.messages.filter((m) => ruleOf(m.message) === 'emergency.sign-in');

  it('during a declared incident: the alert goes into the incident, with a note on its timeline, and pages nobody', async () => {
    const reply = await h.say('alice', 'start Conditional Access locked every admin out');
    const incidentId = /Incident (BG-[A-Z0-9]+) is open/.exec(reply ?? '')![1]!;
    const checklist = h.chat.inConversation(ROOM).find((m) => (m.message.buttons ?? []).some((b) => b.label === `Use ${BG01}`))!;
    await h.click('alice', button(checklist.message, `Use ${BG01}`), undefined, ROOM);
    await h.click('bob', button(h.chat.messages.find((m) => m.ref.messageId === checklist.ref.messageId)!.message, `Confirm ${BG01}`), undefined, ROOM);
    const pagesBefore = h.dms('ivan').length; // the incident's own page to the managers

    h.sim.addSignIns([emergencySignIn('bg01', h.clock.now() + MINUTE, 'declared-bg01')]);
    h.clock.advance(3 * MINUTE);
    const report = await h.poll();

    expect(report.findings.filter((f) => f.ruleId === 'emergency.sign-in').map((f) => f.expectedUse)).toEqual([incidentId]);
    const [card] = breakGlassCards();
    expect(card?.ref.conversationId).toBe(ROOM);
    expect(card?.message.header?.label).toContain('EXPECTED');
    expect(textOf(card!.message)).toContain(`declared in incident ${incidentId}`);
    expect(card?.message.buttons?.map((b) => b.label)).not.toContain('Open incident');
    expect(h.chat.inConversation(SECURITY).filter((m) => ruleOf(m.message) === 'emergency.sign-in')).toEqual([]);
    expect(h.dms('ivan').length).toBe(pagesBefore);
    expect(h.dms('judy')).toEqual([]);

    const incident = await h.bot.runtime.get<BreakGlassContext>(incidentId);
    expect(incident?.context.timeline.map((e) => e.text).find((t) => t.includes('Monitor'))).toMatch(/bg-01@contoso\.onmicrosoft\.com signed in at .*Break-glass account sign-in/);

    // Ten minutes on, nobody is paged about it either.
    await h.advance(11 * MINUTE);
    expect(h.dms('judy').filter((m) => /alert/i.test(m.message.header?.title ?? ''))).toEqual([]);
  });

  it('outside any incident: a card in the security channel and a page up the manager chain until someone acknowledges', async () => {
    h.sim.addSignIns([emergencySignIn('bg01', h.clock.now() + MINUTE, 'undeclared-bg01')]);
    h.clock.advance(3 * MINUTE);
    await h.poll();

    const [card] = breakGlassCards();
    expect(card?.ref.conversationId).toBe(SECURITY);
    expect(card?.message.header?.title).toBe('Emergency account: Emergency access account sign-in');
    const [page] = h.dms('ivan');
    expect(page?.message.header?.title).toBe('Emergency account alert: please acknowledge');
    expect(button(page!.message, 'Acknowledge').value).toBe(/Alert (AL-\w+)/.exec(card!.message.context ?? '')![1]);
    expect(h.dms('judy')).toEqual([]);

    // Nobody answers within the ack timeout (10 minutes): the next level is paged.
    await h.advance(10 * MINUTE);
    const [judysPage] = h.dms('judy');
    expect(judysPage?.message.header?.title).toBe('Emergency account alert: please acknowledge');
    expect(textOf(judysPage!.message)).toContain('escalation level 1');

    expect(await h.click('judy', button(judysPage!.message, 'Acknowledge'), undefined, 'dm:judy')).toBeUndefined();
    const answered = (who: string) => h.dms(who)[0]!.message;
    expect(answered('judy').header?.title).toBe('Emergency account alert: answered');
    expect(answered('ivan').buttons ?? []).toEqual([]);
    expect(textOf(answered('ivan'))).toContain('Acknowledged by Judy Jones');
    const now = breakGlassCards()[0]!.message;
    expect(textOf(now)).toContain('Status: Acknowledged by Judy Jones');
    expect(now.buttons?.map((b) => b.label)).toEqual(['Open incident', 'Mark false positive']);

    // Acknowledged: the escalation stopped; nobody else is paged later.
    const dmsNow = h.chat.messages.filter((m) => m.dmTo).length;
    await h.advance(30 * MINUTE);
    expect(h.chat.messages.filter((m) => m.dmTo).length).toBe(dmsNow);
    expect((await h.audit('alert.ack')).map((e) => e.actorEntraId)).toEqual([h.config.people.judy!.entraObjectId]);
  });

  it('when nobody at any level answers, the security channel is told', async () => {
    h.sim.addSignIns([emergencySignIn('bg01', h.clock.now() + MINUTE, 'unanswered-bg01')]);
    h.clock.advance(3 * MINUTE);
    await h.poll();
    await h.advance(10 * MINUTE);
    await h.advance(10 * MINUTE);
    const notice = h.chat.inConversation(SECURITY).find((m) => m.message.header?.title === 'Nobody acknowledged the emergency account alert');
    expect(textOf(notice!.message)).toMatch(/Paged: ivan, judy/);
  });
});
