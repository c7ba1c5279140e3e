import { incidentIdIn, MINUTE, replyText, ROOM, startTenant, TestBot, type Tenant } from './support/bot-harness';

/** Done, not refused: nothing at all, or the one-line answer every command now gets (a refusal ends with its reference). */
function expectAccepted(reply: string): void {
  expect(reply).not.toMatch(/\(ref [0-9a-f]{8}\)/);
  expect(reply.split('\n')).toHaveLength(1);
}

const LIMITED = /^You're sending commands faster than I can act on them safely; wait a minute and try again\. \(ref [0-9a-f]{8}\)$/;

/**
 * 1,000 commands in one minute from one person: the bot acts on a bounded
 * number, tells the sender to slow down for the rest, and keeps serving
 * everyone else. What reaches the channel is bounded by what it acted on.
 */
describe('one user flooding the bot with commands', () => {
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

  const channelWrites = () => bot.chat.inConversation(ROOM).reduce((n, m) => n + m.history.length, 0);

  it('acts on at most 50 of 1,000 commands a minute, answers the rest with a slow-down message, and serves others meanwhile', async () => {
    const incident = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));
    bot.clock.advance(MINUTE); // a full bucket again
    const before = channelWrites();

    const replies: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      replies.push(replyText(await bot.bot.router.handle(bot.command('bob', `note flood line ${i}`))));
      bot.clock.advance(60); // 1,000 in 60 s
      if (i === 500) expectAccepted(await bot.say('alice', `note alice is still heard`));
    }

    await bot.bot.tick();
    const limited = replies.filter((r) => LIMITED.test(r));
    const acted = replies.filter((r) => /^Note added to /.test(r));
    expect(acted.length + limited.length).toBe(1_000);
    // A bucket of 20 plus 30 a minute refilled while the flood lasted.
    expect(acted.length).toBeGreaterThanOrEqual(20);
    expect(acted.length).toBeLessThanOrEqual(50);
    const notes = (await bot.audit('breakglass.note.add')).filter((e) => e.workflowId === incident);
    expect(notes).toHaveLength(acted.length + 1);
    // Channel writes grow with what was acted on, not with what was sent.
    expect(channelWrites() - before).toBeLessThanOrEqual(3 * (acted.length + 1));
  });

  it('the sender is heard again once the minute has passed', async () => {
    await bot.say('alice', 'start Global admins locked out');
    for (let i = 0; i < 30; i++) await bot.deliver(bot.command('bob', `note burst ${i}`));
    expect(await bot.say('bob', 'note one too many')).toMatch(LIMITED);
    bot.clock.advance(MINUTE);
    expectAccepted(await bot.say('bob', 'note back to normal'));
  });
});
