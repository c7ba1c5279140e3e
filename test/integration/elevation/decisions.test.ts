import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { GROUP, userId, ROLE } from '../../../sim';
import type { DisposableTestStorage } from '../../support/storages';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, button, INCIDENT_ROOM, ElevationBot, MINUTE, requestIdIn, timeBoundAssignments, type SimulatedTenant, eachElevationWorld, withoutPimMfaEvidence } from './elevation-harness';
import { outcomeReply } from '../../../bot/core/outcome';

describe('deciding an elevation on the card', () => {
  let tenant: SimulatedTenant;
  let db: DisposableTestStorage;
  let bot: ElevationBot;
  eachElevationWorld((w) => ({ tenant, db, bot } = w));

  const posts = () => tenant.sim.requests.filter((r) => r.method === 'POST' && r.route === 'assignmentRequests');
  const card = (id: string) => bot.approvalCard(id).message;
  const audit = async (id: string) => db.storage.listAudit({ workflowId: id });

  it('deny needs a reason; with one, every copy shows who denied and why, alice is told, nothing is granted', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const asPosted = card(id);
    await bot.advance(3 * MINUTE);

    expect(await bot.click('erin', button(card(id), 'elevation.deny'))).toBe('Please give a reason when you deny a request.');
    expect(await bot.click('erin', button(card(id), 'elevation.deny'), { reason: '   ' })).toBe('Please give a reason when you deny a request.');
    expect((await bot.context(id)).phase).toBe('awaiting-approval');

    expect(await bot.click('erin', button(card(id), 'elevation.deny'), { reason: 'change freeze until Monday' })).toBe('');
    for (const copy of bot.cardCopies(id)) {
      expect(FakeChat.textOf(copy.message)).toContain('Denied by Erin Example at 15:03 UTC: change freeze until Monday.');
      expect(copy.message.buttons ?? []).toEqual([]);
    }
    expect(bot.dmTexts('alice')).toEqual([expect.stringContaining('Your Global Administrator request was denied')]);
    expect(bot.dmTexts('alice')[0]).toContain('change freeze until Monday');
    expect(posts()).toEqual([]);

    // A late click on the decided request (from a copy that had not refreshed yet) is refused politely, and changes nothing.
    expect(await bot.click('carol', button(asPosted, 'elevation.approve'))).toBe('This request was already denied by Erin Example at 15:03 UTC: change freeze until Monday.');
    expect(posts()).toEqual([]);
    expect((await audit(id)).filter((a) => a.type === 'elevation.deny').map((a) => a.data.actorName)).toEqual(['Erin Example']);
  });

  it('the requester withdraws from their own copy of the card; a later approve is refused politely', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const asPosted = card(id);
    const own = bot.cardCopies(id).find((c) => c.ref.conversationId === INCIDENT_ROOM)!;
    expect(own.message.buttons?.map((b) => b.label)).toEqual(['Withdraw']);
    await bot.advance(MINUTE);
    expect(await bot.click('alice', button(own.message, 'elevation.withdraw'))).toBe('');
    for (const copy of bot.cardCopies(id)) expect(FakeChat.textOf(copy.message)).toContain('Withdrawn by Alice Admin at 15:01 UTC.');
    expect(await bot.click('carol', button(asPosted, 'elevation.approve'))).toBe('This request was withdrawn by Alice Admin at 15:01 UTC.');
    expect(posts()).toEqual([]);
  });

  it('the requester cannot approve their own request: told privately, audited, request untouched', async () => {
    // Carol is an approver and eligible for Security Administrator.
    const id = requestIdIn(await bot.say('carol', 'elevate Security Administrator for 1h because triage the phishing alerts'));
    const before = bot.chat.messages.length;

    expect(await bot.click('carol', button(card(id), 'elevation.approve'))).toBe("You can't approve your own request.");
    expect(bot.chat.messages.length).toBe(before); // nothing public
    // A refusal is shown privately: what every adapter renders from it is ephemeral.
    expect(outcomeReply(bot.lastReply)).toMatchObject({ ephemeral: true });
    expect((await bot.context(id)).approvals).toEqual([]);
    expect(posts()).toEqual([]);
    expect(await audit(id)).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'elevation.approve.ignored', actorEntraId: userId('carol') })]));

    // Another approver can.
    expect(await bot.click('judy', button(card(id), 'elevation.approve'))).toBe('');
    expect(timeBoundAssignments(tenant.sim, 'carol', ROLE.securityAdministrator)).toHaveLength(1);
  });

  it('someone who is not an approver is refused privately and audited', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const before = bot.chat.messages.length;

    expect(await bot.click('bob', button(card(id), 'elevation.approve'))).toMatch(/^Only an approver can approve elevations\. \(ref [\w-]+\)$/);
    expect(await bot.click('ivan', button(card(id), 'elevation.deny'), { reason: 'no' })).toMatch(/^Only an approver can deny elevations\. \(ref [\w-]+\)$/);
    // A refusal is shown privately: what every adapter renders from it is ephemeral.
    expect(outcomeReply(bot.lastReply)).toMatchObject({ ephemeral: true });
    expect(bot.chat.messages.length).toBe(before);
    expect((await bot.context(id)).phase).toBe('awaiting-approval');
    expect((await audit(id)).filter((a) => a.type === 'authz.denied').map((a) => a.actorEntraId)).toEqual([userId('bob'), userId('ivan')]);
    expect(posts()).toEqual([]);
  });

  it('approvers are checked at the click, not when the card was posted: someone taken out of the approver group is refused', async () => {
    await bot.stop();
    const config = withoutPimMfaEvidence(playgroundConfig());
    config.roles.approvers = [`group:${GROUP.approvers}`]; // PIM Approvers: carol, erin, judy
    bot = await ElevationBot.create(tenant, { storage: db.storage, config });
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    expect(button(card(id), 'elevation.approve').visibleTo).toEqual(expect.arrayContaining([userId('erin')]));

    // Erin leaves the approver group in Entra after the card went out.
    const group = tenant.sim.data.groups.find((g) => g.id === GROUP.approvers)!;
    group.memberIds = group.memberIds.filter((m) => m !== userId('erin'));
    expect(await bot.click('erin', button(card(id), 'elevation.approve'))).toMatch(/^Only an approver can approve elevations\./);
    expect(posts()).toEqual([]);
    expect(await bot.click('judy', button(card(id), 'elevation.approve'))).toBe('');
    expect(posts()).toHaveLength(1);
  });

  it('Privileged Role Administrator needs two different approvers (2 of 3)', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate Privileged Role Administrator for 45m because rotate the PIM approvers ticket INC-7'));
    expect(FakeChat.textOf(card(id))).toContain('Approvals: 0 of 2');

    await bot.advance(MINUTE);
    expect(await bot.click('carol', button(card(id), 'elevation.approve'))).toBe('');
    expect(FakeChat.textOf(card(id))).toContain('Approvals: 1 of 2: Carol Admin');
    expect(FakeChat.textOf(card(id))).toContain('Waiting for 1 more approval');
    expect(card(id).buttons?.map((b) => b.label)).toEqual(['Approve', 'Deny']);
    expect(posts()).toEqual([]);

    // The same approver twice does not count twice.
    expect(await bot.click('carol', button(card(id), 'elevation.approve'))).toBe('You already approved this request; it needs 1 more approval from someone else.');
    expect(posts()).toEqual([]);

    await bot.advance(MINUTE);
    expect(await bot.click('judy', button(card(id), 'elevation.approve'))).toBe('');
    expect(posts()).toHaveLength(1);
    expect(timeBoundAssignments(tenant.sim, 'alice', ROLE.privilegedRoleAdministrator)).toEqual([
      expect.objectContaining({ endDateTime: new Date(bot.clock.now() + 45 * MINUTE).toISOString() }),
    ]);
    expect(FakeChat.textOf(card(id))).toContain('Approved by Carol Admin and Judy Jones at 15:02 UTC');
    expect(await bot.click('erin', button(bot.chat.inConversation(APPROVERS)[0]!.history[0]!, 'elevation.approve'))).toBe(
      'This request was already approved by Carol Admin and Judy Jones at 15:02 UTC.',
    );
  });
});
