import { userId } from '../../../sim';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Activity } from 'botbuilder';
import { botAddedToTeam, channelMention, type TeamsUser } from '../../fixtures/teams/teams-activities';
import { buttonTitles, cardOf, cardText, channelClick, invokeCard, press, type WireCard } from './support/card-clicks';
import { callsInto, postedMessageId } from './support/incident-cards';
import { APPROVERS_CHANNEL, installPersonally, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from './support/teams-bot-world';

/**
 * A PIM elevation approved only through Teams: requested by @mention, the
 * approval card in the approvers channel shows Approve only to approvers
 * (user-specific views), the approver's click is answered with the updated
 * card, every copy is updated in place, and the simulated tenant holds the
 * time-bound assignment.
 */
let w: TeamsBotWorld;
const alice = teamsUser('alice');
const carol = teamsUser('carol');

let requestId: string;
let approvalId: string;
let sharedCard: WireCard;
let carolsView: WireCard;

beforeAll(async () => {
  w = await startTeamsBotWorld();
  expect((await w.post(botAddedToTeam(w.world, alice))).status).toBe(200);
  // Approvers who have the app are known by their Teams ids: the card can list them for their own view.
  for (const key of ['carol', 'erin', 'judy'] as const) await installPersonally(w, teamsUser(key));
});

afterAll(async () => {
  await w?.close();
});

test('a responder asks by @mention: the approval card goes to the approvers channel with Approve for approvers only', async () => {
  const before = w.connector.calls.length;
  await w.post(channelMention(w.world, alice, 'elevate Global Administrator for 30m because investigating the CA lockout'));
  const [reply] = (await w.connector.waitForCalls(before + 1)).slice(before);
  requestId = /Request (EL-[A-Z0-9-]+)/.exec(cardText(cardOf(reply)))![1]!;
  await w.bot.tick();

  const [posted] = callsInto(w.connector, before, 'send', APPROVERS_CHANNEL);
  approvalId = await postedMessageId(w.bot, requestId, 'approval@channel:approvers');
  sharedCard = cardOf(posted);
  expect(cardText(sharedCard)).toContain('Global Administrator for Alice Admin');
  expect(buttonTitles(sharedCard)).not.toContain('Approve');
  expect(sharedCard.refresh?.userIds.sort()).toEqual((['carol', 'erin', 'judy'] as const).map((k) => teamsUser(k).teamsId).sort());
});

/** What Teams sends when `who` opens the card (trigger automatic): the refresh action the card names. */
async function openCard(who: TeamsUser): Promise<WireCard> {
  const { verb, data } = sharedCard.refresh!.action;
  const click = channelClick(w.world, APPROVERS_CHANNEL, who, { verb, data }, { messageId: approvalId });
  const res = await w.post({ ...click, value: { ...(click.value as object), trigger: 'automatic' } } as Activity);
  expect(res.status).toBe(200);
  return invokeCard(res.body);
}

test("an approver's Teams client asks for their view (automatic refresh) and gets Approve and Deny; the requester's does not", async () => {
  carolsView = await openCard(carol);
  expect(buttonTitles(carolsView)).toEqual(expect.arrayContaining(['Approve', 'Deny']));
  expect(buttonTitles(await openCard(alice))).not.toContain('Approve');
});

test('someone in the tenant who holds no role asks for the card (card.refresh): a "not available" card, never the request, and the attempt is audited', async () => {
  const mallory: TeamsUser = { teamsId: '29:1-mallory-teams-id', aadObjectId: '7a1e0c3b-2d4f-4b6a-9c8e-0f1a2b3c4d5e', name: 'Mallory Outsider' };
  const seen = await openCard(mallory);
  expect(cardText(seen)).toContain('Not available to you');
  expect(cardText(seen)).not.toContain('Global Administrator');
  expect(cardText(seen)).not.toContain(requestId);
  expect(buttonTitles(seen)).toEqual([]);
  const denied = (await w.bot.storage.listAudit({ workflowId: requestId })).filter((e) => e.type === 'authz.denied');
  expect(denied).toEqual([expect.objectContaining({ actorEntraId: mallory.aadObjectId, data: { what: 'see this card' } })]);
});

test('the approver clicks Approve: the invoke answers with the updated card, every copy is updated, the role is assigned', async () => {
  const before = w.connector.calls.length;
  const res = await w.post(channelClick(w.world, APPROVERS_CHANNEL, carol, press(carolsView, 'Approve'), { messageId: approvalId }));
  expect(res.status).toBe(200);
  const answered = invokeCard(res.body);
  expect(cardText(answered)).toContain('Carol Admin');
  expect(buttonTitles(answered)).not.toContain('Approve');

  await w.bot.tick();
  const view = await w.bot.runtime.get<ElevationContext>(requestId);
  expect(view?.context.phase).toBe('active');
  const assignment = w.bot.simulator!.activeAssignments().find((a) => a.principalId === userId('alice') && a.roleDefinitionId === view!.context.role.id);
  // Time-bound as asked: 30 minutes from the approval.
  expect(assignment && Date.parse(assignment.endDateTime ?? '') - Date.parse(assignment.startDateTime)).toBe(30 * 60_000);

  const [channelUpdate] = callsInto(w.connector, before, 'update', APPROVERS_CHANNEL).slice(-1);
  expect(channelUpdate?.activityId).toBe(approvalId);
  expect(buttonTitles(cardOf(channelUpdate))).not.toContain('Approve');
  const statusId = await postedMessageId(w.bot, requestId, 'status@home');
  const [homeUpdate] = w.connector.calls.filter((c) => c.kind === 'update' && c.activityId === statusId).slice(-1);
  for (const copy of [cardOf(channelUpdate), cardOf(homeUpdate)]) expect(cardText(copy)).toContain('Approved by Carol Admin at 09:00 UTC; active until 09:30 UTC.');
});
