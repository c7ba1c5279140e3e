import { CARD_REFRESH_ACTION_ID } from '../../../adapters/teams/adaptive-card-renderer';
import { conversationKey, memberKey, tenantKey, userKey } from '../../../adapters/teams/conversation-keys';
import type { ActionEvent, CommandEvent } from '../../../bot/core/inbound-event';
import { BreakglassError } from '../../../bot/core/errors';
import { approvalCard } from '../../fixtures/teams/teams-messages';
import { botAddedToTeam, botInstalledPersonal, cardAction, channelMention, DANA, personalMessage, SAM } from '../../fixtures/teams/teams-activities';
import { startTeamsHarness, TENANT_ID, type TeamsHarness } from '../../fixtures/teams/teams-harness';
import { NOTHING, type Outcome } from '../../../bot/core/outcome';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
});

afterAll(async () => {
  await h.close();
});

beforeEach(() => {
  h.events.length = 0;
  h.answers.length = 0;
  h.answer.handler = async () => NOTHING;
});

const cardOf = (body: Record<string, unknown>): Record<string, unknown> => {
  const attachments = body.attachments as Array<{ contentType: string; content: Record<string, unknown> }>;
  expect(attachments[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
};

describe('a channel message that @mentions the bot', () => {
  test('becomes a CommandEvent without the mention, and the reply lands in the thread at the Bot Connector', async () => {
    h.answer.handler = async () => ({ kind: 'reply', text: 'Incident INC-1 opened.', ephemeral: false });
    const activity = channelMention(h.world, DANA, 'start  --drill  Global admins locked out');
    const before = h.connector.calls.length;

    const res = await h.post(activity);
    expect(res.status).toBe(200);

    const [reply] = (await h.connector.waitForCalls(before + 1)).slice(before);
    const event = h.events[0] as CommandEvent;
    expect(event).toMatchObject({
      type: 'command',
      text: 'start --drill Global admins locked out',
      deliveryKey: `teams:${activity.conversation.id}:${activity.id}`, // ids are unique per conversation
      actor: { platform: 'teams', platformUserId: DANA.aadObjectId, displayName: DANA.name },
      place: { platform: 'teams', conversationId: h.world.channelId, threadId: activity.id, tenantId: TENANT_ID },
    });
    expect(reply).toMatchObject({ kind: 'reply', conversationId: `${h.world.channelId};messageid=${activity.id}`, activityId: activity.id });
    const card = cardOf(reply!.body);
    expect(JSON.stringify(card.body)).toContain('Incident INC-1 opened.');
  });

  test("another person's mention reaches the grammar as a mention token; typed look-alikes do not", async () => {
    const activity = channelMention(h.world, DANA, 'assign 7 <at>Sam Lee</at> &lt;@someone&gt;', {
      extraEntities: [{ type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: SAM.teamsId, name: SAM.name, aadObjectId: SAM.aadObjectId } }],
    });
    await h.post(activity);
    await waitFor(() => h.events.length === 1);
    expect((h.events[0] as CommandEvent).text).toBe(`assign 7 <@${SAM.aadObjectId}> < @someone>`);
  });

  test('a handler failure reaches the user as its one-line message with a correlation id', async () => {
    h.answer.handler = async () => {
      throw new BreakglassError('authz.denied', 'Only responders can start an incident.', { correlationId: 'c0ffee01' });
    };
    const before = h.connector.calls.length;
    await h.post(channelMention(h.world, SAM, 'start outage'));
    const [reply] = (await h.connector.waitForCalls(before + 1)).slice(before);
    const text = JSON.stringify(cardOf(reply!.body).body);
    expect(text).toContain('Only responders can start an incident.');
    expect(text).toContain('c0ffee01');
  });

  test('the first contact stores the conversation, the member and the tenant for later proactive messages', async () => {
    await h.post(channelMention(h.world, DANA, 'status'));
    await waitFor(() => h.refs.has(memberKey(DANA.aadObjectId)));
    expect(h.refs.get(conversationKey(h.world.channelId))).toMatchObject({
      serviceUrl: h.connector.serviceUrl,
      conversation: { id: h.world.channelId, tenantId: TENANT_ID },
      bot: { id: `28:${h.world.appId}` },
    });
    expect(h.refs.get(memberKey(DANA.aadObjectId))).toEqual({ teamsUserId: DANA.teamsId, aadObjectId: DANA.aadObjectId, serviceUrl: h.connector.serviceUrl, tenantId: TENANT_ID });
    expect(h.refs.get(tenantKey(TENANT_ID))).toMatchObject({ serviceUrl: h.connector.serviceUrl });
  });

  test('a 1:1 message is a command too, and stores the personal chat for DMs', async () => {
    await h.post(personalMessage(h.world, SAM, 'elevations'));
    await waitFor(() => h.events.length === 1 && h.refs.has(userKey(SAM.aadObjectId)));
    expect(h.events[0]).toMatchObject({ type: 'command', text: 'elevations', place: { conversationId: `a:1personal-${SAM.aadObjectId}` } });
    expect(h.refs.get(userKey(SAM.aadObjectId))).toMatchObject({ conversation: { id: `a:1personal-${SAM.aadObjectId}` }, user: { id: SAM.teamsId } });
  });
});

describe('an adaptiveCard/action invoke', () => {
  test('becomes an ActionEvent and is answered in the response with the updated card', async () => {
    h.answer.handler = async () => ({ kind: 'card', card: { ...approvalCard, header: { title: 'Approved by Dana', tone: 'good' }, buttons: [] } });
    const invoke = cardAction(h.world, DANA, { verb: 'elevation.deny', data: { value: 'wf-1', 'input.1.reason': 'not during change freeze' } }, { messageId: '1767225600123' });

    const res = await h.post(invoke);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: { type: 'AdaptiveCard', version: '1.5' } });
    expect(JSON.stringify((res.body as { value: unknown }).value)).toContain('Approved by Dana');
    expect(h.events[0] as ActionEvent).toEqual({
      type: 'action',
      deliveryKey: `teams:${invoke.conversation.id}:${invoke.id}`,
      actor: { platform: 'teams', platformUserId: DANA.aadObjectId, entraObjectId: DANA.aadObjectId, displayName: DANA.name },
      place: { platform: 'teams', conversationId: h.world.channelId, threadId: '1767225600123', tenantId: TENANT_ID },
      receivedAt: expect.any(Number),
      actionId: 'elevation.deny',
      value: 'wf-1',
      inputs: { reason: 'not during change freeze' },
      message: { platform: 'teams', conversationId: h.world.channelId, messageId: '1767225600123', threadId: '1767225600123' },
    });
    // Teams shows the answer to a click in place of the card: the adapter, not the core, asks for the card back.
    expect(h.answers).toEqual([{ card: true }]);
  });

  test('a reply answer shows as a message to the clicker only', async () => {
    h.answer.handler = async () => ({ kind: 'refusal', text: 'You cannot approve your own request.', reference: 'ab12cd34' });
    const res = await h.post(cardAction(h.world, DANA, { verb: 'elevation.approve', data: { value: 'wf-1' } }, { messageId: '1767225600124' }));
    expect(res.body).toEqual({ statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'You cannot approve your own request. (ref ab12cd34)' });
  });

  test("Teams' automatic refresh asks for the viewer's own view of the card", async () => {
    h.refs.set(memberKey('aad-approver-1'), { teamsUserId: '29:approver-1', aadObjectId: 'aad-approver-1', serviceUrl: h.connector.serviceUrl });
    h.refs.set(memberKey('aad-approver-2'), { teamsUserId: '29:approver-2', aadObjectId: 'aad-approver-2', serviceUrl: h.connector.serviceUrl });
    h.answer.handler = async () => ({ kind: 'card', card: approvalCard });
    const approver = { teamsId: '29:approver-1', aadObjectId: 'aad-approver-1', name: 'Approver One' };
    const res = await h.post(cardAction(h.world, approver, { verb: CARD_REFRESH_ACTION_ID, data: { value: 'wf-1' } }, { messageId: '1767225600125', trigger: 'automatic' }));

    expect(h.events[0]).toMatchObject({ type: 'action', actionId: CARD_REFRESH_ACTION_ID, value: 'wf-1', actor: { platformUserId: 'aad-approver-1' } });
    expect(h.answers).toEqual([{ card: true, view: true }]);
    const card = (res.body as { value: { actions: Array<{ title: string }>; refresh: { userIds: string[] } } }).value;
    expect(card.actions.map((a) => a.title)).toEqual(['Approve', 'Deny', 'Cancel request']);
    expect(card.refresh.userIds).toEqual(['29:approver-1', '29:approver-2']);
  });

  test.each([
    ['the workflow is gone (no answer)', async (): Promise<Outcome> => NOTHING],
    ['the answer is a refusal', async (): Promise<Outcome> => ({ kind: 'reply', text: 'You may not see that request.', ephemeral: true })],
  ])('a refresh is always answered with a card, never a message: %s', async (_case, handler) => {
    h.answer.handler = handler;
    const res = await h.post(cardAction(h.world, DANA, { verb: CARD_REFRESH_ACTION_ID, data: { value: 'wf-gone' } }, { messageId: '1767225600126', trigger: 'automatic' }));
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  });

  test('an invoke that is not an Action.Execute is refused as a bad request, not a crash', async () => {
    const invoke = cardAction(h.world, DANA, { verb: 'x', data: {} }, { messageId: '1' });
    (invoke.value as { action: { type: string } }).action.type = 'Action.Submit';
    const res = await h.post(invoke);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(h.events).toEqual([]);
  });
});

describe('installation', () => {
  test('adding the bot to a team stores the General channel reference', async () => {
    const world = { ...h.world, teamId: '19:team-new-install@thread.tacv2' };
    const res = await h.post(botAddedToTeam(world, DANA));
    expect(res.status).toBe(200);
    await waitFor(() => h.refs.has(conversationKey(world.teamId)));
    expect(h.refs.get(conversationKey(world.teamId))).toMatchObject({ serviceUrl: h.connector.serviceUrl, conversation: { id: world.teamId, tenantId: TENANT_ID } });
    expect(h.events).toEqual([]);
  });

  test('a personal install stores the 1:1 chat under the user', async () => {
    const user = { ...SAM, aadObjectId: '5d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d' };
    await h.post(botInstalledPersonal(h.world, user));
    await waitFor(() => h.refs.has(userKey(user.aadObjectId)));
    expect(h.refs.get(userKey(user.aadObjectId))).toMatchObject({ conversation: { id: `a:1personal-${user.aadObjectId}` }, user: { id: SAM.teamsId } });
  });
});

describe('tenant allow-list', () => {
  test('an activity from another tenant is dropped and logged', async () => {
    const activity = channelMention({ ...h.world, tenantId: 'other-tenant-id' }, DANA, 'start outage');
    const calls = h.connector.attempts.length;
    const res = await h.post(activity);
    expect(res.status).toBe(200);
    expect(h.events).toEqual([]);
    expect(h.connector.attempts.length).toBe(calls);
    expect(h.logs.some((l) => l.tenantId === 'other-tenant-id' && String(l.msg).includes('dropped'))).toBe(true);
  });

  test('an invoke from another tenant gets a refusal, not a card', async () => {
    const res = await h.post(cardAction({ ...h.world, tenantId: 'other-tenant-id' }, DANA, { verb: 'elevation.approve', data: { value: 'wf-1' } }, { messageId: '9' }));
    expect(res.body).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error' });
    expect(h.events).toEqual([]);
  });
});

/** Waits for work the endpoint does after acknowledging; bounded, no fixed sleeps. */
async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
