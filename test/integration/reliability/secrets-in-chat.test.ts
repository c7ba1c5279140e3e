import { existsSync, readFileSync } from 'node:fs';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, buttonOn, incidentIdIn, requestIdIn, ROOM, startTenant, TestBot, type Tenant } from './support/bot-harness';

/** Things a responder might paste in a hurry (none of them real). */
const PASSWORD = 'Tr0ub4dor&3-horse';
// Test-only: made up to match the shape of an Entra client secret; it was never issued.
const CLIENT_SECRET = 'Xy78Q~Kq3vT9pLm2Rw7YbN4cX1dF6gH0jS5aE8uI';
const ACCESS_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl';
const SLACK_TOKEN = 'xoxb-1234567890-abcdefghijklmnop';
const SECRETS = [PASSWORD, CLIENT_SECRET, ACCESS_TOKEN, SLACK_TOKEN, 'Winter2026!'];

const WARNING = /^That message looks like it contains (a|an) [^.]+\. I did not store or repeat it\. If it was real, rotate it now\.$/;

/**
 * A credential typed into the bot is not echoed, not kept (timeline, audit,
 * outbox, anywhere in the database file), and the sender is told to rotate it.
 */
describe('a secret typed into a command or a button box', () => {
  let tenant: Tenant;
  let bot: TestBot;
  let incident: string;
  beforeAll(async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    incident = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));
  });
  afterAll(async () => {
    await bot.stop();
    await tenant.close();
  });

  it.each([
    ['a note with a password in words', `note the bg01 password is ${PASSWORD}`],
    ['a start with a client secret', `start app secret leaked: ${CLIENT_SECRET}`],
    ['a done with an access token', `done 4 token ${ACCESS_TOKEN}`],
    ['an elevation justification with a password', 'elevate GA for 30m because password=Winter2026!'],
    ['a note with a Slack token', `note slack bot token ${SLACK_TOKEN}`],
  ])('%s: refused with a warning that does not repeat it', async (_what, text) => {
    const reply = await bot.say('alice', text);
    expect(reply).toMatch(WARNING);
    for (const secret of SECRETS) expect(reply).not.toContain(secret);
  });

  it('a deny reason with a password: refused with the warning, the request still open', async () => {
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    const card = bot.card(`Elevation ${id}:`, APPROVERS);
    const reply = await bot.click('carol', card, 'elevation.deny', { reason: `the break-glass password is ${PASSWORD}` });
    expect(reply).toMatch(WARNING);
    expect(FakeChat.textOf(card.message)).toContain('Approvals: 0 of 1');
    expect((await bot.bot.runtime.get(id))?.row.status).toBe('active');
  });

  it('a support case reference with a client secret: refused with the warning', async () => {
    const checklist = bot.card(`Break-glass incident ${incident}`, ROOM);
    const support = buttonOn(checklist.message, 'breakglass.support');
    const reply = await bot.deliver(bot.action('alice', support, { message: checklist, inputs: { reference: `client_secret=${CLIENT_SECRET}` } }));
    expect(reply).toMatch(WARNING);
  });

  it('none of it reached a chat message, the audit trail, or any byte of the database', async () => {
    const chatText = bot.chat.messages.flatMap((m) => m.history.map((h) => JSON.stringify(h))).join('\n');
    const audit = JSON.stringify(await bot.audit());
    const workflows = JSON.stringify(await bot.bot.storage.listWorkflows({}));
    const dbFile = `${bot.dir}/breakglass.db`;
    const bytes = Buffer.concat([dbFile, `${dbFile}-wal`].filter(existsSync).map((f) => readFileSync(f)));
    expect(bytes.length).toBeGreaterThan(0);
    for (const secret of SECRETS) {
      expect(chatText).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(workflows).not.toContain(secret);
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    // The sender was warned each time: the refusals are in the log only as a kind.
    expect(audit).toContain('Global admins locked out');
  });
});
