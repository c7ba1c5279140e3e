import { createHmac } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { FORM, JSON_TYPE, sendSigned, slackSignature, slashCommand } from '../../support/slack-signing';
import { startTenant, type Tenant } from './support/bot-harness';
import { SIGNING_SECRET, SLACK_CHANNELS, SLACK_USERS, startSlackBot, type SlackBot } from './support/slack-bot';

/**
 * Requests test/integration/slack does not already send, aimed at the whole
 * bot's HTTP server (createBot) rather than the receiver alone: odd content
 * types and encodings, a compressed body that inflates past the cap, methods
 * Slack never uses, signed payloads of shapes we do not handle, missing
 * fields. Each gets a 4xx (or a harmless 200), never a 5xx, and the bot
 * keeps answering real requests afterwards.
 */
describe('hostile requests to the Slack endpoint of the running bot', () => {
  let tenant: Tenant;
  let s: SlackBot;
  beforeAll(async () => {
    tenant = await startTenant();
    s = await startSlackBot(tenant);
  });
  afterAll(async () => {
    await s.stop();
    await tenant.close();
  });

  const now = () => Math.floor(Date.now() / 1000);

  async function signedRaw(body: Buffer | string, headers: Record<string, string>): Promise<Response> {
    const ts = now();
    return fetch(s.endpoint, {
      method: 'POST',
      headers: { 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SIGNING_SECRET, ts, body.toString()), ...headers },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
  }

  it('a gzip body that inflates past the size cap is refused with 413, not inflated into memory', async () => {
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 'a'));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await fetch(s.endpoint, { method: 'POST', headers: { 'content-type': JSON_TYPE, 'content-encoding': 'gzip', 'x-slack-request-timestamp': String(now()), 'x-slack-signature': `v0=${'0'.repeat(64)}` }, body: bomb });
    expect(res.status).toBe(413);
  });

  it.each([
    ['an unknown content encoding', { 'content-type': JSON_TYPE, 'content-encoding': 'br-evil' }, '{}', [401, 415]],
    ['text/plain', { 'content-type': 'text/plain' }, 'hello', [400, 401]],
    ['multipart/form-data', { 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nstart\r\n--x--', [400, 401]],
    ['no content type', {}, 'payload=%7B%7D', [400, 401]],
  ])('%s: a 4xx', async (_what, headers, body, allowed) => {
    const res = await signedRaw(body, headers as Record<string, string>);
    expect(allowed).toContain(res.status);
  });

  it('a timestamp with a fraction, a sign, an exponent or too many digits is refused as malformed', async () => {
    for (const ts of [`${now()}.5`, `-${now()}`, '1e10', `${now()}${now()}`]) {
      const body = slashCommand({ response_url: s.slack.responseUrl('never') }).body;
      // Signed over exactly the timestamp sent, so the HMAC matches and only the timestamp guard can refuse it.
      const signature = `v0=${createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
      const res = await fetch(s.endpoint, { method: 'POST', headers: { 'content-type': FORM, 'x-slack-request-timestamp': ts, 'x-slack-signature': signature }, body });
      expect(res.status).toBe(401);
    }
  });

  it('methods Slack never uses get no handler and no 5xx', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(s.endpoint, { method, ...(method === 'GET' ? {} : { body: '{}' }) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    }
  });

  it('signed clicks and events of shapes we do not act on are acknowledged and change nothing', async () => {
    const clicks = [
      { type: 'block_actions', user: { id: SLACK_USERS.alice }, actions: [{ action_id: 'elevation.approve', value: 'EL-NOPE00', type: 'button' }] },
      { type: 'block_actions', user: { id: 'U0STRANGER' }, actions: [{ action_id: 'breakglass.ack', value: '__proto__', type: 'button' }], container: { message_ts: 'x' } },
      { type: 'block_actions', user: { id: SLACK_USERS.alice }, actions: [{ action_id: 'toString', value: null, type: 'button' }] },
    ];
    for (const payload of clicks) {
      const res = await sendSigned(s.endpoint, SIGNING_SECRET, { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM });
      expect(res.status).toBe(200);
    }
    const events = [{ type: 'reaction_added', user: SLACK_USERS.alice }, { type: 'app_mention' }, { type: 'message', channel_type: 'im' }];
    for (const event of events) {
      const res = await sendSigned(s.endpoint, SIGNING_SECRET, { body: JSON.stringify({ type: 'event_callback', event_id: `Ev${Math.random()}`, team_id: 'T0FAKE01', event }), contentType: JSON_TYPE });
      expect(res.status).toBe(200);
    }
    expect(await s.bot.storage.listWorkflows({})).toEqual([]);
  });

  it('a signed click Bolt cannot read (no user, actions not a list) is a 400, so Slack does not retry it, not a 500', async () => {
    for (const payload of [
      { type: 'block_actions', user: null, actions: [{ action_id: 'elevation.approve', value: 'x', type: 'button' }] },
      { type: 'block_actions', user: { id: SLACK_USERS.alice }, actions: 0 },
    ]) {
      const res = await sendSigned(s.endpoint, SIGNING_SECRET, { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM });
      expect(res.status).toBe(400);
    }
  });

  it('a slash command without user or channel is refused without a crash, and one with them still works', async () => {
    const bare = new URLSearchParams({ command: '/breakglass', text: 'start no user', response_url: s.slack.responseUrl('bare') }).toString();
    const res = await sendSigned(s.endpoint, SIGNING_SECRET, { body: bare, contentType: FORM });
    expect(res.status).toBeLessThan(500);

    const ok = await sendSigned(s.endpoint, SIGNING_SECRET, slashCommand({ text: 'help', user_id: SLACK_USERS.alice!, channel_id: SLACK_CHANNELS.room, response_url: s.slack.responseUrl('help') }));
    expect(ok.status).toBe(200);
    expect(String((await s.slack.waitForResponse('help')).body.text)).toContain('start');
    expect((await fetch(`${s.bot.server!.url}/healthz`)).status).toBe(200);
    expect(s.logs.filter((l) => l.level >= 50).map((l) => l.msg)).toEqual([]);
  });
});
