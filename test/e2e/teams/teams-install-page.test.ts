import { DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';
import { botAddedToTeam, channelMention } from '../../fixtures/teams/teams-activities';
import { cardOf, cardText } from './support/card-clicks';
import { isChecklistPost, postedMessageId, shownCard } from './support/incident-cards';
import { INCIDENTS_CHANNEL, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from './support/teams-bot-world';

/**
 * A Teams manager who never messaged the bot: the bot installs its app for
 * him through Graph (the simulator's installedApps, which needs
 * TeamsAppInstallation.ReadWriteForUser.All), then opens the 1:1 chat through
 * the Bot Connector, which only allows it for people who have the app.
 */
const CATALOG_ID = 'a1b2c3d4-0000-4000-8000-breakglass01';
const alice = teamsUser('alice');
const ivan = teamsUser('ivan');

let w: TeamsBotWorld;
beforeEach(async () => {
  w = await startTeamsBotWorld({ appCatalogId: CATALOG_ID });
  expect((await w.post(botAddedToTeam(w.world, alice))).status).toBe(200);
});
afterEach(async () => {
  await w?.close();
});

async function startIncident(): Promise<{ incidentId: string; thread: string; before: number }> {
  const before = w.connector.calls.length;
  const start = channelMention(w.world, alice, 'start Global admins locked out after a CA policy change');
  await w.post(start);
  const [reply] = (await w.connector.waitForCalls(before + 1)).slice(before);
  const incidentId = /Incident (BG-[A-Z0-9-]+)/.exec(cardText(cardOf(reply)))![1]!;
  await w.bot.tick();
  return { incidentId, thread: `${INCIDENTS_CHANNEL};messageid=${start.id!}`, before };
}

const installs = () => w.bot.simulator!.requests.filter((r) => r.method === 'POST' && /\/teamwork\/installedApps$/.test(r.path));

test('the bot installs the app for the manager, opens the chat, and the page is delivered', async () => {
  expect(w.bot.simulator!.hasTeamsApp(ivan.aadObjectId, CATALOG_ID)).toBe(false);
  const { incidentId, thread, before } = await startIncident();

  expect(installs().map((r) => [r.path, r.status])).toEqual([[expect.stringContaining(`/users/${ivan.aadObjectId}/teamwork/installedApps`), 201]]);
  expect(w.bot.simulator!.hasTeamsApp(ivan.aadObjectId, CATALOG_ID)).toBe(true);
  const created = w.connector.attempts.filter((c) => c.kind === 'createConversation');
  expect(created.map((c) => c.status)).toEqual([201]);
  const page = w.connector.calls.slice(before).find((c) => c.kind === 'send' && c.conversationId === 'a:fake-personal-1');
  expect(cardText(cardOf(page))).toContain('please acknowledge');

  const checklistId = await postedMessageId(w.bot, incidentId, 'checklist@home');
  const checklist = cardText(shownCard(w.connector, checklistId, (c) => c.conversationId === thread && isChecklistPost(c)));
  expect(checklist).toContain('Ivan Ivanov: page delivered');
});

test('without TeamsAppInstallation.ReadWriteForUser.All the chat is refused and the page falls back to the thread', async () => {
  w.bot.simulator!.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => !p.startsWith('TeamsAppInstallation')));
  const { incidentId, thread, before } = await startIncident();

  expect(installs().map((r) => r.status)).toEqual([403]);
  expect(w.connector.attempts.filter((c) => c.kind === 'createConversation').map((c) => c.status)).toEqual([403]);
  const fallback = w.connector.calls.slice(before).find((c) => c.conversationId === thread && cardText(cardOf(c)).includes('cannot send you a direct message'));
  expect(fallback).toBeDefined();
  const checklistId = await postedMessageId(w.bot, incidentId, 'checklist@home');
  expect(cardText(shownCard(w.connector, checklistId, (c) => c.conversationId === thread && isChecklistPost(c)))).toContain('could not reach by direct message');
});
