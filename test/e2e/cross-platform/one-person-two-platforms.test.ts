import { cardAction } from '../../fixtures/teams/teams-activities';
import { blockActions, slashCommand } from '../../support/slack-signing';
import { SLACK_CHANNELS, SLACK_IDS } from '../slack/slack-e2e-config';
import { buttonsOf, headerOf } from '../slack/slack-e2e-harness';
import { APPROVERS_CHANNEL, INCIDENTS_CHANNEL, teamsUser } from '../teams/support/teams-bot-world';
import { startDualPlatformWorld, type DualPlatformWorld } from './support/dual-platform-world';
import type { FakeSlackMessage } from '../../fakes/fake-slack';

/**
 * One person is one principal, whichever platform they click from. Each
 * attack the security review ran is replayed through the real Slack receiver
 * and the real Teams adapter of ONE bot: the second half comes from the other
 * platform, as a Teams invoke the person's own client can send (a button's
 * value is all it takes). Each is refused, changes nothing, and is audited
 * against the person's lower-cased Entra object id.
 */
let w: DualPlatformWorld;
let responses = 0;

afterEach(async () => {
  await w?.close();
});

const slash = async (as: keyof typeof SLACK_IDS, text: string, channel: string = SLACK_CHANNELS.security) => {
  const status = await w.slackPost(slashCommand({ text, user_id: SLACK_IDS[as], user_name: as, channel_id: channel, response_url: w.slack.responseUrl(`r-${++responses}`) }));
  expect(status).toBe(200);
};
const slackClick = async (as: keyof typeof SLACK_IDS, card: FakeSlackMessage, actionId: string, label?: string) => {
  const button = buttonsOf(card).find((b) => b.action_id === actionId && (!label || (b.text?.text ?? '').includes(label)));
  if (!button) throw new Error(`no ${actionId} on the card: ${JSON.stringify(buttonsOf(card).map((b) => b.action_id))}`);
  const status = await w.slackPost(
    blockActions({ actionId, value: button.value!, userId: SLACK_IDS[as], userName: as, channelId: card.channel, messageTs: card.ts, responseUrl: w.slack.responseUrl(`r-${++responses}`), blocks: card.blocks ?? [] }),
  );
  expect(status).toBe(200);
  return button.value!;
};
const teamsClick = (as: Parameters<typeof teamsUser>[0], channelId: string, verb: string, value: string) =>
  w.teamsPost(cardAction({ ...w.teams, channelId }, teamsUser(as), { verb, data: { value } }, { messageId: '1767225600999' }));
const card = (channel: string, title: string | RegExp) =>
  w.slack.waitFor(() => w.slack.messages(channel).find((m) => !m.threadTs && (typeof title === 'string' ? headerOf(m).includes(title) : title.test(headerOf(m)))), 8000, `a card "${String(title)}"`);
const settled = async () => {
  for (let i = 0; i < 200 && (await w.bot.storage.pendingEffectCount()) > 0; i++) await new Promise((r) => setTimeout(r, 25));
};
/** Graph writes: an assignment would be a POST to the simulator. */
const graphPosts = () => (w.bot.simulator?.requests ?? []).filter((r) => r.method === 'POST' && /roleAssignmentScheduleRequests/.test(r.path)).length;
const auditedFor = async (workflowId: string, entraId: string) => (await w.bot.storage.listAudit({ workflowId })).filter((e) => e.actorEntraId === entraId);

test('self-approval across platforms is refused, even when the config pins the Entra id in upper case', async () => {
  w = await startDualPlatformWorld((config) => ({ ...config, people: { ...config.people, alice: { ...config.people.alice!, entraObjectId: config.people.alice!.entraObjectId!.toUpperCase() } } }));
  await slash('alice', 'elevate GA for 30m because restore the CA policy ticket INC-4711');
  const approval = await card(SLACK_CHANNELS.approvers, /Global Administrator for Alice Admin/);
  const value = buttonsOf(approval).find((b) => b.action_id === 'elevation.approve')!.value!;
  const requestId = value.split('|')[0]!;
  await settled();
  const before = graphPosts();

  const answer = await teamsClick('alice', APPROVERS_CHANNEL, 'elevation.approve', value);
  expect(answer.status).toBe(200);
  await settled();
  const alice = teamsUser('alice').aadObjectId.toLowerCase();
  const view = await w.bot.runtime.get(requestId);
  const context = view?.context as { phase?: string; approvals?: unknown[] };
  expect(context.phase).toBe('awaiting-approval'); // still waiting for an approver
  expect(context.approvals).toHaveLength(0);
  expect(graphPosts()).toBe(before); // nothing was granted
  const audited = await auditedFor(requestId, alice);
  expect(audited.map((e) => e.type)).toEqual(expect.arrayContaining([expect.stringMatching(/elevation\.approve\.ignored|authz\.denied/)]));
}, 60_000);

test('an approver cannot vote twice by clicking once on each platform', async () => {
  w = await startDualPlatformWorld();
  await slash('alice', 'elevate PRA for 30m because rotate a compromised app secret ticket INC-4712');
  const approval = await card(SLACK_CHANNELS.approvers, /Privileged Role Administrator for Alice Admin/);
  await settled();
  const value = await slackClick('carol', approval, 'elevation.approve');
  const requestId = value.split('|')[0]!;
  await settled();
  const before = graphPosts();

  await teamsClick('carol', APPROVERS_CHANNEL, 'elevation.approve', value);
  await settled();
  const view = await w.bot.runtime.get(requestId);
  const context = view?.context as { phase?: string; approvals?: unknown[] };
  expect(context.phase).toBe('awaiting-approval'); // one of two approvals, still
  expect(context.approvals).toHaveLength(1);
  expect(graphPosts()).toBe(before);
  const carol = teamsUser('carol').aadObjectId.toLowerCase();
  expect((await auditedFor(requestId, carol)).map((e) => e.type)).toEqual(expect.arrayContaining(['elevation.approve', expect.stringMatching(/elevation\.approve\.ignored|authz\.denied/)]));
}, 60_000);

test('the two-person rule cannot be met by one person choosing on Slack and confirming on Teams', async () => {
  w = await startDualPlatformWorld();
  await slash('alice', 'start Global admins locked out');
  const checklist = await card(SLACK_CHANNELS.security, 'Break glass: Global admins locked out');
  await settled();
  const chosen = await slackClick('alice', checklist, 'breakglass.checkout', 'bg-01');
  const incidentId = chosen.split('|')[0]!;
  await settled();
  // The click is acked before its work is done: wait for the card it leads to, not for an empty outbox.
  const confirm = await w.slack.waitFor(
    () => buttonsOf(w.slack.messages(SLACK_CHANNELS.security).find((m) => buttonsOf(m).some((b) => b.action_id === 'breakglass.confirm')) ?? checklist).find((b) => b.action_id === 'breakglass.confirm'),
    8000,
    'a Confirm button',
  );
  expect(confirm?.value).toBeDefined();

  await teamsClick('alice', INCIDENTS_CHANNEL, 'breakglass.confirm', confirm!.value!);
  await settled();
  const view = await w.bot.runtime.get(incidentId);
  const checkout = (view?.context as { checkout?: { confirmedBy?: unknown } }).checkout;
  expect(checkout?.confirmedBy).toBeUndefined();
  const alice = teamsUser('alice').aadObjectId.toLowerCase();
  expect((await auditedFor(incidentId, alice)).map((e) => e.type)).toEqual(expect.arrayContaining(['breakglass.checkout.request', expect.stringMatching(/breakglass\.checkout\.confirm\.ignored|authz\.denied/)]));
}, 60_000);

test("nobody can acknowledge another person's page from the other platform, with or without the page card", async () => {
  w = await startDualPlatformWorld();
  await slash('alice', 'start Tenant admins locked out');
  await card(SLACK_CHANNELS.security, 'Break glass: Tenant admins locked out');
  await settled();
  // Ivan's page went to him on Slack; its button value names him. Judy, a manager herself (so her role allows acknowledging),
  // replays it from Teams with no message of her own to point at.
  const ivanDm = w.slack.dmChannelOf(SLACK_IDS.ivan)!;
  const page = await w.slack.waitFor(() => w.slack.messages(ivanDm).find((m) => buttonsOf(m).some((b) => b.action_id === 'breakglass.ack')), 8000, "Ivan's page");
  const value = buttonsOf(page).find((b) => b.action_id === 'breakglass.ack')!.value!;
  const incidentId = value.split('|')[0]!;

  await teamsClick('judy', INCIDENTS_CHANNEL, 'breakglass.ack', value);
  await settled();
  const paging = (await w.bot.runtime.get(incidentId))?.context as { paging?: { acknowledgedBy?: unknown } };
  expect(paging.paging?.acknowledgedBy).toBeUndefined();
  const judy = teamsUser('judy').aadObjectId.toLowerCase();
  expect((await auditedFor(incidentId, judy)).map((e) => e.type)).toEqual(expect.arrayContaining([expect.stringMatching(/authz\.denied|breakglass\.ack\.ignored/)]));
}, 60_000);
