import { conversationKey, userKey } from '../../../adapters/teams/conversation-keys';
import { createTeamsAdapter } from '../../../adapters/teams/teams-bot-adapter';
import { TeamsChatPort, type TeamsChatPortOptions } from '../../../adapters/teams/teams-chat-port';
import { isBreakglassError, type BreakglassError } from '../../../bot/core/errors';
import { silentLogger } from '../../../bot/core/logger';
import type { Message } from '../../../bot/messages/message';
import { ManualClock } from '../../../bot/ports/clock';
import { approvalCard, checklistCard } from '../../fixtures/teams/teams-messages';
import { botAddedToTeam, channelMention, DANA, personalMessage, SAM } from '../../fixtures/teams/teams-activities';
import { APP_ID, APP_SECRET, startTeamsHarness, TENANT_ID, type TeamsHarness } from '../../fixtures/teams/teams-harness';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
  // The bot meets the team, Dana in the channel, and Sam in a 1:1 chat.
  await h.post(botAddedToTeam(h.world, DANA));
  await h.post(channelMention(h.world, DANA, 'status'));
  await h.post(personalMessage(h.world, SAM, 'help'));
  await waitFor(() => h.refs.has(userKey(SAM.aadObjectId)) && h.refs.has(conversationKey(h.world.channelId)));
});

afterAll(async () => {
  await h.close();
});

/**
 * A ChatPort on a fresh adapter, as after a restart: all it has are the
 * stored references. Time is a ManualClock; sleeping moves it.
 */
function freshPort(overrides: Partial<TeamsChatPortOptions> = {}) {
  const clock = new ManualClock(Date.parse('2026-01-01T03:00:00Z'));
  const sleeps: number[] = [];
  const adapter = createTeamsAdapter({ appId: APP_ID, appPassword: APP_SECRET, tenantId: TENANT_ID, authorityHost: h.issuer.url, openIdMetadataUrl: h.issuer.openIdMetadataUrl, serviceUrlAllowList: ['http://127.0.0.1'], logger: silentLogger });
  const port = new TeamsChatPort({
    adapter,
    getConversationRef: async (key) => h.refs.get(key),
    putConversationRef: async (key, ref) => {
      h.refs.set(key, ref);
    },
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { port, clock, sleeps };
}

const cardText = (body: Record<string, unknown>): string => JSON.stringify((body.attachments as Array<{ content: unknown }>)[0]?.content);
const newCalls = (from: number) => h.connector.calls.slice(from);

describe('proactive messages from stored conversation references', () => {
  test('post: a new card in the channel, with a Bot Connector token from the configured authority', async () => {
    const { port } = freshPort();
    const from = h.connector.calls.length;
    const ref = await port.post({ platform: 'teams', conversationId: h.world.channelId }, checklistCard);

    const [call] = newCalls(from);
    expect(call).toMatchObject({ kind: 'send', conversationId: h.world.channelId });
    expect(call?.body).toMatchObject({ type: 'message', summary: 'Break-glass incident', attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] });
    expect(h.issuer.verifyBotToken(call!.authorization!.replace('Bearer ', ''))).toBe(true);
    expect(ref).toEqual({ platform: 'teams', conversationId: h.world.channelId, messageId: expect.any(String) });
  });

  test('post into a thread replies under its root; update replaces the card in place', async () => {
    const { port } = freshPort();
    const place = { platform: 'teams' as const, conversationId: h.world.channelId, threadId: '1767225600999' };
    const from = h.connector.calls.length;
    const ref = await port.post(place, approvalCard);
    await port.update(ref, { ...approvalCard, header: { title: 'Approved', tone: 'good' }, buttons: [] });

    const [posted, updated] = newCalls(from);
    expect(posted).toMatchObject({ kind: 'send', conversationId: `${h.world.channelId};messageid=1767225600999` });
    expect(updated).toMatchObject({ kind: 'update', conversationId: `${h.world.channelId};messageid=1767225600999`, activityId: ref.messageId });
    expect(cardText(updated!.body)).toContain('Approved');
    expect(ref.threadId).toBe('1767225600999');
  });

  test('the outbound token is fetched once and reused', async () => {
    const { port } = freshPort();
    const before = h.issuer.tokenRequests();
    for (let i = 0; i < 3; i++) await port.post({ platform: 'teams', conversationId: h.world.channelId }, checklistCard);
    expect(h.issuer.tokenRequests() - before).toBeLessThanOrEqual(1);
  });

  test('a conversation the bot was never added to is a clear error', async () => {
    const { port } = freshPort();
    await expect(port.post({ platform: 'teams', conversationId: '19:unknown@thread.tacv2' }, checklistCard)).rejects.toMatchObject({ code: 'platform.unavailable' });
  });
});

describe('direct messages', () => {
  test('dm uses the stored personal chat', async () => {
    const { port } = freshPort();
    const from = h.connector.calls.length;
    const ref = await port.dm(SAM.aadObjectId, checklistCard);
    expect(newCalls(from).map((c) => [c.kind, c.conversationId])).toEqual([['send', `a:1personal-${SAM.aadObjectId}`]]);
    expect(ref.conversationId).toBe(`a:1personal-${SAM.aadObjectId}`);
  });

  test('dm to someone met only in a channel opens the 1:1 chat, then remembers it', async () => {
    const { port } = freshPort();
    const from = h.connector.calls.length;
    const ref = await port.dm(DANA.aadObjectId, checklistCard);
    await port.dm(DANA.aadObjectId, checklistCard);
    await port.update(ref, approvalCard);

    const calls = newCalls(from);
    expect(calls.map((c) => c.kind)).toEqual(['createConversation', 'send', 'send', 'update']);
    expect(calls[3]).toMatchObject({ conversationId: ref.conversationId, activityId: ref.messageId });
    expect(calls[0]?.body).toMatchObject({ isGroup: false, members: [{ id: DANA.teamsId }], tenantId: TENANT_ID, channelData: { tenant: { id: TENANT_ID } } });
    expect(calls[1]?.conversationId).toBe(ref.conversationId);
    expect(h.refs.get(userKey(DANA.aadObjectId))).toMatchObject({ conversation: { id: ref.conversationId } });
  });

  test('dm to someone the bot never met says how to fix it', async () => {
    const { port } = freshPort();
    const error = await port.dm('11111111-2222-4333-8444-555555555555', checklistCard).catch((e: BreakglassError) => e);
    expect(isBreakglassError(error) && error.userMessage).toMatch(/install the app or message the bot/);
  });

  test('whisper goes to the 1:1 chat, and into the thread only when no chat can be opened', async () => {
    const { port } = freshPort();
    const place = { platform: 'teams' as const, conversationId: h.world.channelId, threadId: '1767225600777' };
    const from = h.connector.calls.length;
    await port.whisper(place, SAM.aadObjectId, { text: 'Only approvers can approve.', ephemeral: true, correlationId: 'c1' });
    await port.whisper(place, 'never-met-user', { text: 'Only approvers can approve.', ephemeral: true });
    expect(newCalls(from).map((c) => [c.kind, c.conversationId])).toEqual([
      ['send', `a:1personal-${SAM.aadObjectId}`],
      ['send', `${h.world.channelId};messageid=1767225600777`],
    ]);
  });
});

describe('throttling and transient failures', () => {
  test('429 is retried with backoff and the message arrives exactly once', async () => {
    const { port, sleeps } = freshPort();
    h.connector.failNext(429, 2, { kind: 'send' });
    const from = h.connector.calls.length;
    await port.post({ platform: 'teams', conversationId: h.world.channelId }, checklistCard);
    expect(newCalls(from)).toHaveLength(1);
    expect(h.connector.attempts.slice(-3).map((a) => a.status)).toEqual([429, 429, 201]);
    // Exponential: 1 s then 2 s, at the pinned jitter of 75 %.
    expect(sleeps.filter((ms) => ms >= 500)).toEqual([750, 1500]);
  });

  test('412 on an update is retried and the card is updated once', async () => {
    const { port, sleeps } = freshPort();
    const ref = await port.post({ platform: 'teams', conversationId: h.world.channelId }, checklistCard);
    h.connector.failNext(412, 1, { kind: 'update' });
    const from = h.connector.calls.length;
    await port.update(ref, approvalCard);
    expect(h.connector.attempts.slice(-2).map((a) => [a.kind, a.status])).toEqual([
      ['update', 412],
      ['update', 200],
    ]);
    expect(newCalls(from)).toHaveLength(1);
    expect(sleeps.filter((ms) => ms >= 500)).toEqual([750]);
  });

  test('when retries run out the error carries a retry time for the outbox, nothing is silently dropped', async () => {
    const { port, clock } = freshPort({ retry: { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 30_000 } });
    h.connector.failNext(429, 2, { kind: 'send' });
    const error = await port.post({ platform: 'teams', conversationId: h.world.channelId }, checklistCard).catch((e: BreakglassError) => e);
    expect(error).toMatchObject({ code: 'platform.throttled' });
    expect((error as BreakglassError).retryAt).toBeGreaterThan(clock.now());
  });

  test('a rejected bot secret is reported as unauthorized, not retried forever', async () => {
    const adapter = createTeamsAdapter({ appId: APP_ID, appPassword: 'wrong-secret', tenantId: TENANT_ID, authorityHost: h.issuer.url, serviceUrlAllowList: ['http://127.0.0.1'], logger: silentLogger });
    const port = new TeamsChatPort({ adapter, getConversationRef: async (key) => h.refs.get(key), sleep: async () => undefined });
    await expect(port.post({ platform: 'teams', conversationId: h.world.channelId }, checklistCard)).rejects.toMatchObject({ code: 'platform.unauthorized' });
  });
});

describe('pacing', () => {
  test('one thread gets at most 7 messages a second, in the order they were sent', async () => {
    const { port, clock } = freshPort();
    const start = clock.now();
    const place = { platform: 'teams' as const, conversationId: h.world.channelId, threadId: '1767225600555' };
    const from = h.connector.calls.length;
    const messages: Message[] = Array.from({ length: 15 }, (_, i) => ({ blocks: [{ kind: 'text', text: `update ${i}` }], fallbackText: `update ${i}` }));
    await Promise.all(messages.map((m) => port.post(place, m)));

    const calls = newCalls(from);
    expect(calls.map((c) => cardText(c.body).match(/update (\d+)/)?.[1])).toEqual(messages.map((_, i) => String(i)));
    // 15 messages at 7/s need two full seconds of spacing.
    expect(clock.now() - start).toBeGreaterThanOrEqual(2000);
    expect(clock.now() - start).toBeLessThan(2200);
  });

  test('different threads do not wait for each other', async () => {
    const { port, clock } = freshPort();
    const start = clock.now();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => port.post({ platform: 'teams', conversationId: h.world.channelId, threadId: `root-${i}` }, checklistCard)),
    );
    expect(clock.now() - start).toBeLessThan(200);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}
