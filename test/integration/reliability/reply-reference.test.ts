import { replyText } from '../../../adapters/slack/reply-text';
import { replyLine } from '../../../adapters/teams/invoke-responses';
import type { Reply } from '../../../bot/messages/message';
import { startTenant, TestBot, type Tenant } from './support/bot-harness';

/** A refusal carries one correlation id; each platform shows it once, the way the user reads it out to support. */
describe('the correlation id in a refusal, as Slack and Teams show it', () => {
  let tenant: Tenant;
  let bot: TestBot;
  beforeAll(async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
  });
  afterAll(async () => {
    await bot.stop();
    await tenant.close();
  });

  it('appears exactly once', async () => {
    const result = await bot.bot.router.handle(bot.command('carol', 'done 2'));
    const reply = result as Reply;
    expect(reply.correlationId).toMatch(/^[0-9a-f]{8}$/);
    for (const shown of [replyText(reply), replyLine(reply)]) {
      expect(shown.match(/\(ref [0-9a-f]{8}\)/g)).toEqual([`(ref ${reply.correlationId})`]);
    }
    // A reply whose text does not carry it yet still gets it.
    expect(replyText({ text: 'Not now.', ephemeral: true, correlationId: 'abcd1234' })).toBe('Not now. (ref abcd1234)');
    expect(replyLine({ text: 'Not now.', ephemeral: true, correlationId: 'abcd1234' })).toBe('Not now. (ref abcd1234)');
  });
});
