import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { createLogger } from '../../../bot/core/logger';
import { ordinaryText, secretArb } from '../../support/secret-arbitraries';
import { startTenant, TestBot, type Tenant } from './support/bot-harness';

/** The issue 14 findings: each reached the audit log before. Made-up values. */
const FINDINGS: Array<[string, string]> = [
  ['pw: Xk7#mQ2vL9$p', 'Xk7#mQ2vL9$p'],
  ['passcode: 83jd!Kq2xx', '83jd!Kq2xx'],
  ['Passwort: Geheim123!', 'Geheim123!'],
  ['used bg-01 with Tr0ub4dor&3-horse-battery', 'Tr0ub4dor&3-horse-battery'],
  ['q7Zk2LmX9pR4tV8wN3bY6cD1', 'q7Zk2LmX9pR4tV8wN3bY6cD1'],
];

/**
 * The whole bot (router, machines, storage, effects) with a logger at debug
 * level whose output is captured: a secret typed into a command or a card's
 * text box must reach none of the audit table, the log or any chat message.
 */
describe('secrets typed at the bot are never stored, logged or posted', () => {
  let tenant: Tenant;
  let t: TestBot;
  const lines: string[] = [];
  const database = join(mkdtempSync(join(tmpdir(), 'bg-secrets-')), 'breakglass.db');

  beforeAll(async () => {
    tenant = await startTenant();
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }) });
    t = await TestBot.start(tenant, { logger, sqlitePath: database });
    await t.say('alice', 'start Global admins locked out');
  });

  afterAll(async () => {
    await t.stop();
    await tenant.close();
  });

  /**
   * Everything the bot kept or said: audit rows, log lines, every posted or whispered message, and the
   * database's own bytes (file and write-ahead log), so no table (inbound answers, outbox, snapshots) is left out.
   */
  async function everything(): Promise<string> {
    const audit = JSON.stringify(await t.bot.storage.listAudit({}));
    const stored = [database, `${database}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f).toString('latin1'));
    return [audit, lines.join(''), JSON.stringify(t.chat.messages), JSON.stringify(t.chat.whispers), ...stored].join('\n');
  }

  it.each(FINDINGS)('"%s" in a note is refused with a private warning and kept nowhere', async (text, secret) => {
    const reply = await t.say('alice', `note ${text}`);
    expect(reply).toMatch(/looks like it contains .*rotate it/);
    expect(await everything()).not.toContain(secret);
  });

  it('a secret typed into a card text box (a deny reason) is kept nowhere', async () => {
    const reply = await t.say('alice', 'elevate GA for 30m because restore the CA policy');
    const id = /\b(EL-\w{6})\b/.exec(reply)?.[1];
    if (!id) throw new Error(`no request id in ${reply}`);
    const card = t.card(`Elevation ${id}:`);
    const answer = await t.click('carol', card, 'elevation.deny', { reason: 'fine, pw: Xk7#mQ2vL9$p' });
    expect(answer).toMatch(/looks like it contains/);
    expect(await everything()).not.toContain('Xk7#mQ2vL9$p');
  });

  it('property: a random secret in random incident text never reaches the audit table, the log or a chat message', async () => {
    await fc.assert(
      fc.asyncProperty(ordinaryText, secretArb, ordinaryText, fc.constantFrom('note', 'start', 'elevate GA for 30m because'), async (before, s, after, verb) => {
        await t.say('alice', `${verb} ${before} ${s.phrase} ${after}`);
        expect(await everything()).not.toContain(s.secret);
      }),
      { numRuns: 40 },
    );
  });

  it('property: ordinary incident text in a note is taken, not refused', async () => {
    await fc.assert(
      fc.asyncProperty(ordinaryText, async (text) => {
        const reply = await t.say('alice', `note ${text}`);
        expect(reply).not.toMatch(/looks like it contains/);
      }),
      { numRuns: 20 },
    );
  });
});
