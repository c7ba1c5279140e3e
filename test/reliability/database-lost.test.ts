import { Writable } from 'node:stream';
import { playgroundConfig } from '../../adapters/playground/playground-config';
import { readEnv } from '../../bot/config/env';
import type { CommandEvent } from '../../bot/core/inbound-event';
import { createBot, type Bot } from '../../app/create-bot';
import { FakeChat } from '../fakes/fake-chat';
import { createGraphPort } from '../../adapters/graph/graph-port';
import { startTenantSimulator, type TenantSimulator } from '../../sim';
import { createLogger, silentLogger } from '../../bot/core/logger';
import { requireTestCa } from '../fakes/graph-sim-harness';
import { replyText } from '../integration/reliability/support/bot-harness';
import { PrivatePostgres } from './support/private-postgres';

/**
 * The bot on a PostgreSQL of the test's own, which is stopped in the middle
 * of an incident and started again. While it is gone, requests fail visibly
 * (one sentence and a correlation id; /readyz says 503) and nothing crashes;
 * when it is back the same process carries on, no restart.
 */
describe('PostgreSQL lost and regained while the bot runs', () => {
  let pg: PrivatePostgres;
  let sim: TenantSimulator;
  let bot: Bot;
  const chat = new FakeChat('playground');
  const logs: Array<{ level: number; msg: string }> = [];
  let seq = 0;

  beforeAll(async () => {
    pg = await PrivatePostgres.create();
    await pg.start();
    requireTestCa();
    sim = await startTenantSimulator({ scenario: 'quiet' });
    // Real time here: the outbox and timer loops retry on the clock, as in production.
    const graph = createGraphPort({ baseUrl: sim.graphBaseUrl, authorityHost: sim.authorityHost, tenantId: sim.tenantId, clientId: sim.clientId, clientSecret: sim.clientSecret, logger: silentLogger });
    const logger = createLogger({ level: 'warn', destination: new Writable({ write: (c: Buffer, _e, done) => (logs.push(JSON.parse(c.toString()) as { level: number; msg: string }), done()) }) });
    bot = await createBot({
      config: playgroundConfig(),
      env: readEnv({ DATABASE_URL: pg.url }),
      logger,
      graph,
      chats: { playground: chat },
      listen: { host: '127.0.0.1', port: 0 },
      loops: true,
      pollMs: 100,
    });
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await sim?.close();
    await pg?.destroy();
  });

  const ready = async () => {
    const res = await fetch(`${bot.server!.url}/readyz`);
    return { status: res.status, body: (await res.json()) as { ok: boolean; checks: Record<string, string> } };
  };
  const say = async (who: string, text: string) => {
    const event: CommandEvent = { type: 'command', text, deliveryKey: `pg-lost:${++seq}`, actor: { platform: 'playground', platformUserId: who }, place: { platform: 'playground', conversationId: 'incident-room' }, receivedAt: Date.now() };
    return replyText(await bot.router.handle(event));
  };
  const until = async (condition: () => Promise<boolean>, ms = 20_000) => {
    const end = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > end) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('fails visibly while the database is down and recovers by itself when it is back', async () => {
    expect(await ready()).toEqual({ status: 200, body: { ok: true, checks: { database: 'ok' } } });
    expect(await say('alice', 'start Global admins locked out')).toMatch(/^Incident BG-\w+ is open/);
    await until(async () => chat.inConversation('incident-room').length > 0);

    await pg.stop();

    const down = await ready();
    expect(down.status).toBe(503);
    expect(down.body.ok).toBe(false);
    expect(down.body.checks.database).toMatch(/^Cannot use the PostgreSQL database postgres at 127\.0\.0\.1:\d+: .+; check DATABASE_URL and that PostgreSQL is running\.$/);
    const refused = await say('alice', 'done 2');
    // One sentence a person can act on or pass on, with the reference support will ask for.
    expect(refused).toMatch(/^Cannot use the PostgreSQL database postgres at 127\.0\.0\.1:\d+: [^.]+; check DATABASE_URL and that PostgreSQL is running\. \(ref [0-9a-f]{8}\)$/);
    expect(refused).not.toContain('Something went wrong');
    expect((await fetch(`${bot.server!.url}/healthz`)).status).toBe(200);
    // The timer and outbox loops keep running into the outage without taking the process down.
    await new Promise((resolve) => setTimeout(resolve, 500));

    await pg.start();
    await until(async () => (await ready()).status === 200);
    expect(await say('alice', 'done 2')).toMatch(/^Step 2 of BG-\S+ is done\.$/);
    // The effects stuck mid-flight when the database went away go out now, not after their claim runs out.
    await until(async () => /[1-8] of 8 steps done/.test(chat.inConversation('incident-room')[0]?.message.fallbackText ?? '') && (await bot.storage.pendingEffectCount()) === 0, 10_000);
    const incident = (await bot.runtime.list('break-glass'))[0];
    expect(incident?.row.status).toBe('active');
    expect(logs.filter((l) => l.level >= 60)).toEqual([]);
  });
});
