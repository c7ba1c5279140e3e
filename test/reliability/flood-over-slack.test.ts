import { sendSigned, slashCommand } from '../support/slack-signing';
import { startTenant, type Tenant } from '../integration/reliability/support/bot-harness';
import { SIGNING_SECRET, SLACK_CHANNELS, SLACK_USERS, startSlackBot, type SlackBot } from '../integration/reliability/support/slack-bot';

const LIMITED = /^You're sending commands faster than I can act on them safely; wait a minute and try again\. \(ref [0-9a-f]{8}\)$/;
const FLOOD = 1_000;
const PARALLEL = 20;

/**
 * One person floods the running bot with 1,000 signed slash commands over
 * HTTP, as fast as the connection allows. The bot answers every one, acts on
 * a bounded number, tells the sender to slow down for the rest, and its
 * writes into the incident channel stay at Slack's pace (about one a second).
 */
describe('a slash-command flood over HTTP', () => {
  let tenant: Tenant;
  let s: SlackBot;
  beforeAll(async () => {
    tenant = await startTenant();
    // Real outbox loop and Slack's real per-channel pacing (no slackPacingMs override).
    s = await startSlackBot(tenant, { loops: true, pollMs: 200, slackPacingMs: undefined });
  });
  afterAll(async () => {
    await s.stop();
    await tenant.close();
  });

  const command = (text: string, id: string) => slashCommand({ text, user_id: SLACK_USERS.alice!, channel_id: SLACK_CHANNELS.room, response_url: s.slack.responseUrl(id) });

  it('acts on a bounded number, refuses the rest with a message, and keeps the channel at Slack pace', async () => {
    expect((await sendSigned(s.endpoint, SIGNING_SECRET, command('start Global admins locked out', 'start'))).status).toBe(200);
    expect(String((await s.slack.waitForResponse('start', 10_000)).body.text)).toMatch(/Incident BG-\w+ is open/);
    const floodStart = Date.now();

    const statuses: number[] = [];
    for (let i = 0; i < FLOOD; i += PARALLEL) {
      const batch = Array.from({ length: Math.min(PARALLEL, FLOOD - i) }, (_, k) => sendSigned(s.endpoint, SIGNING_SECRET, command(`note flood line ${i + k}`, `flood-${i + k}`)));
      statuses.push(...(await Promise.all(batch)).map((r) => r.status));
    }
    expect(statuses.filter((st) => st === 200)).toHaveLength(FLOOD);

    // Every command was answered: a refusal to slow down, or acted on (a note in the trail, no reply needed).
    const limited = () => s.slack.responses.filter((r) => r.id.startsWith('flood-') && LIMITED.test(String(r.body.text))).length;
    const acted = async () => (await s.bot.storage.listAudit({})).filter((e) => e.type === 'breakglass.note.add').length;
    for (let waited = 0; limited() + (await acted()) < FLOOD && waited < 30_000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await acted()).toBeLessThanOrEqual(20);
    expect(limited() + (await acted())).toBe(FLOOD);

    // Let the outbox work for a while, then look at how the bot wrote into the incident channel.
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const writes = s.slack.calls.filter((c) => c.at >= floodStart && c.params.channel === SLACK_CHANNELS.room && /^chat\.(postMessage|update)$/.test(c.method));
    expect(writes.length).toBeGreaterThan(2);
    const gaps = writes.slice(1).map((c, i) => c.at - writes[i]!.at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
    // A burst of 1,000 never turned into more writes than the pace allows.
    expect(writes.length).toBeLessThanOrEqual(Math.ceil((Date.now() - floodStart) / 1_000) + 1);
  }, 120_000);
});
