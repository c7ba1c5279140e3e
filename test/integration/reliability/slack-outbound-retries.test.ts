import type { CommandEvent } from '../../../bot/core/inbound-event';
import { startTenant, type Tenant } from './support/bot-harness';
import { SLACK_CHANNELS, SLACK_USERS, startSlackBot, type SlackBot } from './support/slack-bot';

/**
 * The bot posting to a Slack that rate-limits it (429 + Retry-After) and
 * fails (5xx) while an incident runs: every message arrives once, in the
 * order the incident produced them, after waiting as Slack asked.
 */
describe('Slack answering 429 and 5xx to the bot', () => {
  let tenant: Tenant;
  let s: SlackBot;
  beforeEach(async () => {
    tenant = await startTenant();
    s = await startSlackBot(tenant);
  });
  afterEach(async () => {
    await s.stop();
    await tenant.close();
  });

  let seq = 0;
  async function say(text: string): Promise<void> {
    const event: CommandEvent = {
      type: 'command',
      text,
      deliveryKey: `slack:cmd:${++seq}`,
      actor: { platform: 'slack', platformUserId: SLACK_USERS.alice! },
      place: { platform: 'slack', conversationId: SLACK_CHANNELS.room },
      receivedAt: s.bot.clock.now(),
    };
    await s.bot.router.handle(event);
    await s.bot.tick();
  }

  const threadTitles = () =>
    s.slack
      .messages(SLACK_CHANNELS.room)
      .filter((m) => m.threadTs)
      .map((m) => (m.blocks?.[0] as { text?: { text?: string } } | undefined)?.text?.text ?? '');

  it('waits out 429s, retries 5xx, and delivers every notice once and in order', async () => {
    await say('start Global admins locked out');
    const posted = s.slack.callsTo('chat.postMessage').length;
    s.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 }, 2);
    s.slack.failNext('chat.postMessage', { status: 503 });
    s.slack.failNext('chat.update', { status: 502 });
    const started = Date.now();

    await say('done 2');
    await say('done 4 case 2603030040001234');
    await say('skip 7 no mailboxes to watch');

    const steps = threadTitles().filter((t) => /Step [247]/.test(t));
    expect(steps.map((t) => /Step (\d)/.exec(t)?.[1])).toEqual(['2', '4', '7']);
    const attempts = s.slack.callsTo('chat.postMessage').slice(posted).map((c) => c.status);
    expect(attempts.slice(0, 4)).toEqual([429, 429, 503, 200]);
    // Retry-After 1 s, twice: the bot really waited, it did not hammer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const at = s.slack.callsTo('chat.postMessage').slice(posted, posted + 3).map((c) => c.at);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
    // The checklist card is one message updated in place, now showing all three steps.
    const checklist = s.slack.messages(SLACK_CHANNELS.room).filter((m) => !m.threadTs);
    expect(checklist).toHaveLength(1);
    // Steps 2, 4 and 7 by hand, 5 and 6 by the bot through Graph.
    expect(checklist[0]!.text).toMatch(/5 of 8 steps done/);
    expect(await s.bot.storage.pendingEffectCount()).toBe(0);
  });
});
