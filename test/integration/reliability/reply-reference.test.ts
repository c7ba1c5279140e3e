import { replyText } from '../../../adapters/slack/reply-text';
import { replyMessage } from '../../../adapters/teams/invoke-responses';
import { outcomeReply } from '../../../bot/core/outcome';
import { replyLine } from '../../../bot/messages/message-text';
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
    expect(result.kind).toBe('refusal');
    const reply = outcomeReply(result)!;
    expect(reply.correlationId).toMatch(/^[0-9a-f]{8}$/);
    // The core never writes the reference into the sentence: each adapter adds it, once.
    expect(reply.text).not.toContain(reply.correlationId);
    const teams = replyMessage(reply);
    for (const shown of [replyText(reply), replyLine(reply), `${teams.fallbackText} ${teams.context ?? ''}`]) {
      expect(shown.match(/\(ref [0-9a-f]{8}\)/g)).toEqual([`(ref ${reply.correlationId})`]);
    }
    expect(replyText({ text: 'Not now.', ephemeral: true, correlationId: 'abcd1234' })).toBe('Not now. (ref abcd1234)');
    expect(replyLine({ text: 'Not now.', ephemeral: true, correlationId: 'abcd1234' })).toBe('Not now. (ref abcd1234)');
  });
});
