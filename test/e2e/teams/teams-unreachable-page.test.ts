import { parseDuration } from '../../../workflows/duration';
import { botAddedToTeam, channelMention } from '../../fixtures/teams/teams-activities';
import { cardOf, cardText } from './support/card-clicks';
import { isChecklistPost, postedMessageId, shownCard } from './support/incident-cards';
import { INCIDENTS_CHANNEL, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from './support/teams-bot-world';

/**
 * The Bot Connector refuses the manager's 1:1 chat (403: the app is not
 * installed for them; 404: unknown user). The page falls back to the incident
 * thread at once, the checklist says the manager could not be reached, the
 * rest of the incident is not held up, and level 1 is paged when the ack
 * timeout runs out on the test clock.
 */
const alice = teamsUser('alice');
const judy = teamsUser('judy');

describe.each([403, 404])('the Bot Connector answers %i for the manager’s chat', (status) => {
  let w: TeamsBotWorld;
  beforeAll(async () => {
    w = await startTeamsBotWorld();
    // Installed in the Security team: the tenant's service URL is known, so the bot can try to open 1:1 chats.
    expect((await w.post(botAddedToTeam(w.world, alice))).status).toBe(200);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('falls back to an @mention in the thread, shows the manager unreachable, and escalates on time', async () => {
    // Ivan's page is the first chat the bot creates.
    w.connector.failNext(status, 1, { kind: 'createConversation' });
    const before = w.connector.calls.length;
    const start = channelMention(w.world, alice, 'start Global admins locked out after a CA policy change');
    const thread = `${INCIDENTS_CHANNEL};messageid=${start.id!}`;
    const startedAt = Date.now();
    await w.post(start);
    const [reply] = (await w.connector.waitForCalls(before + 1)).slice(before);
    const incidentId = /Incident (BG-[A-Z0-9-]+)/.exec(cardText(cardOf(reply)))![1]!;
    await w.bot.tick();

    const inThread = () => w.connector.calls.slice(before).filter((c) => c.conversationId === thread);
    const fallback = inThread().find((c) => c.kind === 'send' && cardText(cardOf(c)).includes('cannot send you a direct message'));
    expect(w.connector.attempts.filter((c) => c.kind === 'createConversation').map((c) => c.status)).toEqual([status]);
    expect(fallback).toBeDefined();
    expect(cardText(cardOf(fallback))).toContain('Ivan');
    // A real mention: Teams notifies Ivan through the entity that names him.
    const ivan = w.bot.config.people.ivan!;
    const entities = (cardOf(fallback) as { msteams?: { entities?: Array<{ type: string; text: string; mentioned: { id: string; name: string } }> } }).msteams?.entities;
    expect(entities).toEqual([{ type: 'mention', text: `<at>${ivan.name}</at>`, mentioned: { id: ivan.teams, name: ivan.name } }]);
    expect(JSON.stringify(cardOf(fallback))).toContain(`<at>${ivan.name}</at> the bot cannot send you a direct message`);
    expect(fallback!.at - startedAt).toBeLessThan(2000);

    const checklistId = await postedMessageId(w.bot, incidentId, 'checklist@home');
    const checklist = () => cardText(shownCard(w.connector, checklistId, (c) => c.conversationId === thread && isChecklistPost(c)));
    expect(checklist()).toContain('could not reach by direct message');
    // The sign-in summary and the federation notice were not held up behind the failed page.
    expect(inThread().some((c) => cardText(cardOf(c)).includes('Sign-in review'))).toBe(true);
    expect(inThread().some((c) => cardText(cardOf(c)).includes('Step 6'))).toBe(true);
    expect(inThread().filter((c) => c.kind !== 'createConversation').every((c) => c.at - startedAt < 2000)).toBe(true);

    // Level 1 on time: the ack timeout on the test clock, one tick.
    const escalation = w.connector.calls.length;
    w.clock.advance(parseDuration(w.bot.config.breakGlass.ackTimeout)! + 1000);
    await w.bot.tick();
    const created = w.connector.calls.slice(escalation).find((c) => c.kind === 'createConversation');
    expect(JSON.stringify(created?.body)).toContain(judy.aadObjectId);
    const judyPage = w.connector.calls.slice(escalation).find((c) => c.kind === 'send' && c.conversationId?.startsWith('a:fake-personal-'));
    expect(cardText(cardOf(judyPage))).toContain('escalation level 1');
    expect(checklist()).toContain('Judy Jones: page delivered');
  });
});
