import { join } from 'node:path';
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { runAuditVerify } from '../../bot/audit/audit-commands';
import { readAuditKeyring } from '../../bot/audit/audit-keyring';
import { parseCommand } from '../../bot/core/command-grammar';
import { createLogger } from '../../bot/core/logger';
import { detectSecret } from '../../bot/core/secret-detector';
import { replyText, SECOND, startTenant, TestBot, type Tenant } from '../integration/reliability/support/bot-harness';
import { actionId, buttonValue, commandText, inputs, PEOPLE } from '../integration/reliability/support/inbound-arbitraries';

const INTERNAL = 'Something went wrong on our side';
const REF = / \(ref [0-9a-f]{8}\)$/;

/**
 * Thousands of arbitrary commands and clicks from arbitrary people, straight
 * into the real bot's router (real runtime, SQLite, Graph adapter over the
 * simulated tenant). Whatever arrives: no exception escapes, nothing fails
 * inside the bot, every command either runs or is answered with what the
 * parser said (with its usage); afterwards the audit chain is intact.
 */
describe('every inbound handler under arbitrary input', () => {
  let tenant: Tenant;
  let bot: TestBot;
  const logLines: Array<{ level: number; msg: string }> = [];

  beforeAll(async () => {
    tenant = await startTenant();
    const logger = createLogger({
      level: 'warn',
      destination: new Writable({ write: (chunk: Buffer, _e, done) => (logLines.push(JSON.parse(chunk.toString()) as { level: number; msg: string }), done()) }),
    });
    bot = await TestBot.start(tenant, { logger });
    // Something for clicks to land on: an open incident and a pending request.
    await bot.say('alice', 'start fuzzing target');
    await bot.say('alice', 'elevate GA for 30m because fuzzing target');
  });

  afterAll(async () => {
    await bot.stop();
    await tenant.close();
  });

  const ids = () => ['BG-NONE'];
  let known: string[] = [];
  const refreshIds = async () => {
    known = (await bot.bot.storage.listWorkflows({})).map((w) => w.id);
  };
  let runs = 0;
  /** Time moves between deliveries (so the per-user rate limit refills), and queued work runs now and then. */
  async function between(): Promise<void> {
    bot.clock.advance(3 * SECOND);
    if (++runs % 100 === 0) {
      await bot.bot.tick();
      await refreshIds();
    }
  }

  it('commands: always a reply the parser explains, or the command runs', async () => {
    const outcomes = { parsed: 0, limited: 0 };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PEOPLE), commandText, fc.constantFrom('incident-room', 'approvers', 'dm:alice'), async (who, text, where) => {
        await between();
        const result = await bot.bot.router.handle(bot.command(who, text, where));
        const reply = replyText(result);
        expect(reply).not.toContain(INTERNAL);
        if (/^You're sending commands faster/.test(reply)) outcomes.limited += 1;
        else if (parseCommand(text).ok) outcomes.parsed += 1;
        const parsed = parseCommand(text);
        if (!detectSecret(text) && !parsed.ok && !/^You're sending commands faster/.test(reply)) {
          expect(reply).toContain(parsed.error);
          if (parsed.usage) expect(reply).toContain(`Usage: ${parsed.usage}`);
          expect(reply).toMatch(REF);
        }
      }),
      { numRuns: 2_000 },
    );
    // The fuzz reached the handlers: plenty of commands parsed and ran, few were held back by the rate limit.
    expect(outcomes.parsed).toBeGreaterThan(500);
    expect(outcomes.limited).toBeLessThan(100);
  });

  it('clicks: any action id, value and typed input is answered, never thrown', async () => {
    await refreshIds();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PEOPLE), actionId, buttonValue(() => (known.length ? known : ids())), inputs, fc.boolean(), async (who, id, value, typed, teams) => {
        await between();
        const event = bot.action(who, { actionId: id, value }, typed ? { inputs: typed } : {});
        if (teams) event.actor = { platform: 'teams', platformUserId: `29:${who}` };
        const result = await bot.bot.router.handle(event);
        expect(replyText(result)).not.toContain(INTERNAL);
      }),
      { numRuns: 1_500 },
    );
  });

  it('afterwards: everything queued ran without an internal failure, and the audit chain verifies', async () => {
    await bot.bot.tick();
    const errors = logLines.filter((l) => l.level >= 50);
    expect(errors.map((e) => e.msg)).toEqual([]);
    const out: string[] = [];
    // The bot chained its entries with the development key it made beside its SQLite file.
    const { keys } = readAuditKeyring({}, join(bot.dir, 'breakglass.db'));
    expect(await runAuditVerify(bot.bot.storage, (l) => out.push(l), { keyring: keys })).toBe(0);
    expect(out[0]).toMatch(/^Audit log intact: \d+ entries/);
    expect((await bot.bot.storage.listWorkflows({})).length).toBeGreaterThan(2);
  });
});
