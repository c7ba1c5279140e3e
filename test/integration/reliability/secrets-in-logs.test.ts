import { userInfo } from 'node:os';
import { Writable } from 'node:stream';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { PEOPLE, startTenantSimulator, type TenantSimulator } from '../../../sim';
import { readEnv } from '../../../bot/config/env';
import { parseConfig } from '../../../bot/config/load-config';
import { createLogger } from '../../../bot/core/logger';
import { createBot, type Bot } from '../../../app/create-bot';
import { FakeSlack } from '../../fakes/fake-slack';
import { requireTestCa } from '../../fakes/graph-sim-harness';
import { sendSigned, slashCommand } from '../../support/slack-signing';
import { createTestStorage, TEST_DATABASE_URL, type DisposableTestStorage } from '../../support/storages';

const SIGNING_SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const BOT_TOKEN = 'xoxb-2741938-9051776-QmVyeVNlY3JldEJvdFRva2Vu';
const CLIENT_SECRET = 'Qw38Q~Zt5nB2vC7xL9kJ4hG1fD6sA0pO3iU8yT2r';
const APP_PASSWORD = 'teams~AppPassw0rd.Never-Logged';
const TYPED_PASSWORD = 'Tr0ub4dor&3-horse';

const ALICE = 'U0ALICE01';
const CHANNEL = 'C0SECURITY';

/**
 * The bot at debug level, with every credential it can be given set, doing
 * ordinary and failing work over real HTTP (Slack commands, Graph calls,
 * refused requests, platform errors). Its log must not contain any of them.
 */
describe('logs never contain secrets', () => {
  let slack: FakeSlack;
  let sim: TenantSimulator;
  let bot: Bot;
  let db: DisposableTestStorage;
  const lines: string[] = [];
  /** A password in DATABASE_URL (the server trusts the test user, so any password connects). */
  let dbPassword = 'Db-Pa55w0rd-Unlogged';
  let databaseUrl = '';

  beforeAll(async () => {
    requireTestCa();
    // A schema of its own on the test PostgreSQL, reached through DATABASE_URL as a deployment would.
    db = await createTestStorage('postgres');
    const u = new URL(TEST_DATABASE_URL);
    if (!u.username) u.username = encodeURIComponent(process.env.PGUSER || userInfo().username);
    if (u.password) dbPassword = decodeURIComponent(u.password);
    else u.password = dbPassword;
    u.searchParams.set('options', `-c search_path=${db.openOptions.pgSchema!}`);
    databaseUrl = u.toString();
    slack = await FakeSlack.start({ botToken: BOT_TOKEN, users: [{ id: ALICE, name: 'alice', email: PEOPLE.alice.upn }] });
    sim = await startTenantSimulator({ scenario: 'quiet', clientSecret: CLIENT_SECRET });
    const base = playgroundConfig();
    const config = parseConfig(
      {
        ...base,
        people: { ...base.people, alice: { ...base.people.alice, slack: ALICE } },
        channels: { ...base.channels, security: { slack: CHANNEL } },
        graph: { baseUrl: sim.graphBaseUrl, authorityHost: sim.authorityHost, source: 'tenant' },
        teams: { allowedTenants: [sim.tenantId] },
      },
      'secrets test',
    );
    const env = readEnv({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      // The variable the bot really reads (bot/config/env.ts), so env.databaseUrl carries the password.
      DATABASE_URL: databaseUrl,
      AZURE_TENANT_ID: sim.tenantId,
      AZURE_CLIENT_ID: sim.clientId,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      MICROSOFT_APP_ID: '6f1c3f0e-2b7a-4c55-9b1e-3d2f1a0b9c8d',
      MICROSOFT_APP_PASSWORD: APP_PASSWORD,
    });
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }) });
    // The environment a real deployment has, in case anything logs process.env.
    process.env.SLACK_BOT_TOKEN = BOT_TOKEN;
    process.env.AZURE_CLIENT_SECRET = CLIENT_SECRET;
    process.env.DATABASE_URL = databaseUrl;
    bot = await createBot({ config, env, logger, listen: { host: '127.0.0.1', port: 0 }, slackPacingMs: 1 });
  });

  afterAll(async () => {
    await bot.stop();
    await sim.close();
    await slack.close();
    await db.dispose();
    delete process.env.SLACK_BOT_TOKEN;
    delete process.env.AZURE_CLIENT_SECRET;
    delete process.env.DATABASE_URL;
  });

  const endpoint = () => `${bot.server!.url}/slack/events`;
  const command = (text: string, id: string) => slashCommand({ text, user_id: ALICE, user_name: 'alice', channel_id: CHANNEL, response_url: slack.responseUrl(id) });

  it('works, fails and refuses things at debug level without logging a credential', async () => {
    // A working command that reads Graph (identity, roles) and posts cards through the Web API.
    expect((await sendSigned(endpoint(), SIGNING_SECRET, command('start Global admins locked out', 'start'))).status).toBe(200);
    await slack.waitForResponse('start', 15_000);
    await bot.tick();
    // A command carrying a password: refused, and the password must not reach the log either.
    expect((await sendSigned(endpoint(), SIGNING_SECRET, command(`note the bg01 password is ${TYPED_PASSWORD}`, 'typed')))).toBeTruthy();
    expect(String((await slack.waitForResponse('typed')).body.text)).toMatch(/looks like it contains a password/);
    // A forged request, Slack failing, Graph refusing its token: all logged, none with a secret.
    expect((await sendSigned(endpoint(), 'not-the-secret', command('status', 'forged'))).status).toBe(401);
    slack.failNext('chat.postMessage', { status: 503 }, 2);
    sim.revokeTokens();
    expect((await sendSigned(endpoint(), SIGNING_SECRET, command('signins --since 2h', 'signins'))).status).toBe(200);
    await until(() => lines.some((l) => l.includes('Graph operation failed')));
    await until(async () => (await bot.storage.pendingEffectCount()) === 0);

    const log = lines.join('');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('Graph operation failed');
    for (const secret of [SIGNING_SECRET, BOT_TOKEN, CLIENT_SECRET, APP_PASSWORD, dbPassword, TYPED_PASSWORD]) {
      expect(log).not.toContain(secret);
    }
    // No bearer token the bot obtained from the identity platform either.
    expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}/);
    expect(log).not.toMatch(/Bearer\s+[A-Za-z0-9._~+/-]{20,}/i);
  });
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
