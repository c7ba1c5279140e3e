import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { botAddedToTeam, channelMention } from '../../fixtures/teams/teams-activities';
import { buttonTitles, cardOf, cardText, channelClick, invokeCard, personalClick, press, type WireCard } from './support/card-clicks';
import { callsInto, isChecklistPost, postedMessageId, shownCard } from './support/incident-cards';
import { eventually, INCIDENTS_CHANNEL, installPersonally, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from './support/teams-bot-world';

/**
 * One break-glass incident driven only through Teams activities posted to the
 * running bot: start by @mention, the manager's acknowledgement from the DM
 * card, the playbook, an emergency account chosen by one responder and
 * confirmed by another, the remaining steps, and close with the report.
 */
let w: TeamsBotWorld;
const alice = teamsUser('alice');
const bob = teamsUser('bob');
const ivan = teamsUser('ivan');
const ivanChat = `a:1personal-${ivan.aadObjectId}`;

let incidentId: string;
let thread: string;
let threadRoot: string;
let checklistId: string;

beforeAll(async () => {
  w = await startTeamsBotWorld();
  // Installed in the Security team, and by the manager on call for himself: his 1:1 chat is known from then on.
  expect((await w.post(botAddedToTeam(w.world, alice))).status).toBe(200);
  await installPersonally(w, ivan);
});

afterAll(async () => {
  await w?.close();
});

/** The checklist as the channel sees it now. */
const checklist = (): WireCard => shownCard(w.connector, checklistId, (c) => c.conversationId === thread && isChecklistPost(c));

/** A responder presses a button on the checklist; Teams shows them the card the invoke answers with. */
async function pressOnChecklist(who: typeof alice, title: string, typed?: Record<string, string>) {
  const res = await w.post(channelClick(w.world, INCIDENTS_CHANNEL, who, press(checklist(), title, typed), { messageId: checklistId, threadRootId: threadRoot }));
  expect(res.status).toBe(200);
  await w.bot.tick();
  return res.body;
}

test('a responder starts the incident by @mention: the checklist goes up in the thread and the manager is paged by DM', async () => {
  const before = w.connector.calls.length;
  const start = channelMention(w.world, alice, 'start Global admins locked out after a CA policy change');
  threadRoot = start.id!;
  thread = `${INCIDENTS_CHANNEL};messageid=${threadRoot}`;
  await w.post(start);
  const [reply] = (await w.connector.waitForCalls(before + 1)).slice(before);
  expect(cardText(cardOf(reply))).toMatch(/Incident BG-\S+ is open/);
  incidentId = /Incident (BG-[A-Z0-9-]+)/.exec(cardText(cardOf(reply)))![1]!;

  await w.bot.tick();
  checklistId = await postedMessageId(w.bot, incidentId, 'checklist@home');
  expect(cardText(checklist())).toContain('Global admins locked out after a CA policy change');
  // Sign-ins (step 5) and domains (step 6) were looked up in the tenant on the bot's own.
  expect(cardText(checklist())).toMatch(/5\. Review the sign-in reports — done/);

  const [page] = callsInto(w.connector, before, 'send', ivanChat);
  expect(cardText(cardOf(page))).toContain('please acknowledge');
});

test('the manager acknowledges from the DM card: the DM shows who answered, step 1 is done in the channel', async () => {
  const pageId = await postedMessageId(w.bot, incidentId, 'ack:ivan@person:ivan');
  const page = shownCard(w.connector, pageId, (c) => c.conversationId === ivanChat);
  const before = w.connector.calls.length;

  const res = await w.post(personalClick(w.world, ivan, ivanChat, press(page, 'Acknowledge'), pageId));
  expect(res.status).toBe(200);
  const answered = invokeCard(res.body);
  expect(cardText(answered)).toContain('Acknowledged by Ivan Ivanov');
  expect(buttonTitles(answered)).toEqual([]);

  await w.bot.tick();
  const [dmUpdate] = callsInto(w.connector, before, 'update', ivanChat);
  expect(dmUpdate?.activityId).toBe(pageId);
  expect(cardText(cardOf(dmUpdate))).toContain('Acknowledged by Ivan Ivanov');
  expect(cardText(checklist())).toMatch(/1\. Notify key managers and security officers — done/);
});

test('the playbook is confirmed from the checklist', async () => {
  const answered = invokeCard(await pressOnChecklist(alice, 'Playbook reviewed'));
  expect(cardText(answered)).toMatch(/2\. Review the attack playbook — done/);
  expect(cardText(checklist())).toMatch(/2\. Review the attack playbook — done/);
});

test('an emergency account needs a second responder: the one who chose it cannot confirm it', async () => {
  await pressOnChecklist(alice, 'Use bg-01@contoso.onmicrosoft.com');
  expect(buttonTitles(checklist())).toContain('Confirm bg-01@contoso.onmicrosoft.com');

  const refused = (await pressOnChecklist(alice, 'Confirm bg-01@contoso.onmicrosoft.com')) as { value?: unknown };
  expect(String(refused.value)).toContain('two-person rule');
  expect(cardText(checklist())).not.toMatch(/3\. Access a break-glass account — done/);

  const confirmed = invokeCard(await pressOnChecklist(bob, 'Confirm bg-01@contoso.onmicrosoft.com'));
  expect(cardText(confirmed)).toMatch(/3\. Access a break-glass account — done/);
  expect(cardText(checklist())).toMatch(/bg-01@contoso\.onmicrosoft\.com in use since [^"]*chosen by Alice Admin, confirmed by Bob Admin/);
});

test('the remaining steps are worked from the card', async () => {
  await pressOnChecklist(bob, 'Record support case', { reference: '2503030040001234' });
  await pressOnChecklist(alice, 'Mailboxes are watched');
  await pressOnChecklist(alice, 'Export logs');
  const text = cardText(checklist());
  expect(text).toContain('2503030040001234');
  for (const n of [4, 6, 7, 8]) expect(text).toMatch(new RegExp(`${n}\\. [^"]* — done`));
});

test('close by @mention: the report is posted in the thread and the checklist shows the incident closed', async () => {
  const before = w.connector.calls.length;
  expect((await w.post(channelMention(w.world, alice, 'close access restored, CA policy reverted', { threadRootId: threadRoot }))).status).toBe(200);
  // Closing says nothing back in the turn; the report is what people see.
  await eventually(async () => (await w.bot.runtime.get<BreakGlassContext>(incidentId))?.context.closure, 'the incident to close');
  await w.bot.tick();

  const reportCard = callsInto(w.connector, before, 'send', thread)
    .map((c) => cardOf(c))
    .find((c) => cardText(c).includes('Incident report'));
  // A short summary on the card; the full report behind a "Full incident report" button (a bot cannot post a file to a channel).
  const full = reportCard?.actions?.find((a) => a.type === 'Action.ShowCard' && a.title === 'Full incident report')?.card;
  expect(full).toBeDefined();
  expect(cardText(reportCard!)).toContain('Steps: 8 done, 0 skipped, 0 still open.');
  const report = `${cardText(reportCard!)}${cardText(full!)}`;
  expect(report).toContain('access restored, CA policy reverted');
  expect(report).toContain('None: every step was done or skipped.');
  expect(report).toContain('Bob Admin');
  expect(report).toContain('Ivan Ivanov');
  expect(cardText(checklist())).toContain('Closed');
});
