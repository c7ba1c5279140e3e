import { PEOPLE } from '../../../sim';
import type { PostedMessage } from '../../fakes/fake-chat';
import { alertIdOf, button, MINUTE, MonitorHarness, ruleOf, SECURITY, textOf } from './monitor-harness';
import { badPasswordFromMoscow } from './sim-records';

/**
 * Acknowledge, Open incident and Mark false positive on the alert cards of
 * the under-attack tenant: each click is an event on the alert's workflow,
 * so it survives a restart, is in the audit log, and is refused (with a
 * reason) when it no longer applies.
 */
describe('the buttons on an alert card', () => {
  let h: MonitorHarness;

  beforeEach(async () => {
    h = await MonitorHarness.start({ scenario: 'under-attack' });
    await h.poll();
  });

  afterEach(async () => {
    await h.stop();
  });

  const card = (rule: string, who: string): PostedMessage => {
    const found = h.securityAlerts().find((m) => ruleOf(m.message) === rule && textOf(m.message).includes(`Who: ${who}`));
    if (!found) throw new Error(`no ${rule} card for ${who}`);
    return found;
  };

  it('Mark false positive needs a reason and a responder, then silences the pattern for the configured time, across a restart', async () => {
    const carol = PEOPLE.carol.upn;
    const alert = card('signin.unapproved-location', carol).message;
    const mark = button(alert, 'Mark false positive');
    expect(mark.input?.required).toBe(true);

    expect(await h.click('alice', mark, { reason: '   ' })).toMatch(/Say why this is a false positive/);
    // carol is an approver, not a responder or security officer.
    expect(await h.click('carol', mark, { reason: 'it was me on holiday' })).toMatch(/Only a security officer or a configured responder can mark an alert a false positive/);
    expect(await h.audit('authz.denied')).toHaveLength(1);

    expect(await h.click('alice', mark, { reason: 'Carol is travelling; VPN exit in Moscow' })).toBeUndefined();
    const marked = card('signin.unapproved-location', carol).message;
    expect(textOf(marked)).toMatch(/Status: False positive \(Alice Admin, .*\): Carol is travelling; VPN exit in Moscow\. Suppressed until 2026-01-08 15:00Z/);
    expect(marked.buttons ?? []).toEqual([]);
    expect((await h.audit('alert.false-positive'))[0]?.data).toMatchObject({ event: expect.objectContaining({ reason: 'Carol is travelling; VPN exit in Moscow' }) });

    await h.restart();
    // Three hours later carol signs in from Moscow again: folded into the marked alert, nothing new is posted.
    const cardsBefore = h.securityAlerts().length;
    h.clock.advance(3 * 60 * MINUTE);
    h.sim.addSignIns([badPasswordFromMoscow('carol', h.clock.now() - 5 * MINUTE, 'carol-again')]);
    const report = await h.poll();
    expect(report.findings.some((f) => f.ruleId === 'signin.unapproved-location' && f.subject === carol && f.dedupeKey.endsWith('|ru'))).toBe(true);
    expect(h.securityAlerts().length).toBe(cardsBefore);
    expect(textOf(card('signin.unapproved-location', carol).message)).toContain('1 repeat arrived after the false-positive mark and did not alert again.');

    // The mark runs out after a day: the same pattern alerts again.
    h.clock.advance(24 * 60 * MINUTE);
    h.sim.addSignIns([badPasswordFromMoscow('carol', h.clock.now() - 5 * MINUTE, 'carol-next-day')]);
    await h.poll();
    const carolsCards = h.securityAlerts().filter((m) => ruleOf(m.message) === 'signin.unapproved-location' && textOf(m.message).includes(`Who: ${carol}`));
    expect(carolsCards.map((m) => m.message.buttons?.map((b) => b.label))).toEqual([[], ['Acknowledge', 'Open incident', 'Mark false positive']]);
  });

  it('Open incident starts one break-glass incident pre-filled from the alert, whoever clicks', async () => {
    const frank = PEOPLE.frank.upn;
    const alert = card('audit.role-assigned-outside-pim', frank).message;
    const alertId = alertIdOf(alert);

    expect(await h.click('ivan', button(alert, 'Open incident'))).toMatch(/Only a configured responder can open an incident from an alert/);
    const reply = await h.click('alice', button(alert, 'Open incident'));
    const incidentId = /Incident (BG-[A-Z0-9]+) is open/.exec(reply ?? '')?.[1];
    expect(incidentId).toBeDefined();

    const checklist = h.chat.inConversation(SECURITY).find((m) => m.message.fallbackText.startsWith(`Break-glass incident ${incidentId} `));
    expect(textOf(checklist!.message)).toContain(`Role assigned outside PIM: ${frank} (alert ${alertId})`);
    const incident = await h.bot.runtime.get<{ timeline: Array<{ text: string }> }>(incidentId!);
    expect(incident?.context.timeline.some((e) => e.text.includes(`Opened from alert ${alertId}`) && e.text.includes('Global Administrator'))).toBe(true);

    const after = card('audit.role-assigned-outside-pim', frank).message;
    expect(textOf(after)).toContain(`Status: Incident ${incidentId} opened by Alice Admin`);
    expect(after.buttons ?? []).toEqual([]);

    // bob clicks the same (stale) button a moment later: no second incident.
    expect(await h.click('bob', button(alert, 'Open incident'))).toMatch(new RegExp(`Incident ${incidentId} was already opened for this alert by Alice Admin`));
    expect(await h.bot.storage.listWorkflows({ kind: 'break-glass' })).toHaveLength(1);
  });

  it('Acknowledge records who saw it, once', async () => {
    const alert = card('audit.pim-alert-disabled', PEOPLE.erin.upn).message;
    expect(await h.click('ivan', button(alert, 'Acknowledge'))).toBeUndefined();
    const acked = card('audit.pim-alert-disabled', PEOPLE.erin.upn).message;
    expect(textOf(acked)).toMatch(/Status: Acknowledged by Ivan Ivanov at 2026-01-07 15:00Z/);
    expect(acked.buttons?.map((b) => b.label)).toEqual(['Open incident', 'Mark false positive']);
    expect(await h.click('judy', button(alert, 'Acknowledge'))).toBe('Ivan Ivanov already acknowledged this alert.');
    expect(await h.audit('alert.ack')).toHaveLength(1);
  });

  it('a click on an alert card that missed its update is refused, and that card catches up', async () => {
    const posted = card('audit.pim-alert-disabled', PEOPLE.erin.upn);
    h.chat.failNext = 1; // the card update after Ivan's acknowledgement fails for now
    expect(await h.click('ivan', button(posted.message, 'Acknowledge'))).toBeUndefined();
    expect(posted.message.buttons?.map((b) => b.label)).toContain('Acknowledge');

    const ack = button(posted.message, 'Acknowledge');
    const refused = await h.bot.router.handle({
      type: 'action',
      actionId: ack.actionId,
      value: ack.value,
      message: posted.ref,
      deliveryKey: 'judy-late-ack',
      actor: { platform: 'playground', platformUserId: 'judy' },
      place: { platform: 'playground', conversationId: SECURITY },
      receivedAt: h.clock.now(),
    });
    expect(refused && 'text' in refused ? refused.text : undefined).toBe('Ivan Ivanov already acknowledged this alert.');
    await h.bot.tick();
    expect(textOf(posted.message)).toMatch(/Status: Acknowledged by Ivan Ivanov/);
    expect(posted.message.buttons?.map((b) => b.label)).not.toContain('Acknowledge');
  });
});
