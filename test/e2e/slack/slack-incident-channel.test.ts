import { SLACK_CHANNELS, SLACK_IDS, slackConfig } from './slack-e2e-config';
import { headerOf, startSlackE2E, textOf, type SlackE2E } from './slack-e2e-harness';

/**
 * With channels.createIncidentChannel on, `start` opens a private channel for
 * the incident, invites the responders and links it where the incident was
 * declared. Outbound calls that Slack rate-limits are retried after
 * Retry-After, never dropped.
 */
let e2e: SlackE2E;

beforeAll(async () => {
  e2e = await startSlackE2E({ config: slackConfig({ createIncidentChannel: true }) });
});

afterAll(async () => {
  await e2e?.stop();
});

describe('incident channel and outbound rate limits', () => {
  let privateChannel = '';
  let rootTs = '';

  it('start opens a private channel with the responders, links it where it was started, and works the incident there', async () => {
    const { fake } = e2e;
    const start = await e2e.slash('alice', 'start Suspicious Global Administrator assignment');
    const reply = await e2e.response(start.responseId);
    const incidentId = /Incident (BG-[A-Z0-9]+) is open/.exec(String(reply.body.text))?.[1] ?? '';
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('work the checklist in the incident channel linked above') });

    const created = await fake.waitForCall('conversations.create');
    expect(created.params).toMatchObject({ name: incidentId.toLowerCase(), is_private: 'true' });
    const invited = await fake.waitForCall('conversations.invite');
    privateChannel = String(invited.params.channel);
    expect(String(invited.params.users).split(',').sort()).toEqual([SLACK_IDS.alice, SLACK_IDS.bob].sort());
    expect(fake.channel(privateChannel)).toMatchObject({ isPrivate: true, name: incidentId.toLowerCase() });
    expect(fake.channel(privateChannel)!.members).toEqual(expect.arrayContaining([SLACK_IDS.alice, SLACK_IDS.bob]));

    // Where it was declared: one message linking the new channel, and no checklist.
    const pointer = await fake.waitFor(() => fake.messages(SLACK_CHANNELS.security).find((m) => textOf(m).includes(incidentId)));
    expect(textOf(pointer)).toContain(`Incident ${incidentId} is being worked in the private channel #${incidentId.toLowerCase()}.`);
    expect(textOf(pointer)).toContain(`<https://slack.com/app_redirect?channel=${privateChannel}|Open #${incidentId.toLowerCase()}>`);
    const card = await e2e.card(privateChannel, 'Break glass: Suspicious Global Administrator assignment');
    rootTs = card.ts;
    expect(fake.messages(SLACK_CHANNELS.security).some((m) => headerOf(m).includes('Break glass'))).toBe(false);

    // Slack redelivers the start: still one channel, one pointer.
    expect((await e2e.resend(start.body, 'form', 1)).status).toBe(200);
    const triggerId = new URLSearchParams(start.body).get('trigger_id')!;
    await e2e.handled(`slack:command:${triggerId}`, 2);
    await e2e.settled();
    expect(fake.callsTo('conversations.create')).toHaveLength(1);
    expect(fake.messages(SLACK_CHANNELS.security).filter((m) => textOf(m).includes(incidentId))).toHaveLength(1);
  });

  it('a Web API call answered 429 with Retry-After is sent again after the wait, and the message lands once', async () => {
    const { fake } = e2e;
    await e2e.settled();
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });

    const done = await e2e.slash('bob', 'done 7 SOC watches the mailboxes', { channel: privateChannel });
    expect(done.status).toBe(200);
    const notice = await fake.waitFor(() => fake.messages(privateChannel).find((m) => m.threadTs === rootTs && headerOf(m).includes('Step 7')), 10_000, 'the step 7 notice');
    expect(textOf(notice)).toContain('SOC watches the mailboxes');

    const attempts = fake.callsTo('chat.postMessage').filter((c) => c.params.channel === privateChannel && c.params.thread_ts === rootTs && String(c.params.text).includes('Step 7'));
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    await e2e.settled();
    expect(fake.messages(privateChannel).filter((m) => headerOf(m).includes('Step 7'))).toHaveLength(1);
  });
});
