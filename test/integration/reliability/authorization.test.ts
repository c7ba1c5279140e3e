import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { GROUP, userId } from '../../../sim';
import { parseConfig } from '../../../bot/config/load-config';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import { FakeChat, type PostedMessage } from '../../fakes/fake-chat';
import { APPROVERS, buttonOn, incidentIdIn, MINUTE, requestIdIn, SECOND, startTenant, TestBot, type Tenant } from './support/bot-harness';

/** Done, not refused: nothing at all, or the one-line answer every command now gets (a refusal ends with its reference). */
function expectAccepted(reply: string): void {
  expect(reply).not.toMatch(/\(ref [0-9a-f]{8}\)/);
  expect(reply.split('\n')).toHaveLength(1);
}

/**
 * Who may press what, checked at the moment of the click against the live
 * directory, and every refusal left in the audit trail. The bot is the real
 * one (createBot) on SQLite, over the simulated tenant's Graph.
 */
describe('authorization at the moment of the click', () => {
  let tenant: Tenant;
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
    await tenant.close();
  });

  const assignments = (who: 'alice' | 'carol' | 'erin') => tenant.sim.activeAssignments().filter((a) => a.principalId === userId(who) && a.endDateTime !== null);

  it('refuses and audits self-approval: the requester is an approver, but not of their own request', async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    const id = requestIdIn(await bot.say('carol', 'elevate Security Administrator for 1h because rotate the compromised app secret'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);

    expect(await bot.click('carol', card, 'elevation.approve')).toBe("You can't approve your own request.");

    expect(assignments('carol')).toEqual([]);
    expect(FakeChat.textOf(card.message)).toContain('Approvals: 0 of 1');
    const refused = await bot.audit('elevation.approve.ignored');
    expect(refused).toEqual([expect.objectContaining({ workflowId: id, actorEntraId: userId('carol') })]);
  });

  it('refuses an approver who left the approver group after the card was posted, and audits it', async () => {
    tenant = await startTenant();
    const base = { ...playgroundConfig(), elevation: { ...playgroundConfig().elevation, pimMfaEvidenceMinutes: 0 } };
    const config = parseConfig({ ...base, roles: { ...base.roles, approvers: [`group:${GROUP.approvers}`] } }, 'group-bound approvers');
    bot = await TestBot.start(tenant, { config });
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);

    // Erin is taken out of "PIM Approvers" in Entra while the card is up.
    const group = tenant.sim.data.groups.find((g) => g.id === GROUP.approvers)!;
    group.memberIds = group.memberIds.filter((m) => m !== userId('erin'));

    expect(await bot.click('erin', card, 'elevation.approve')).toMatch(/^Only an approver can approve elevations\. \(ref [0-9a-f]{8}\)$/);
    expect(assignments('alice')).toEqual([]);
    expect(await bot.audit('authz.denied')).toEqual([
      expect.objectContaining({ workflowId: id, actorEntraId: userId('erin'), data: { what: 'approve elevations', needed: ['approver'] } }),
    ]);

    // Carol is still in the group: her click is the one that counts.
    expectAccepted(await bot.click('carol', card, 'elevation.approve'));
    expect(assignments('alice')).toHaveLength(1);
  });

  it("refuses a manager acknowledging someone else's page, and audits it", async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    const incident = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));
    const ivansPage = bot.chat.dmsTo('ivan')[0]!;
    expect(ivansPage.message.buttons?.map((b) => b.actionId)).toEqual(['breakglass.ack']);

    // Judy is a manager too (the next level), but this page was sent to Ivan.
    const reply = await bot.click('judy', ivansPage, 'breakglass.ack');
    expect(reply).toMatch(/^This page was sent to Ivan .*; only they can acknowledge it\. \(ref [0-9a-f]{8}\)$/);
    expect(await bot.audit('authz.denied')).toEqual([expect.objectContaining({ workflowId: incident, actorEntraId: userId('judy'), data: expect.objectContaining({ what: 'acknowledge this page' }) })]);
    expect(FakeChat.textOf(ivansPage.message)).toContain('please acknowledge');

    // Ivan's own click works.
    expectAccepted(await bot.click('ivan', ivansPage, 'breakglass.ack'));
    expect(FakeChat.textOf(ivansPage.message)).toMatch(/Acknowledged by Ivan/);
  });

  it.each([
    ['an approver', 'carol', /^Only a configured responder can .+\. \(ref [0-9a-f]{8}\)$/],
    ['someone the config does not know', 'mallory', /^I can't match your chat account to an Entra user.* \(ref [0-9a-f]{8}\)$/],
  ])('refuses responder commands from %s, and audits each', async (_who, who, refusal) => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    const incident = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));

    for (const command of ['done 2', 'skip 6 cloud only', 'note the attacker is in', 'close all good', 'start another emergency']) {
      expect(await bot.say(who, command)).toMatch(refusal);
    }
    const denied = await bot.audit('authz.denied');
    expect(denied).toHaveLength(5);
    expect(denied.every((e) => e.actorPlatformId === `playground:${who}`)).toBe(true);
    expect(denied.filter((e) => e.workflowId === incident)).toHaveLength(4);
    expect(await bot.bot.runtime.list('break-glass')).toHaveLength(1);
  });
});

describe('stale cards: a click on a card that no longer matches the request', () => {
  let tenant: Tenant;
  let bot: TestBot;
  beforeEach(async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
  });
  afterEach(async () => {
    await bot.stop();
    await tenant.close();
  });

  const grants = () => tenant.sim.activeAssignments().filter((a) => a.principalId === userId('alice') && a.endDateTime !== null);
  const actionIds = (card: PostedMessage) => card.message.buttons?.map((b) => b.actionId) ?? [];

  /**
   * Card updates fail while `during` runs (the platform refuses edits for a moment): people keep seeing
   * the old buttons until the outbox retries. Every update fails, not just the next: a decision queues
   * several updates of one card and the newest supersedes the rest.
   */
  async function whileUpdatesFail<T>(during: () => Promise<T>): Promise<T> {
    bot.chat.updatesDown = true;
    try {
      return await during();
    } finally {
      bot.chat.updatesDown = false;
    }
  }

  it('after the decision: refused politely, and the clicked card is refreshed to show the decision', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    expectAccepted(await whileUpdatesFail(() => bot.click('carol', card, 'elevation.approve')));
    expect(actionIds(card)).toContain('elevation.approve');

    expect(await bot.click('erin', card, 'elevation.approve')).toBe('This request was already approved by Carol Admin at 03:00 UTC.');
    expect(actionIds(card)).not.toContain('elevation.approve');
    expect(FakeChat.textOf(card.message)).toContain('Approved by Carol Admin');
    expect(await bot.audit('elevation.approve.ignored')).toEqual([expect.objectContaining({ workflowId: id, actorEntraId: userId('erin') })]);

    // The delayed update and the grant go through once the platform is back: one assignment, Carol's.
    await bot.advance(10 * SECOND);
    expect(grants()).toHaveLength(1);
  });

  it('after expiry: refused, and the card is refreshed to say it expired', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    await bot.advance(44 * MINUTE);
    await whileUpdatesFail(() => bot.advance(MINUTE));
    expect(actionIds(card)).toContain('elevation.approve');

    expect(await bot.click('carol', card, 'elevation.approve')).toBe('This request expired without a decision at 03:45 UTC.');
    expect(actionIds(card)).toEqual([]);
    expect(FakeChat.textOf(card.message)).toMatch(/expired/i);
    expect(grants()).toEqual([]);
  });

  it('after revoke: refused, and the copy the clicker still had is refreshed', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    expectAccepted(await bot.click('carol', card, 'elevation.approve'));
    const withRevoke = card.history.find((m) => m.buttons?.some((b) => b.actionId === 'elevation.revoke'));
    expect(withRevoke).toBeDefined();
    expectAccepted(await bot.say('alice', `revoke ${id}`));
    expect(grants()).toEqual([]);
    const updates = card.history.length;

    // Judy's client still shows the card from before the revoke.
    const stale = bot.action('judy', buttonOn(withRevoke!, 'elevation.revoke'), { message: card });
    expect(await bot.deliver(stale)).toBe('This elevation was already revoked by Alice Admin at 03:00 UTC.');
    expect(card.history).toHaveLength(updates + 1);
    expect(actionIds(card)).not.toContain('elevation.revoke');
    expect(tenant.sim.data.requests.filter((r) => r.action === 'adminRemove')).toHaveLength(1);
  });

  it('refusals answer at once while the card update is slow, and a burst of clicks on one card costs one more update', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    expectAccepted(await whileUpdatesFail(() => bot.click('carol', card, 'elevation.approve')));
    const updates = card.history.length;

    const release = bot.chat.holdUpdates();
    const clickers = ['erin', 'judy', 'erin', 'judy', 'erin', 'judy'];
    const replies = await Promise.all(clickers.map((who) => bot.bot.router.handle(bot.action(who, buttonOn(card.message, 'elevation.approve'), { message: card }))));
    // Every refusal came back while the chat platform was still holding the update.
    expect(replies.map((r) => (r && 'text' in r ? r.text : ''))).toEqual(clickers.map(() => 'This request was already approved by Carol Admin at 03:00 UTC.'));
    expect(card.history).toHaveLength(updates);

    release();
    await bot.bot.tick();
    expect(actionIds(card)).not.toContain('elevation.approve');
    // The first refresh, then one for all the clicks that came while it waited.
    expect(card.history.length - updates).toBeLessThanOrEqual(2);
  });

  it('a refused click on a card that is already current leaves other messages alone', async () => {
    const id = requestIdIn(await bot.say('carol', 'elevate Security Administrator for 1h because rotate the app secret'));
    const before = bot.chat.messages.map((m) => m.history.length);
    expect(await bot.click('carol', bot.card(`Elevation ${id}:`, APPROVERS), 'elevation.approve')).toBe("You can't approve your own request.");
    const after = bot.chat.messages.map((m) => m.history.length);
    // Only the clicked card was re-sent (unchanged); nothing new was posted.
    expect(after).toHaveLength(before.length);
    expect(after.filter((n, i) => n !== before[i])).toHaveLength(1);
  });
});

/**
 * The same people with a Slack and a Teams account each. Whatever platform a
 * click comes from and however the config spells the Entra id, the machines
 * see one principal: the lower-cased Entra object id.
 */
describe('one person is one principal across platforms and id spellings', () => {
  let tenant: Tenant;
  let bot: TestBot;
  afterEach(async () => {
    await bot.stop();
    await tenant.close();
  });

  type Platform = 'slack' | 'teams';
  type Key = Parameters<typeof userId>[0];
  const slackId = (key: string) => `U0${key.toUpperCase()}`;
  const teamsId = (key: string) => `29:1-${key}`;
  /** Carol's entry pins her Entra id in upper case and has no Slack id: her Slack account maps through the email lookup (lower case). */
  function twoPlatformConfig() {
    const base = { ...playgroundConfig(), elevation: { ...playgroundConfig().elevation, pimMfaEvidenceMinutes: 0 } };
    const people = Object.fromEntries(
      Object.entries(base.people).map(([key, p]) =>
        key === 'carol' ? [key, { ...p, entraObjectId: p.entraObjectId!.toUpperCase(), teams: teamsId(key) }] : [key, { ...p, slack: slackId(key), teams: teamsId(key) }],
      ),
    );
    return parseConfig({ ...base, people }, 'two-platform people');
  }
  async function start(): Promise<void> {
    tenant = await startTenant();
    bot = await TestBot.start(tenant, { config: twoPlatformConfig() });
    await bot.bot.storage.putIdentity('slack', slackId('carol'), userId('carol'), 'email', tenant.clock.now());
  }
  /** The event as it arrives from `platform`: Teams carries the Entra claim (from.aadObjectId), Slack only its user id. */
  function from<E extends InboundEvent>(platform: Platform, key: Key, event: E): E {
    const actor = platform === 'slack' ? { platform, platformUserId: slackId(key) } : { platform, platformUserId: teamsId(key), entraObjectId: userId(key) };
    return { ...event, actor };
  }
  const say = (platform: Platform, key: Key, text: string) => bot.deliver(from(platform, key, bot.command(key, text)));
  const click = (platform: Platform, key: Key, card: PostedMessage, label: string) => bot.deliver(from(platform, key, bot.action(key, buttonOn(card.message, label), { message: card })));
  const assignments = (who: 'carol' | 'alice') => tenant.sim.activeAssignments().filter((a) => a.principalId === userId(who) && a.endDateTime !== null);

  it('refuses self-approval when the request came from Slack (email-mapped, lower case) and the approval from Teams (config pin, upper case)', async () => {
    await start();
    const id = requestIdIn(await say('slack', 'carol', 'elevate Security Administrator for 1h because rotate the compromised app secret'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);

    expect(await click('teams', 'carol', card, 'elevation.approve')).toBe("You can't approve your own request.");
    expect(assignments('carol')).toEqual([]);
    expect(await bot.audit('elevation.approve.ignored')).toEqual([expect.objectContaining({ workflowId: id, actorEntraId: userId('carol') })]);
  });

  it('counts one vote per person on a 2-of-M request, whichever platforms they click from', async () => {
    await start();
    const id = requestIdIn(await say('slack', 'alice', 'elevate Privileged Role Administrator for 30m because restore the CA policy ticket INC-7'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);

    await click('slack', 'erin', card, 'elevation.approve');
    expect(FakeChat.textOf(card.message)).toContain('Approvals: 1 of 2');
    const second = await click('teams', 'erin', card, 'elevation.approve');
    expect(second).toMatch(/already|counted|twice|vote/i);
    expect(assignments('alice')).toEqual([]);
    expect(FakeChat.textOf(card.message)).toContain('Approvals: 1 of 2');
    expect((await bot.audit('elevation.approve.ignored')).filter((e) => e.workflowId === id)).toEqual([expect.objectContaining({ actorEntraId: userId('erin') })]);

    // A second person's vote is the one that grants.
    await click('teams', 'carol', card, 'elevation.approve');
    expect(assignments('alice')).toHaveLength(1);
  });

  it('keeps the two-person rule when one person chooses the emergency account on Slack and confirms it on Teams', async () => {
    await start();
    const incident = incidentIdIn(await say('slack', 'alice', 'start Global admins locked out'));
    const checklist = () => bot.chat.messages.find((m) => m.message.buttons?.some((b) => b.label === 'Use bg-01@contoso.onmicrosoft.com'))!;
    await click('slack', 'alice', checklist(), 'Use bg-01@contoso.onmicrosoft.com');
    const confirmOn = bot.chat.messages.find((m) => m.message.buttons?.some((b) => b.label === 'Confirm bg-01@contoso.onmicrosoft.com'))!;

    expect(await click('teams', 'alice', confirmOn, 'Confirm bg-01@contoso.onmicrosoft.com')).toBe(
      'The two-person rule needs a second responder: you chose bg-01@contoso.onmicrosoft.com, so someone else must confirm.',
    );
    expect((await bot.audit('breakglass.checkout.confirm')).filter((e) => e.workflowId === incident)).toEqual([]);
    await click('teams', 'bob', confirmOn, 'Confirm bg-01@contoso.onmicrosoft.com');
    expect((await bot.audit('breakglass.checkout.confirm')).filter((e) => e.workflowId === incident).map((e) => e.actorEntraId)).toEqual([userId('bob')]);
  });
});
