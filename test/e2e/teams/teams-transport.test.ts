import { channelMention, personalMessage } from '../../fixtures/teams/teams-activities';
import { buttonTitles, cardOf, cardText, channelClick, invokeCard, press } from './support/card-clicks';
import { isChecklistPost, postedMessageId, shownCard } from './support/incident-cards';
import { APP_ID, eventually, INCIDENTS_CHANNEL, installPersonally, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from './support/teams-bot-world';

/**
 * The running bot (createBot) behind real HTTP with Bot Framework auth ON:
 * each kind of activity Teams sends, and what arrives at the Bot Connector.
 */
let w: TeamsBotWorld;
const alice = teamsUser('alice');
const ivan = teamsUser('ivan');

beforeAll(async () => {
  w = await startTeamsBotWorld();
  // botbuilder reports token failures with console.error; the assertions are on status codes.
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await w?.close();
});

const callsAfter = async (before: number, count: number) => (await w.connector.waitForCalls(before + count)).slice(before);

describe('messages that @mention the bot', () => {
  test('in a channel: the answer is a reply in the same thread', async () => {
    const before = w.connector.calls.length;
    const activity = channelMention(w.world, alice, 'help close');
    expect((await w.post(activity)).status).toBe(200);

    const [reply] = await callsAfter(before, 1);
    expect(reply).toMatchObject({ kind: 'reply', conversationId: `${INCIDENTS_CHANNEL};messageid=${activity.id}`, activityId: activity.id });
    expect(cardText(cardOf(reply))).toContain('Close the incident and post the report.');
  });

  test('in a 1:1 chat: the answer goes back into that chat', async () => {
    const before = w.connector.calls.length;
    const activity = personalMessage(w.world, alice, '<at>breakglass</at> elevations');
    expect((await w.post(activity)).status).toBe(200);

    const [reply] = await callsAfter(before, 1);
    expect(reply).toMatchObject({ kind: 'reply', conversationId: `a:1personal-${alice.aadObjectId}` });
    expect(cardText(cardOf(reply))).toContain('No pending or active elevations.');
  });
});

describe('install, proactive posts and card clicks', () => {
  let threadRoot: string;
  let checklistId: string;

  test('after a manager installed the app (conversationUpdate), a new incident pages them in that 1:1 chat', async () => {
    await installPersonally(w, ivan);
    const before = w.connector.calls.length;
    const start = channelMention(w.world, alice, 'start Global admins locked out');
    threadRoot = start.id!;
    await w.post(start);
    await callsAfter(before, 1); // the "incident is open" reply
    await w.bot.tick();

    const sent = w.connector.calls.slice(before).filter((c) => c.kind === 'send');
    const checklist = sent.find((c) => c.conversationId === `${INCIDENTS_CHANNEL};messageid=${threadRoot}` && cardText(cardOf(c)).includes('Global admins locked out'));
    const page = sent.find((c) => c.conversationId === `a:1personal-${ivan.aadObjectId}`);
    expect(checklist).toBeDefined();
    expect(cardText(cardOf(page))).toContain('please acknowledge');
    expect(buttonTitles(cardOf(page))).toContain('Acknowledge');
    // The stored reference was enough: no new 1:1 chat had to be created.
    expect(w.connector.calls.some((c) => c.kind === 'createConversation')).toBe(false);
    const incidentId = /Incident (BG-[A-Z0-9-]+)/.exec(cardText(cardOf(w.connector.calls[before])))![1]!;
    checklistId = await postedMessageId(w.bot, incidentId, 'checklist@home');
  });

  test('an adaptiveCard/action invoke is answered with the updated card, and the message is updated in place', async () => {
    const before = w.connector.calls.length;
    const card = shownCard(w.connector, checklistId, isChecklistPost);
    const click = channelClick(w.world, INCIDENTS_CHANNEL, alice, press(card, 'Playbook reviewed'), { messageId: checklistId, threadRootId: threadRoot });

    const res = await w.post(click);
    expect(res.status).toBe(200);
    const answered = invokeCard(res.body);
    expect(cardText(answered)).toMatch(/2\. Review the attack playbook — done/);
    expect(buttonTitles(answered)).not.toContain('Playbook reviewed');

    await w.bot.tick();
    const update = w.connector.calls.slice(before).find((c) => c.kind === 'update' && c.activityId === checklistId);
    expect(update?.conversationId).toBe(`${INCIDENTS_CHANNEL};messageid=${threadRoot}`);
    expect(cardText(cardOf(update))).toMatch(/2\. Review the attack playbook — done/);
  });
});

describe('Bot Framework tokens, checked by the whole bot', () => {
  test('a valid token is accepted, and the answers carry one cached outbound token from the configured authority', async () => {
    const before = w.connector.calls.length;
    expect((await w.post(channelMention(w.world, alice, 'help'))).status).toBe(200);
    await callsAfter(before, 1);
    // The fake Bot Connector only takes tokens from the local authority (teams.authorityHost).
    expect(w.connector.attempts.every((a) => a.status !== 401)).toBe(true);
    expect(w.issuer.tokenRequests()).toBe(1);
  });

  const bad: Array<[string, number, (w: TeamsBotWorld) => string]> = [
    ['no token', 401, () => ''],
    ['wrong audience (another bot)', 401, (w) => w.issuer.channelToken({ aud: '00000000-0000-4000-8000-000000000000', serviceUrl: w.connector.serviceUrl })],
    ['wrong issuer', 401, (w) => w.issuer.channelToken({ aud: APP_ID, serviceUrl: w.connector.serviceUrl, iss: 'https://sts.windows.net/evil/' })],
    ['expired', 401, (w) => w.issuer.channelToken({ aud: APP_ID, serviceUrl: w.connector.serviceUrl, expiresIn: -600 })],
    ['signed by an unknown key', 401, (w) => w.issuer.channelToken({ aud: APP_ID, serviceUrl: w.connector.serviceUrl }, { key: 'unknown' })],
    ['issued for another serviceUrl', 401, (w) => w.issuer.channelToken({ aud: APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' })],
  ];

  test.each(bad)('%s: refused with %i, nothing starts and nothing is sent', async (_case, status, token) => {
    const open = (await w.bot.runtime.list('break-glass', 'active')).length;
    const attempts = w.connector.attempts.length;
    const res = await w.post(channelMention(w.world, alice, 'start someone forged this'), token(w));
    expect(res.status).toBe(status);
    await w.bot.tick();
    expect((await w.bot.runtime.list('break-glass', 'active')).length).toBe(open);
    expect(w.connector.attempts.length).toBe(attempts);
  });

  test('an activity from a tenant that is not allowed is dropped, logged, and never a 500', async () => {
    const open = (await w.bot.runtime.list('break-glass', 'active')).length;
    const attempts = w.connector.attempts.length;
    const other = { ...w.world, tenantId: '11111111-2222-4333-8444-555555555555' };
    const message = await w.post(channelMention(other, alice, 'start from another organisation'));
    expect(message.status).toBe(200);
    const invoke = await w.post(channelClick(other, INCIDENTS_CHANNEL, alice, { verb: 'breakglass.playbook', data: { value: 'BG-X' } }, { messageId: '1' }));
    expect(invoke.status).toBe(200);
    expect(invoke.body).toMatchObject({ statusCode: 400 });

    await eventually(() => w.logs.filter((l) => l.msg === 'teams activity from a tenant that is not allowed: dropped').length >= 2 || undefined, 'the drop to be logged');
    await w.bot.tick();
    expect((await w.bot.runtime.list('break-glass', 'active')).length).toBe(open);
    expect(w.connector.attempts.length).toBe(attempts);
  });
});
