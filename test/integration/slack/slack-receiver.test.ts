import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { renderBlockKit } from '../../../adapters/slack/block-kit-renderer';
import { createSlackReceiver, type SlackReceiver } from '../../../adapters/slack/slack-receiver';
import { BreakglassError } from '../../../bot/core/errors';
import type { ActionEvent, CommandEvent, InboundEvent } from '../../../bot/core/inbound-event';
import { createLogger, silentLogger } from '../../../bot/core/logger';
import { FakeSlack } from '../../fakes/fake-slack';
import { sampleMessage } from '../../fixtures/messages/sample-messages';
import { appMention, blockActions, directMessage, eventCallback, FORM, JSON_TYPE, sendSigned, slashCommand } from '../../support/slack-signing';
import { NOTHING, type Outcome } from '../../../bot/core/outcome';

const SECRET = 'test-signing-secret-8f2d1c';
const DANA = { id: 'U0DANA001', name: 'dana', email: 'Dana.Park@contoso.example' };
const SAM = { id: 'U0SAM0001', name: 'sam', email: 'sam.lee@contoso.example' };

let fake: FakeSlack;
let receiver: SlackReceiver;
let server: Server;
let endpoint: string;
let base: string;
const events: InboundEvent[] = [];
/** What onEvent does next; default: record and return nothing. */
let handler: (event: InboundEvent) => Promise<Outcome> = async () => NOTHING;
/** What the receiver logged, parsed (pino JSON lines). */
const logged: Array<{ level: number; msg: string }> = [];

beforeAll(async () => {
  fake = await FakeSlack.start({ users: [DANA, SAM] });
  receiver = createSlackReceiver({
    signingSecret: SECRET,
    botToken: fake.botToken,
    apiUrl: fake.apiUrl.replace(/\/$/, ''),
    logger: createLogger({ level: 'debug', destination: { write: (line: string) => void logged.push(JSON.parse(line) as { level: number; msg: string }) } }),
    onEvent: async (event) => {
      events.push(event);
      return handler(event);
    },
    identity: { resolve: async (actor) => (actor.platformUserId === DANA.id ? { ...actor, entraObjectId: '11111111-1111-4111-8111-111111111111' } : actor) },
  });
  const app = express();
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use(receiver.router!);
  app.use(express.json());
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  endpoint = `${base}/slack/events`;
  await receiver.start();
});

afterAll(async () => {
  await receiver.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
});

beforeEach(() => {
  events.length = 0;
  handler = async () => NOTHING;
});

/** Resolves when onEvent has seen an event matching `predicate`. */
function nextEvent<T extends InboundEvent>(predicate: (e: InboundEvent) => e is T, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = (): void => {
      const found = events.find(predicate);
      if (found) resolve(found);
      else if (Date.now() - started > timeoutMs) reject(new Error('no matching event reached onEvent'));
      else setImmediate(poll);
    };
    poll();
  });
}
const isCommand = (e: InboundEvent): e is CommandEvent => e.type === 'command';
const isAction = (e: InboundEvent): e is ActionEvent => e.type === 'action';

describe('Slack receiver: signed requests become neutral events', () => {
  it('acks a slash command at once, before the work finishes, then delivers it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    handler = async () => {
      await gate;
      return NOTHING;
    };
    const started = Date.now();
    const res = await sendSigned(endpoint, SECRET, slashCommand({ text: 'assign 2 <@U0SAM0001|sam> &amp; co', response_url: fake.responseUrl('cmd-1'), trigger_id: 'trig.1.abc' }));
    const ackMs = Date.now() - started;
    expect(res.status).toBe(200);
    expect(ackMs).toBeLessThan(1500);
    const event = await nextEvent(isCommand);
    release();
    expect(event).toEqual({
      type: 'command',
      deliveryKey: 'slack:command:trig.1.abc',
      actor: { platform: 'slack', platformUserId: DANA.id, displayName: 'dana', entraObjectId: '11111111-1111-4111-8111-111111111111' },
      place: { platform: 'slack', conversationId: 'C0SEC0001' },
      receivedAt: expect.any(Number),
      text: 'assign 2 <@U0SAM0001> & co',
    });
  });

  it('sends the reply to the response_url, privately and escaped, with the correlation id', async () => {
    handler = async () => ({ kind: 'refusal', text: 'Only responders can start an incident <!channel>', reference: 'c0ffee12' });
    await sendSigned(endpoint, SECRET, slashCommand({ text: 'start test', response_url: fake.responseUrl('cmd-2') }));
    const posted = await fake.waitForResponse('cmd-2');
    expect(posted.body).toEqual({ response_type: 'ephemeral', text: 'Only responders can start an incident &lt;!channel&gt; (ref c0ffee12)' });
  });

  it('turns a failure inside onEvent into a short private message with a correlation id', async () => {
    const err = new BreakglassError('authz.denied', 'You are not an approver for this role.');
    handler = async () => {
      throw err;
    };
    await sendSigned(endpoint, SECRET, slashCommand({ text: 'status', response_url: fake.responseUrl('cmd-3') }));
    const posted = await fake.waitForResponse('cmd-3');
    expect(posted.body).toEqual({ response_type: 'ephemeral', text: `You are not an approver for this role. (ref ${err.correlationId})` });
  });

  it('delivers a button click with routed action id, value, the card and what was typed for that button', async () => {
    const card = renderBlockKit(sampleMessage('elevation approval'));
    const res = await sendSigned(
      endpoint,
      SECRET,
      blockActions({
        actionId: 'elevation.deny',
        value: 'wf-el-7',
        userId: SAM.id,
        userName: 'sam',
        messageTs: '1767225601.000001',
        threadTs: '1767225600.000009',
        actionTs: '1767225700.123456',
        responseUrl: fake.responseUrl('act-1'),
        blocks: card.blocks,
        typed: { 'bg-input:elevation.deny:reason': { reason: '  Change freeze until Monday  ' }, 'bg-input:other.button:reason': { reason: 'not mine' } },
      }),
    );
    expect(res.status).toBe(200);
    const event = await nextEvent(isAction);
    expect(event).toEqual({
      type: 'action',
      deliveryKey: `slack:action:1767225700.123456:${SAM.id}`,
      actor: { platform: 'slack', platformUserId: SAM.id, displayName: 'sam' },
      place: { platform: 'slack', conversationId: 'C0SEC0001', threadId: '1767225600.000009' },
      receivedAt: expect.any(Number),
      actionId: 'elevation.deny',
      value: 'wf-el-7',
      inputs: { reason: 'Change freeze until Monday' },
      message: { platform: 'slack', conversationId: 'C0SEC0001', messageId: '1767225601.000001', threadId: '1767225600.000009' },
    });
  });

  it('asks for a required reason instead of delivering a click with the box left empty', async () => {
    const card = renderBlockKit(sampleMessage('elevation approval'));
    await sendSigned(endpoint, SECRET, blockActions({ actionId: 'elevation.deny', value: 'wf-el-7', responseUrl: fake.responseUrl('act-2'), blocks: card.blocks, typed: {} }));
    const posted = await fake.waitForResponse('act-2');
    expect(posted.body).toEqual({ response_type: 'ephemeral', replace_original: false, text: 'Fill in "Reason for denying" first, then press the button again.' });
    expect(events).toHaveLength(0);
  });

  it('strips the #n that keeps repeated buttons unique and ignores clicks on link buttons', async () => {
    await sendSigned(endpoint, SECRET, blockActions({ actionId: 'open-url:2', value: '', responseUrl: fake.responseUrl('act-3') }));
    await sendSigned(endpoint, SECRET, blockActions({ actionId: 'breakglass.step.done#3', value: 'wf-bg-1:3', responseUrl: fake.responseUrl('act-4') }));
    const event = await nextEvent(isAction);
    expect(event.actionId).toBe('breakglass.step.done');
    expect(events).toHaveLength(1);
  });

  it('delivers an @mention without the bot mention and answers a private reply ephemerally in the thread', async () => {
    handler = async () => ({ kind: 'reply', text: 'Started drill <@U999>', ephemeral: true });
    const mention = appMention(`<@${fake.botUserId}> start --drill  Global admins locked out`, { user: DANA.id, threadTs: '1767225000.000100' });
    const res = await sendSigned(endpoint, SECRET, eventCallback(mention, { eventId: 'Ev0MENTION1' }));
    expect(res.status).toBe(200);
    const event = await nextEvent(isCommand);
    expect(event).toMatchObject({
      deliveryKey: 'slack:event:Ev0MENTION1',
      text: 'start --drill  Global admins locked out',
      place: { platform: 'slack', conversationId: 'C0SEC0001', threadId: '1767225000.000100' },
      actor: { platformUserId: DANA.id },
    });
    const call = await fake.waitForCall('chat.postEphemeral');
    expect(call.params).toMatchObject({ channel: 'C0SEC0001', user: DANA.id, thread_ts: '1767225000.000100', text: 'Started drill &lt;@U999&gt;' });
    expect(call.token).toBe(fake.botToken);
  });

  it('answers a public reply to an @mention in its thread', async () => {
    handler = async () => ({ kind: 'reply', text: 'Incident BG-1 is open.', ephemeral: false });
    const mention = appMention(`<@${fake.botUserId}> status`, { ts: '1767225999.000001' });
    await sendSigned(endpoint, SECRET, eventCallback(mention));
    const call = await fake.waitForCall('chat.postMessage', (p) => p.text === 'Incident BG-1 is open.');
    expect(call.params).toMatchObject({ channel: 'C0SEC0001', thread_ts: '1767225999.000001' });
  });

  it("a private reply Slack will not show (the user is not in that channel) is logged as a warning, not an error, and not retried", async () => {
    handler = async () => ({ kind: 'reply', text: 'Only you can see this.', ephemeral: true });
    logged.length = 0;
    const mention = appMention(`<@${fake.botUserId}> status`, { user: 'U0STRANGER' });
    await sendSigned(endpoint, SECRET, eventCallback(mention));
    const deadline = Date.now() + 5000;
    while (!logged.some((l) => l.msg === 'the reply could not be shown there') && Date.now() < deadline) await new Promise((resolve) => setImmediate(resolve));
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(logged.filter((l) => l.level === 40).map((l) => l.msg)).toContain('the reply could not be shown there');
    expect(fake.callsTo('chat.postEphemeral').filter((c) => c.params.user === 'U0STRANGER')).toHaveLength(1);
  });

  it('delivers a DM to the bot and ignores bot messages, edits and non-DM messages', async () => {
    handler = async () => ({ kind: 'reply', text: 'Here is your status.', ephemeral: true });
    await sendSigned(endpoint, SECRET, eventCallback(directMessage('status', { botId: 'B0OTHER' })));
    await sendSigned(endpoint, SECRET, eventCallback(directMessage('edited', { subtype: 'message_changed' })));
    await sendSigned(endpoint, SECRET, eventCallback({ ...directMessage('in a channel'), channel_type: 'channel', channel: 'C0SEC0001' }));
    await sendSigned(endpoint, SECRET, eventCallback(directMessage('elevations', { channel: 'D0DANA001' }), { eventId: 'Ev0DM00001' }));
    const event = await nextEvent(isCommand);
    expect(event).toMatchObject({ deliveryKey: 'slack:event:Ev0DM00001', text: 'elevations', place: { conversationId: 'D0DANA001' } });
    await fake.waitForCall('chat.postMessage', (p) => p.channel === 'D0DANA001' && p.text === 'Here is your status.');
    expect(events).toHaveLength(1);
  });

  it('passes a Slack retry (x-slack-retry-num) through with the same delivery key, so the inbox can dedupe it', async () => {
    const request = eventCallback(appMention(`<@${fake.botUserId}> status`), { eventId: 'Ev0RETRY01' });
    await sendSigned(endpoint, SECRET, request);
    const retry = await sendSigned(endpoint, SECRET, request, { retryNum: 1 });
    expect(retry.status).toBe(200);
    await fake.waitFor(() => events.length === 2 || undefined, 5000, 'two deliveries');
    expect(events.map((e) => e.deliveryKey)).toEqual(['slack:event:Ev0RETRY01', 'slack:event:Ev0RETRY01']);
  });

  it('answers Slack’s URL verification challenge', async () => {
    const res = await sendSigned(endpoint, SECRET, { body: JSON.stringify({ token: 't', challenge: 'ch4ll3nge', type: 'url_verification' }), contentType: JSON_TYPE });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ch4ll3nge' });
  });
});

describe('Slack receiver: requests not from Slack are refused', () => {
  const now = (): number => Math.floor(Date.now() / 1000);
  const command = (): ReturnType<typeof slashCommand> => slashCommand({ text: 'start should never arrive', response_url: fake.responseUrl('never') });

  it.each([
    ['a signature made with another secret', { secret: 'not-the-secret' }],
    ['a tampered signature', { signature: `v0=${'0'.repeat(64)}` }],
    ['a v1= signature, even one computed correctly for v1', { version: 'v1' }],
    ['no signature header', { signature: null }],
    ['no timestamp header', { omitTimestamp: true }],
    ['a correctly signed request 6 minutes old (replay)', { timestampSec: now() - 6 * 60 }],
    ['a correctly signed request 6 minutes in the future', { timestampSec: now() + 6 * 60 }],
    ['a garbage signature', { signature: 'v0=zz' }],
  ])('401 for %s', async (_what, options) => {
    const res = await sendSigned(endpoint, SECRET, command(), options);
    expect(res.status).toBe(401);
  });

  it('401 when the body was changed after signing', async () => {
    const req = command();
    const ts = now();
    const { slackSignature } = await import('../../support/slack-signing');
    const res = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': FORM, 'x-slack-request-timestamp': String(ts), 'x-slack-signature': slackSignature(SECRET, ts, req.body) },
      body: req.body.replace('should+never+arrive', 'tampered'),
    });
    expect(res.status).toBe(401);
  });

  it('delivered none of the refused requests', async () => {
    await sendSigned(endpoint, SECRET, command(), { secret: 'wrong' });
    expect(events).toHaveLength(0);
    expect(fake.responses.filter((r) => r.id === 'never')).toHaveLength(0);
  });
});

describe('Slack receiver: bad bodies get 4xx and the server keeps serving', () => {
  it.each([
    ['signed text that is not JSON', { body: '{"type": "event_callback", ', contentType: JSON_TYPE }],
    ['a signed form whose payload is not JSON', { body: 'payload=%7Bnot-json', contentType: FORM }],
    ['a signed empty body', { body: '', contentType: JSON_TYPE }],
  ])('400 for %s', async (_what, request) => {
    const res = await sendSigned(endpoint, SECRET, request);
    expect(res.status).toBe(400);
  });

  it('413 for a signed body over 1 MiB, without reading it all', async () => {
    const huge = { body: JSON.stringify({ type: 'event_callback', pad: 'x'.repeat(2 * 1024 * 1024) }), contentType: JSON_TYPE };
    const res = await sendSigned(endpoint, SECRET, huge).catch((e: unknown) => e);
    // The server may close the upload early; either way it must not be a 2xx/5xx.
    if (res instanceof Response) expect(res.status).toBe(413);
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(events).toHaveLength(0);
  });
});

describe('Slack receiver: startup', () => {
  it('refuses to start when Slack says invalid_auth, with a sentence an operator can act on', async () => {
    const bad = createSlackReceiver({ signingSecret: SECRET, botToken: 'xoxb-revoked', apiUrl: fake.apiUrl, logger: silentLogger, onEvent: async () => NOTHING });
    const err = await bad.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BreakglassError);
    expect(err).toMatchObject({ code: 'platform.unauthorized' });
    expect((err as BreakglassError).userMessage).toMatch(/Slack rejected SLACK_BOT_TOKEN \(invalid_auth\)/);
    expect((err as BreakglassError).userMessage).not.toContain('xoxb-revoked');
  });

  it('answers 503 (so Slack retries) until the token check has passed', async () => {
    const early = createSlackReceiver({ signingSecret: SECRET, botToken: fake.botToken, apiUrl: fake.apiUrl, logger: silentLogger, onEvent: async () => NOTHING });
    const app = express().use(early.router!);
    const s = await new Promise<Server>((resolve) => {
      const srv = app.listen(0, '127.0.0.1', () => resolve(srv));
    });
    try {
      const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/slack/events`;
      const res = await sendSigned(url, SECRET, slashCommand({ response_url: fake.responseUrl('early') }));
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
    } finally {
      s.closeAllConnections();
      await new Promise((resolve) => s.close(resolve));
    }
  });

  it('refuses an empty signing secret instead of serving unverifiable requests', () => {
    expect(() => createSlackReceiver({ signingSecret: '', botToken: fake.botToken, apiUrl: fake.apiUrl, logger: silentLogger, onEvent: async () => NOTHING })).toThrow(
      expect.objectContaining({ code: 'config.invalid' }),
    );
  });

  it('uses Socket Mode (and no HTTP route) when an app token is given', () => {
    const socket = createSlackReceiver({ signingSecret: SECRET, botToken: fake.botToken, appToken: 'xapp-1-fake', apiUrl: fake.apiUrl, logger: silentLogger, onEvent: async () => NOTHING });
    expect(socket.mode).toBe('socket');
    expect(socket.router).toBeUndefined();
  });
});
