import fc from 'fast-check';
import { FORM, JSON_TYPE, sendSigned, slashCommand } from '../support/slack-signing';
import { startTenant, type Tenant } from '../integration/reliability/support/bot-harness';
import { SIGNING_SECRET, SLACK_CHANNELS, SLACK_USERS, startSlackBot, type SlackBot } from '../integration/reliability/support/slack-bot';

/** Where Slack would take the bot's private answers: the fake Slack's response_url endpoint. */
let responseUrl = (): string => 'http://127.0.0.1:9/not-started';

const junk = fc.oneof(fc.anything({ maxDepth: 2 }), fc.string({ maxLength: 40 }), fc.constant(null), fc.integer(), fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }));
const userIds = fc.oneof(fc.constantFrom(...Object.values(SLACK_USERS)), fc.string({ maxLength: 12 }));

/** Slash commands with any text and any of their fields replaced or dropped. */
const slash = fc
  .tuple(fc.string({ unit: 'binary', maxLength: 300 }), userIds, fc.dictionary(fc.constantFrom('user_id', 'channel_id', 'command', 'team_id', 'trigger_id', 'text'), fc.string({ maxLength: 30 }), { maxKeys: 2 }))
  .map(([text, user, overrides]) => {
    const fields = new URLSearchParams(slashCommand({ text, user_id: user, channel_id: SLACK_CHANNELS.room, response_url: responseUrl() }).body);
    for (const [k, v] of Object.entries(overrides)) fields.set(k, v);
    return { body: fields.toString(), contentType: FORM };
  });

/** Interactivity payloads: our click shape with fields swapped for junk, and other payload types. */
const interaction = fc
  .tuple(
    // Payload types the app registers no listener for cost Bolt's 3-second wait each; a few are enough.
    fc.oneof({ weight: 60, arbitrary: fc.constant('block_actions') }, { weight: 1, arbitrary: fc.constantFrom('view_submission', 'shortcut', 'message_action', 'interactive_message', 'block_suggestion', 'view_closed', '') }),
    userIds,
    fc.array(fc.record({ action_id: fc.oneof(fc.constantFrom('elevation.approve', 'breakglass.ack', 'breakglass.done', 'toString', ''), fc.string({ maxLength: 20 })), value: fc.oneof(fc.string({ maxLength: 30 }), junk), type: fc.constantFrom('button', 'static_select', 'x') }), { minLength: 1, maxLength: 2 }),
    // `user` stays an object with an id: Slack always sends one, and Bolt answers 500 without it (see the report).
    fc.dictionary(fc.constantFrom('actions', 'container', 'channel', 'message', 'state', 'trigger_id', 'team', 'view'), junk, { maxKeys: 2 }),
  )
  .map(([type, user, actions, overrides]) => {
    const payload = { type, user: { id: user, name: 'x' }, actions, channel: { id: SLACK_CHANNELS.room }, container: { channel_id: SLACK_CHANNELS.room, message_ts: '1.000001' }, team: { id: 'T0FAKE01' }, response_url: responseUrl(), ...overrides };
    return { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: FORM };
  });

/** Events API deliveries with any event, and the other envelope types. */
const eventDelivery = fc
  .tuple(fc.constantFrom('event_callback', 'url_verification', 'app_rate_limited', 'bogus'), fc.constantFrom('app_mention', 'message', 'reaction_added', ''), fc.string({ unit: 'binary', maxLength: 200 }), userIds, fc.dictionary(fc.constantFrom('channel', 'channel_type', 'subtype', 'bot_id', 'thread_ts', 'ts', 'text', 'user'), junk, { maxKeys: 2 }), fc.option(junk))
  .map(([type, eventType, text, user, overrides, challenge]) => ({
    body: JSON.stringify({ type, challenge, team_id: 'T0FAKE01', event_id: `Ev${Math.random().toString(36).slice(2)}`, event: { type: eventType, user, text, channel: 'D0DM', channel_type: 'im', ts: '1.1', ...overrides } }),
    contentType: JSON_TYPE,
  }));

/** Raw bytes of any kind under any content type. */
const raw = fc.record({ body: fc.oneof({ weight: 40, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 500 }) }, { weight: 1, arbitrary: fc.json({ maxDepth: 1 }) }, { weight: 1, arbitrary: fc.constantFrom('payload=', 'payload=%', 'payload=null', 'payload=[]', 'payload=%7B%22type%22%3A1%7D', '{"type":"event_callback"}') }), contentType: fc.constantFrom(JSON_TYPE, JSON_TYPE, 'text/plain', 'application/octet-stream', 'application/json; charset=utf-16') });
/** Form bodies Bolt cannot classify wait 3 s for an ack that never comes (a 404 then), so only a few. */
const rawForm = fc.record({ body: fc.constantFrom('payload=', 'payload=%', 'payload=null', 'payload=[]', 'payload=%7B%22type%22%3A1%7D', 'command=', 'x=1'), contentType: fc.constant(FORM) });

/**
 * Hundreds of correctly signed requests with arbitrary bodies against the
 * running bot's Slack endpoint: never a 5xx, nothing that brings the server
 * down, and a real command still works at the end.
 */
describe('the Slack endpoint under arbitrary signed requests', () => {
  let tenant: Tenant;
  let s: SlackBot;
  beforeAll(async () => {
    tenant = await startTenant();
    s = await startSlackBot(tenant);
    let n = 0;
    responseUrl = () => s.slack.responseUrl(`fuzz-${++n}`);
  });
  afterAll(async () => {
    await s.stop();
    await tenant.close();
  });

  it('answers every one without a server error', async () => {
    const statuses = new Map<number, number>();
    const runs = Number(process.env.FUZZ_RUNS ?? 800);
    await fc.assert(
      fc.asyncProperty(fc.oneof({ weight: 30, arbitrary: slash }, { weight: 30, arbitrary: interaction }, { weight: 20, arbitrary: eventDelivery }, { weight: 20, arbitrary: raw }, { weight: 1, arbitrary: rawForm }), async (request) => {
        const res = await sendSigned(s.endpoint, SIGNING_SECRET, request);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: runs },
    );
    // Mostly accepted, some refused as malformed: the fuzz reached past the signature check.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(runs * 0.4);

    tenant.clock.advance(5 * 60_000); // past anyone's rate limit from the fuzz
    const ok = await sendSigned(s.endpoint, SIGNING_SECRET, slashCommand({ text: 'help', user_id: SLACK_USERS.alice!, channel_id: SLACK_CHANNELS.room, response_url: s.slack.responseUrl('after') }));
    expect(ok.status).toBe(200);
    expect(String((await s.slack.waitForResponse('after')).body.text)).toContain('start');
    await s.bot.tick();
    // Failures the bot itself caused would be logged at error level; the only ones allowed are Bolt's
    // "not acknowledged within 3 seconds" for payload types the app never registers (modals, shortcuts).
    // A reset connection to the fake's response_url under this load is the network's doing, not the bot's.
    const transport = (l: Record<string, unknown>) => /ECONNRESET|socket hang up|EPIPE/.test(JSON.stringify(l.error ?? l.err ?? {}));
    const errors = s.logs.filter((l) => l.level >= 50 && !/not acknowledged within 3 seconds/.test(l.msg) && !transport(l));
    expect(errors.map((e) => `${e.msg}: ${JSON.stringify(e.error ?? e.err ?? {}).slice(0, 300)}`)).toEqual([]);
  }, 240_000);
});
