import { renderBlockKit } from '../../../adapters/slack/block-kit-renderer';
import { SlackChatPort } from '../../../adapters/slack/slack-chat-port';
import { BreakglassError } from '../../../bot/core/errors';
import { createLogger, silentLogger } from '../../../bot/core/logger';
import type { Message } from '../../../bot/messages/message';
import { ManualClock } from '../../../bot/ports/clock';
import { FakeSlack } from '../../fakes/fake-slack';
import { sampleMessage } from '../../fixtures/messages/sample-messages';

const DANA = { id: 'U0DANA001', name: 'dana', email: 'Dana.Park@Contoso.example' };
const SAM = { id: 'U0SAM0001', name: 'sam', email: 'sam.lee@contoso.example' };
const GONE = { id: 'U0GONE001', name: 'gone', email: 'left@contoso.example', deleted: true };

let fake: FakeSlack;
let clock: ManualClock;
/** Every wait the port asked for, in ms. The fake sleep moves the clock instead of sleeping. */
let waits: number[];

function port(options: { retry?: { maxTransientAttempts?: number } } = {}): SlackChatPort {
  return new SlackChatPort({
    botToken: fake.botToken,
    apiUrl: fake.apiUrl,
    logger: silentLogger,
    clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    },
    ...options,
  });
}

const note = (text: string): Message => ({ blocks: [{ kind: 'text', text }], fallbackText: text });
const postedTexts = (channel: string): Array<string | undefined> => fake.messages(channel).map((m) => m.text);

beforeEach(async () => {
  fake = await FakeSlack.start({ users: [DANA, SAM, GONE] });
  clock = new ManualClock();
  waits = [];
});

afterEach(async () => {
  await fake.close();
});

describe('SlackChatPort: posting and updating', () => {
  it('posts the rendered card with the bot token and returns a ref that updates it in place', async () => {
    const chat = port();
    const card = sampleMessage('checklist card');
    const ref = await chat.post({ platform: 'slack', conversationId: 'C0SEC0001' }, card);
    expect(ref).toEqual({ platform: 'slack', conversationId: 'C0SEC0001', messageId: fake.messages('C0SEC0001')[0]!.ts });
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.token).toBe(fake.botToken);
    expect(call.params).toMatchObject({ channel: 'C0SEC0001', text: renderBlockKit(card).text, blocks: renderBlockKit(card).blocks, unfurl_links: 'false' });

    const closed = sampleMessage('incident report');
    await chat.update(ref, closed);
    const [stored] = fake.messages('C0SEC0001');
    expect(stored).toMatchObject({ updates: 1, text: renderBlockKit(closed).text, blocks: renderBlockKit(closed).blocks });
    expect(fake.messages('C0SEC0001')).toHaveLength(1);
  });

  it('posts as a thread reply when the place has a thread', async () => {
    const ref = await port().post({ platform: 'slack', conversationId: 'C0SEC0001', threadId: '1767225601.000001' }, note('Step 2 done by Sam'));
    expect(fake.callsTo('chat.postMessage')[0]!.params.thread_ts).toBe('1767225601.000001');
    expect(ref.threadId).toBe('1767225601.000001');
  });

  it('opens a DM once per user and posts into it', async () => {
    const chat = port();
    const first = await chat.dm(DANA.id, sampleMessage('escalation DM'));
    const second = await chat.dm(DANA.id, note('Still unacknowledged'));
    expect(first.conversationId).toBe(fake.dmChannelOf(DANA.id));
    expect(second.conversationId).toBe(first.conversationId);
    expect(fake.callsTo('conversations.open')).toHaveLength(1);
    expect(fake.messages(first.conversationId)).toHaveLength(2);
  });

  it('whispers an escaped one-liner to one user', async () => {
    await port().whisper({ platform: 'slack', conversationId: 'C0SEC0001' }, SAM.id, { text: 'You can’t approve your own request <!here>', ephemeral: true, correlationId: 'ab12cd34' });
    expect(fake.ephemerals).toEqual([{ channel: 'C0SEC0001', user: SAM.id, text: 'You can’t approve your own request &lt;!here&gt; (ref ab12cd34)', threadTs: undefined }]);
  });
});

describe('SlackChatPort: pacing and retries', () => {
  it('keeps order in a channel and spaces messages about a second apart', async () => {
    const chat = port();
    const place = { platform: 'slack' as const, conversationId: 'C0SEC0001' };
    await Promise.all(['one', 'two', 'three', 'four'].map((t) => chat.post(place, note(t))));
    expect(postedTexts('C0SEC0001')).toEqual(['one', 'two', 'three', 'four']);
    expect(waits).toEqual([1000, 1000, 1000]);
  });

  it('paces each channel on its own, so a busy channel does not hold up another', async () => {
    const chat = port();
    await Promise.all([
      chat.post({ platform: 'slack', conversationId: 'C0SEC0001' }, note('a1')),
      chat.post({ platform: 'slack', conversationId: 'C0SEC0001' }, note('a2')),
      chat.post({ platform: 'slack', conversationId: 'C0APPR001' }, note('b1')),
      chat.post({ platform: 'slack', conversationId: 'C0APPR001' }, note('b2')),
    ]);
    // One second passes for both channels together, not one after the other.
    expect(waits).toEqual([1000]);
    expect(postedTexts('C0SEC0001')).toEqual(['a1', 'a2']);
    expect(postedTexts('C0APPR001')).toEqual(['b1', 'b2']);
  });

  it('on 429 waits exactly Retry-After, retries, and keeps later messages behind it', async () => {
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 }, 2);
    const chat = port();
    const place = { platform: 'slack' as const, conversationId: 'C0SEC0001' };
    await Promise.all([chat.post(place, note('first')), chat.post(place, note('second'))]);
    expect(fake.callsTo('chat.postMessage').map((c) => c.status)).toEqual([429, 429, 200, 200]);
    expect(postedTexts('C0SEC0001')).toEqual(['first', 'second']);
    expect(waits.filter((w) => w === 7000)).toHaveLength(2);
  });

  it('retries 5xx with growing backoff and posts once', async () => {
    fake.failNext('chat.postMessage', { status: 503 }, 3);
    await port().post({ platform: 'slack', conversationId: 'C0SEC0001' }, note('after outage'));
    expect(waits).toEqual([500, 1000, 2000]);
    expect(postedTexts('C0SEC0001')).toEqual(['after outage']);
  });

  it('gives up after the configured attempts with platform.unavailable, and the next message still goes', async () => {
    fake.failNext('chat.postMessage', { status: 500 }, 3);
    const chat = port({ retry: { maxTransientAttempts: 3 } });
    const place = { platform: 'slack' as const, conversationId: 'C0SEC0001' };
    const [failed, ok] = await Promise.allSettled([chat.post(place, note('lost?')), chat.post(place, note('next'))]);
    expect(failed.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: 'platform.unavailable' });
    expect(ok.status).toBe('fulfilled');
    expect(postedTexts('C0SEC0001')).toEqual(['next']);
  });

  it('does not retry a refusal and says what to do', async () => {
    fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const err = await port()
      .post({ platform: 'slack', conversationId: 'C0PRIV001' }, note('x'))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BreakglassError);
    expect(err).toMatchObject({ code: 'platform.unauthorized', detail: { slackError: 'not_in_channel', method: 'chat.postMessage' } });
    expect((err as BreakglassError).userMessage).toMatch(/invite the bot/);
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('maps a revoked token to platform.unauthorized', async () => {
    const chat = new SlackChatPort({ botToken: 'xoxb-revoked', apiUrl: fake.apiUrl, logger: silentLogger, clock, sleep: async () => {} });
    await expect(chat.post({ platform: 'slack', conversationId: 'C0SEC0001' }, note('x'))).rejects.toMatchObject({ code: 'platform.unauthorized' });
  });
});

describe('SlackChatPort: incident channels and identity', () => {
  it('creates a private channel with a Slack-safe name and invites the responders, not itself', async () => {
    const created = await port().openIncidentChannel('BG 2026-01-01 Global admins locked out!', [DANA.id, SAM.id, DANA.id, fake.botUserId]);
    expect(created.name).toBe('bg-2026-01-01-global-admins-locked-out');
    expect(fake.channel(created.conversationId)).toMatchObject({ isPrivate: true, members: [fake.botUserId, DANA.id, SAM.id] });
    expect(fake.callsTo('conversations.invite')[0]!.params).toMatchObject({ users: `${DANA.id},${SAM.id}`, force: 'true' });
  });

  it('picks a numbered name when the name is taken', async () => {
    const chat = port();
    await chat.openIncidentChannel('bg-incident', [DANA.id]);
    const second = await chat.openIncidentChannel('bg-incident', [DANA.id]);
    expect(second.name).toBe('bg-incident-2');
  });

  it('looks up a lower-cased profile email, and none for deleted or unknown users', async () => {
    const chat = port();
    await expect(chat.lookupEmail(DANA.id)).resolves.toBe('dana.park@contoso.example');
    await expect(chat.lookupEmail(GONE.id)).resolves.toBeUndefined();
    await expect(chat.lookupEmail('U0NOBODY1')).resolves.toBeUndefined();
  });
});

describe('SlackChatPort: logs', () => {
  it('never writes the bot token to the log, even at debug level and on network errors', async () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
    const token = 'xoxb-1111-2222-SECRETSECRET';
    const unreachable = new SlackChatPort({ botToken: token, apiUrl: 'http://127.0.0.1:1/api/', logger, clock, sleep: async () => {}, retry: { maxTransientAttempts: 2 } });
    await expect(unreachable.post({ platform: 'slack', conversationId: 'C0SEC0001' }, note('x'))).rejects.toMatchObject({ code: 'platform.unavailable' });
    fake.failNext('chat.postMessage', { status: 500 });
    const chat = new SlackChatPort({ botToken: fake.botToken, apiUrl: fake.apiUrl, logger, clock, sleep: async () => {} });
    await chat.post({ platform: 'slack', conversationId: 'C0SEC0001' }, note('y'));
    expect(lines.length).toBeGreaterThan(3);
    const log = lines.join('\n');
    expect(log).not.toContain('SECRETSECRET');
    expect(log).not.toContain(fake.botToken);
  });
});
