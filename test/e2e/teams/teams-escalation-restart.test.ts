import { parseDuration } from '../../../workflows/duration';
import { channelMention } from '../../fixtures/teams/teams-activities';
import { buttonTitles, cardOf, cardText, invokeCard, personalClick, press } from './support/card-clicks';
import { callsInto, postedMessageId } from './support/incident-cards';
import { installPersonally, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from './support/teams-bot-world';

/**
 * The escalation page is a proactive Teams DM sent from a conversation
 * reference stored in the database: it still goes out when the bot that
 * started the incident was stopped and a new process took over the file.
 */
let w: TeamsBotWorld;
const alice = teamsUser('alice');
const ivan = teamsUser('ivan');
const judy = teamsUser('judy');
const judyChat = `a:1personal-${judy.aadObjectId}`;

beforeAll(async () => {
  w = await startTeamsBotWorld();
  await installPersonally(w, ivan);
  await installPersonally(w, judy);
});

afterAll(async () => {
  await w?.close();
});

test('nobody acknowledges before a restart: the level-1 manager is paged by DM from the new process', async () => {
  const before = w.connector.calls.length;
  await w.post(channelMention(w.world, alice, 'start Conditional Access locked everyone out'));
  const [reply] = await w.connector.waitForCalls(before + 1);
  const incidentId = /Incident (BG-[A-Z0-9-]+)/.exec(cardText(cardOf(reply)))![1]!;
  await w.bot.tick();
  expect(callsInto(w.connector, before, 'send', `a:1personal-${ivan.aadObjectId}`)).toHaveLength(1);
  expect(callsInto(w.connector, before, 'send', judyChat)).toHaveLength(0);

  const firstServer = w.bot.server!.url;
  await w.restart();
  expect(w.bot.server!.url).not.toBe(firstServer);

  const afterRestart = w.connector.calls.length;
  w.clock.advance(parseDuration(w.bot.config.breakGlass.ackTimeout)! + 1000);
  await w.bot.tick();

  const [page] = callsInto(w.connector, afterRestart, 'send', judyChat);
  expect(cardText(cardOf(page))).toContain('please acknowledge');
  expect(cardText(cardOf(page))).toContain('escalation level 1: nobody answered before');
  expect(buttonTitles(cardOf(page))).toContain('Acknowledge');
  // Sent into the 1:1 chat kept from her install; nothing had to be created or looked up again.
  expect(w.connector.calls.some((c) => c.kind === 'createConversation')).toBe(false);

  // The new process also takes her answer.
  const pageId = await postedMessageId(w.bot, incidentId, 'ack:judy@person:judy');
  const res = await w.post(personalClick(w.world, judy, judyChat, press(cardOf(page), 'Acknowledge'), pageId));
  expect(cardText(invokeCard(res.body))).toContain('Acknowledged by Judy Jones');
});
