import { Writable } from 'node:stream';
import { createHttpApp, listen } from '../../../adapters/http/http-server';
import { createTeamsAdapter } from '../../../adapters/teams/teams-bot-adapter';
import { createTeamsEndpoint } from '../../../adapters/teams/teams-endpoint';
import { isBreakglassError } from '../../../bot/core/errors';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import { createLogger, silentLogger } from '../../../bot/core/logger';
import { startFakeBotConnector } from '../../fakes/fake-bot-connector';
import { channelMention, DANA } from '../../fixtures/teams/teams-activities';
import { APP_ID, startTeamsHarness, type TeamsHarness } from '../../fixtures/teams/teams-harness';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
  // botbuilder prints token failures with console.error; the assertions are on status codes.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await h.close();
});

beforeEach(() => {
  h.events.length = 0;
});

describe('inbound Bot Framework tokens (auth on, local issuer)', () => {
  test('a valid channel token is accepted', async () => {
    const res = await h.post(channelMention(h.world, DANA, 'status'));
    expect(res.status).toBe(200);
    await waitFor(() => h.events.length === 1);
  });

  /** [case, token, status, why the log says it was refused] */
  const rejected: Array<[string, (h: TeamsHarness) => string, number, RegExp]> = [
    ['no Authorization header', () => '', 401, /missing bearer token/],
    ['a token that is not a JWT', () => 'not-a-jwt', 401, /issuer not accepted/],
    ['wrong audience (another bot)', (h) => h.issuer.channelToken({ aud: '00000000-0000-0000-0000-000000000000', serviceUrl: h.connector.serviceUrl }), 401, /Invalid AppId/],
    ['wrong issuer', (h) => h.issuer.channelToken({ aud: APP_ID, serviceUrl: h.connector.serviceUrl, iss: 'https://sts.evil.example/' }), 401, /issuer not accepted/],
    ['expired', (h) => h.issuer.channelToken({ aud: APP_ID, serviceUrl: h.connector.serviceUrl, expiresIn: -3600 }), 401, /expired/],
    ['signed by an unknown key', (h) => h.issuer.channelToken({ aud: APP_ID, serviceUrl: h.connector.serviceUrl }, { key: 'unknown' }), 401, /Signing Key could not be retrieved/],
    ['alg none', (h) => h.issuer.channelToken({ aud: APP_ID, serviceUrl: h.connector.serviceUrl }, { alg: 'none' }), 401, /signature is required/],
    ['serviceUrl claim for another service', (h) => h.issuer.channelToken({ aud: APP_ID, serviceUrl: 'https://smba.evil.example/amer/' }), 401, /ServiceUrl claim do not match/],
    [
      'a tampered payload',
      (h) => {
        const [header, , signature] = h.validToken().split('.');
        const payload = Buffer.from(JSON.stringify({ aud: APP_ID, iss: h.issuer.channelIssuer, serviceurl: h.connector.serviceUrl, exp: 4102444800 })).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
      401,
      /invalid signature/,
    ],
  ];

  test.each(rejected)('%s is rejected (not a 500) and reaches nothing', async (_name, token, status, why) => {
    const attempts = h.connector.attempts.length;
    const res = await h.post(channelMention(h.world, DANA, 'start outage'), token(h));
    expect(res.status).toBe(status);
    expect(String(h.logs.filter((l) => l.msg === 'teams request rejected').at(-1)?.reason)).toMatch(why);
    expect(h.events).toEqual([]);
    expect(h.connector.attempts.length).toBe(attempts);
  });

  test('a channel other than msteams is refused (Web Chat lets the client pick its user id)', async () => {
    const activity = { ...channelMention(h.world, DANA, 'status'), channelId: 'webchat' };
    const res = await h.post(activity);
    expect(res.status).toBe(403);
    expect(h.events).toEqual([]);
  });

  test('a body that is not an activity is a 400', async () => {
    const res = await fetch(`${h.server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.validToken()}` }, body: '[1,2,3]' });
    expect(res.status).toBe(400);
  });
});

describe('start-up settings', () => {
  test('an empty app id is refused unless auth is explicitly off', () => {
    let error: unknown;
    try {
      createTeamsAdapter({ appId: '', appPassword: 'x', logger: silentLogger });
    } catch (e) {
      error = e;
    }
    expect(isBreakglassError(error) && error.code).toBe('config.invalid');
  });

  test('an app id without a password or credential is refused', () => {
    expect(() => createTeamsAdapter({ appId: APP_ID, logger: silentLogger })).toThrow(/MICROSOFT_APP_PASSWORD/);
  });

  test('local mode (disableAuth) accepts unsigned requests and warns loudly at start', async () => {
    const lines: string[] = [];
    const logger = createLogger({ destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }) });
    const connector = await startFakeBotConnector({ acceptAnonymous: true });
    const events: InboundEvent[] = [];
    const endpoint = createTeamsEndpoint({
      appId: '',
      disableAuth: true,
      logger,
      allowedTenants: [],
      onEvent: async (e) => {
        events.push(e);
        return { kind: 'reply', text: 'ok', ephemeral: false };
      },
      onConversationRef: async () => undefined,
    });
    const server = await listen(createHttpApp({ teams: endpoint }), 0, '127.0.0.1');
    try {
      expect(lines.some((l) => l.includes('authentication is OFF'))).toBe(true);
      const activity = channelMention({ appId: 'local', botName: 'breakglass', tenantId: 't', serviceUrl: connector.serviceUrl, teamId: '19:t', channelId: '19:c' }, DANA, 'help');
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
      const [reply] = await connector.waitForCalls(1);
      expect(reply?.authorization).toBeUndefined();
      expect(events).toHaveLength(1);
    } finally {
      await server.close();
      await connector.close();
    }
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
