import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, button, ElevationBot, INCIDENT_ROOM, MINUTE, requestIdIn, type SimulatedTenant, eachElevationWorld } from './elevation-harness';

/** playgroundConfig's defaults: remind after 10m, escalate after 20m, expire after 45m. */
describe('an undecided elevation escalates on the simulated clock', () => {
  let tenant: SimulatedTenant;
  let bot: ElevationBot;
  eachElevationWorld((w) => ({ tenant, bot } = w));

  it('T1 reminds the approvers, T2 brings in the managers with the card, T3 expires it and tells everyone', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.approvalCard(id);
    const asPosted = card.message;

    // Nothing before T1.
    await bot.advance(10 * MINUTE - 1);
    expect(bot.notices(APPROVERS)).toEqual([]);

    // T1 (15:10): the approvers channel and each approver directly.
    await bot.advance(1);
    expect(bot.notices(APPROVERS)).toEqual([expect.stringContaining("Alice Admin's request for Global Administrator (30m) has waited 10m for a decision. It needs 1 more approval")]);
    for (const approver of ['carol', 'erin', 'judy'] as const) expect(bot.dmTexts(approver)).toEqual([expect.stringContaining('Reminder: Global Administrator request waiting')]);
    expect(bot.dmTexts('ivan')).toEqual([]);

    // T2 (15:20): the manager chain gets the live card; the channel is told.
    await bot.advance(10 * MINUTE);
    expect(bot.notices(APPROVERS).at(-1)).toContain('escalated to the manager chain (2 people), who now have the card');
    const ivanCard = bot.chat.dmsTo('ivan');
    expect(ivanCard).toHaveLength(1);
    expect(FakeChat.textOf(ivanCard[0]!.message)).toContain('Escalated to you at 15:20 UTC: no approver has decided yet. Remind the approvers, or find one.');
    expect(bot.chat.dmsTo('judy').map((m) => m.message.header?.title)).toEqual(['Reminder: Global Administrator request waiting', 'Global Administrator for Alice Admin (30m)']);

    // T3 (15:45): expired; every card copy says so with no buttons; requester, channel and managers told.
    await bot.advance(25 * MINUTE - 1);
    expect((await bot.context(id)).phase).toBe('awaiting-approval');
    await bot.advance(1);
    expect((await bot.context(id)).phase).toBe('expired');
    const copies = bot.cardCopies(id);
    expect(copies.map((c) => c.ref.conversationId).sort()).toEqual([APPROVERS, 'dm:ivan', 'dm:judy', INCIDENT_ROOM]);
    for (const copy of copies) {
      expect(FakeChat.textOf(copy.message)).toContain('Expired at 15:45 UTC without a decision. Nothing was granted.');
      expect(copy.message.buttons ?? []).toEqual([]);
    }
    expect(bot.notices(APPROVERS).at(-1)).toContain("Alice Admin's Global Administrator request expired at 15:45 UTC");
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('Your Global Administrator request expired')]);
    for (const manager of ['ivan', 'judy'] as const) expect(bot.dmTexts(manager).at(-1)).toContain('Expired: Global Administrator request');

    // A click on the expired request is refused politely; Graph is never asked.
    expect(await bot.click('carol', button(asPosted, 'elevation.approve'))).toBe('This request expired without a decision at 15:45 UTC.');
    expect(tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests')).toEqual([]);

    // Timers are spent: nothing more is posted later.
    const posted = bot.chat.messages.length;
    await bot.advance(3 * 60 * MINUTE);
    expect(bot.chat.messages.length).toBe(posted);
  });

  it('an escalated manager acts from the ping: a manager who is not an approver reminds the approvers from it', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await bot.advance(20 * MINUTE);
    const ping = bot.chat.dmsTo('ivan')[0]!.message;
    // Ivan is a manager, not an approver: what fits his role is chasing the approvers, not a dead Approve.
    expect((ping.buttons ?? []).map((b) => b.label)).toEqual(['Remind the approvers']);
    expect(FakeChat.textOf(ping)).toContain('Escalated to you at 15:20 UTC: no approver has decided yet. Remind the approvers, or find one.');

    const remindersBefore = bot.dmTexts('carol').length;
    expect(await bot.click('ivan', button(ping, 'elevation.nudge'))).toBe(`The approvers of ${id} were reminded.`);
    expect(bot.dmTexts('carol')).toHaveLength(remindersBefore + 1);
    expect(bot.dmTexts('carol').at(-1)).toContain('Reminder: Global Administrator request waiting');
    expect(bot.notices(APPROVERS).at(-1)).toContain('has waited 20m for a decision');
    // Someone who is neither a manager nor an approver cannot use it.
    expect(await bot.click('bob', button(ping, 'elevation.nudge'))).toMatch(/^Only (a|an) .* can remind the approvers\./);

    // Once decided, the ping's button is gone and an old click says why.
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));
    expect((bot.chat.dmsTo('ivan')[0]!.message.buttons ?? []).map((b) => b.actionId)).not.toContain('elevation.nudge');
    expect(await bot.click('ivan', button(ping, 'elevation.nudge'))).not.toContain('were reminded');
  });

  it('a decision before T1 cancels every escalation timer', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await bot.advance(5 * MINUTE);
    await bot.click('carol', button(bot.approvalCard(id).message, 'elevation.approve'));
    await bot.advance(25 * MINUTE); // past T1 and T2, just before the grant ends at 15:35
    expect(bot.notices(APPROVERS)).toEqual([]);
    expect(bot.dmTexts('ivan')).toEqual([]);
    expect((await bot.context(id)).phase).toBe('active');
  });
});
