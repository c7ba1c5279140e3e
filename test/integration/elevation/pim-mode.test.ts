import { userId, ROLE, DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';
import { PIM_APPROVAL_URL } from '../../../workflows/pim-elevation/pim-links';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, ElevationBot, MINUTE, type SimulatedTenant, eachElevationWorld } from './elevation-harness';

/**
 * Exchange Administrator is `grantMode: pim` in playgroundConfig: PIM owns
 * the decision. Erin activates it in PIM (PendingApproval); the bot's PIM
 * watch puts the card in front of the approvers and follows PIM's status.
 */
describe('pim grant mode: the bot follows a request PIM decides', () => {
  let tenant: SimulatedTenant;
  let bot: ElevationBot;
  eachElevationWorld((w) => ({ tenant, bot } = w));

  function erinActivates(duration = 'PT2H') {
    return tenant.sim.createPendingApproval({ principalId: userId('erin'), roleDefinitionId: ROLE.exchangeAdministrator, justification: 'mailbox migration cutover', duration, ticketNumber: 'CHG-7' });
  }

  /** The one card the bot posted for a PIM request (cards carry the PIM request id in their footer). */
  function pimCards(pimRequestId: string) {
    return bot.chat.messages.filter((m) => m.message.fallbackText.startsWith('Elevation ') && (m.message.context ?? '').includes(`PIM request ${pimRequestId}`));
  }

  it('a PendingApproval request appears as one card with the PIM link; its approval in PIM updates the card and tells erin', async () => {
    const pending = erinActivates();
    expect(bot.chat.messages).toEqual([]);

    await bot.bot.tick();
    const cards = pimCards(pending.id);
    expect(cards).toHaveLength(1);
    const card = cards[0]!;
    expect(card.ref.conversationId).toBe(APPROVERS);
    const text = FakeChat.textOf(card.message);
    for (const fact of ['Requester: Erin Example', 'Role: Exchange Administrator', 'Duration: 2h', 'Justification: mailbox migration cutover', 'Ticket: CHG-7', 'Approvals: decided in PIM']) expect(text).toContain(fact);
    expect(text).toContain('Waiting for an approver to decide in PIM');
    expect(card.message.buttons).toEqual([expect.objectContaining({ label: 'Open in PIM', url: PIM_APPROVAL_URL })]);

    // Later polls (and other replicas) do not post it again.
    await bot.advance(MINUTE);
    await bot.bot.tick();
    expect(pimCards(pending.id)).toHaveLength(1);
    expect(bot.chat.messages).toHaveLength(1);

    // Carol approves in PIM at 15:04; the next poll updates the same card in place.
    await bot.advance(3 * MINUTE);
    tenant.sim.approveRequest(pending.id, userId('carol'));
    await bot.bot.tick();
    expect(pimCards(pending.id)).toHaveLength(1);
    expect(card.history.length).toBeGreaterThan(1);
    expect(FakeChat.textOf(card.message)).toContain('Approved by Carol Admin at 15:04 UTC; active until 17:04 UTC.');
    expect(card.message.buttons?.map((b) => b.label)).not.toContain('Open in PIM');
    expect(bot.dmTexts('erin')).toEqual([expect.stringContaining('You have Exchange Administrator')]);

    // At the end PIM removes it and the bot confirms through Graph.
    await bot.advance(2 * 60 * MINUTE);
    expect(bot.notices(APPROVERS)).toEqual([expect.stringContaining("Erin Example's Exchange Administrator elevation expired at 17:04 UTC")]);
    expect(FakeChat.textOf(card.message)).toContain('Ended at 17:04 UTC; Microsoft Graph confirms the role is gone.');
    expect(tenant.sim.activeAssignments().filter((a) => a.roleDefinitionId === ROLE.exchangeAdministrator)).toEqual([]);
    // The bot never granted anything itself in pim mode.
    expect(tenant.sim.data.requests.filter((r) => r.action === 'adminAssign')).toEqual([]);
  });

  it("Graph refuses the poll with only RoleManagement.Read.Directory (403, as real Graph does); the documented write permission lets it through", async () => {
    const listings = () => tenant.sim.requests.filter((r) => r.method === 'GET' && /roleAssignmentScheduleRequests/i.test(r.path));
    // What the README used to tell pim-mode users to grant: read-only role management.
    tenant.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'));
    expect(tenant.sim.grantedPermissions()).toContain('RoleManagement.Read.Directory');
    const pending = erinActivates();
    await bot.bot.tick();
    expect(listings().length).toBeGreaterThan(0);
    expect(listings().every((r) => r.status === 403)).toBe(true);
    expect(pimCards(pending.id)).toEqual([]);

    tenant.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS);
    const before = listings().length;
    await bot.advance(MINUTE);
    await bot.bot.tick();
    expect(listings().slice(before).every((r) => r.status === 200)).toBe(true);
    expect(pimCards(pending.id)).toHaveLength(1);
  });

  it('RoleManagement.ReadWrite.Directory instead also lets the poll through', async () => {
    tenant.sim.setGrantedPermissions([...DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'), 'RoleManagement.ReadWrite.Directory']);
    const pending = erinActivates();
    await bot.bot.tick();
    expect(pimCards(pending.id)).toHaveLength(1);
  });

  it('denied in PIM: the card says who denied it, buttons gone, erin told', async () => {
    const pending = erinActivates();
    await bot.bot.tick();
    await bot.advance(2 * MINUTE);
    tenant.sim.denyRequest(pending.id, userId('judy'));
    await bot.bot.tick();
    const card = pimCards(pending.id)[0]!;
    expect(FakeChat.textOf(card.message)).toContain('Denied by Judy Jones at 15:02 UTC.');
    expect(card.message.buttons ?? []).toEqual([]);
    expect(bot.dmTexts('erin')).toEqual([expect.stringContaining('Your Exchange Administrator request was denied')]);
  });

  it('cancelled in PIM by the requester: the card says so', async () => {
    const pending = erinActivates();
    await bot.bot.tick();
    await bot.advance(MINUTE);
    tenant.sim.cancelRequest(pending.id);
    await bot.bot.tick();
    expect(FakeChat.textOf(pimCards(pending.id)[0]!.message)).toContain('Withdrawn by Erin Example at 15:01 UTC (cancelled in PIM).');
  });

  it('undecided in PIM: approvers reminded with the PIM link, managers pinged, then told the bot stopped escalating while PIM still holds it', async () => {
    const pending = erinActivates();
    await bot.bot.tick();
    await bot.advance(10 * MINUTE);
    const reminder = bot.chat.inConversation(APPROVERS).find((m) => m.message.header?.title === 'Reminder: Exchange Administrator request waiting');
    expect(reminder?.message.buttons).toEqual([expect.objectContaining({ label: 'Open in PIM', url: PIM_APPROVAL_URL })]);
    expect(FakeChat.textOf(reminder!.message)).toContain('Please decide it in PIM.');

    await bot.advance(10 * MINUTE);
    expect(bot.chat.dmsTo('ivan').map((m) => m.message.header?.title)).toEqual(['Exchange Administrator for Erin Example (2h)']);

    await bot.advance(25 * MINUTE);
    expect(bot.notices(APPROVERS).at(-1)).toContain("Erin Example's Exchange Administrator request got no decision in PIM by 15:45 UTC. The bot has stopped escalating; the request is still pending in PIM");
    // PIM still owns it: a late approval there still reaches the card.
    tenant.sim.approveRequest(pending.id, userId('carol'));
    await bot.bot.tick();
    expect(FakeChat.textOf(pimCards(pending.id)[0]!.message)).toContain('Approved by Carol Admin at 15:45 UTC');
  });

  it('`elevate` for a pim-mode role points the requester to PIM instead of asking here', async () => {
    const reply = await bot.say('erin', 'elevate Exchange Administrator for 1h because mailbox migration');
    expect(reply).toContain('Exchange Administrator is approved in PIM: activate it in the PIM portal and the approvers will be asked here.');
  });
});
