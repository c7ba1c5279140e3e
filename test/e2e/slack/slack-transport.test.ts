import { SLACK_CHANNELS, SLACK_IDS } from './slack-e2e-config';
import { buttonsOf, headerOf, startSlackE2E, textOf, type SlackE2E } from './slack-e2e-harness';
import { sendSigned, slashCommand } from '../../support/slack-signing';

/**
 * The running bot over real HTTP: signed Slack requests in, Web API calls out
 * to the fake Slack. Signature and replay checks, and one side effect per
 * delivery however often Slack delivers it.
 */
let e2e: SlackE2E;

beforeAll(async () => {
  e2e = await startSlackE2E();
});

afterAll(async () => {
  await e2e?.stop();
});

describe('Slack over HTTP, end to end', () => {
  let incidentId = '';

  it('a signed /breakglass start posts the checklist card to the channel, pages the manager by DM and answers privately', async () => {
    const sent = await e2e.slash('alice', 'start Tenant admins locked out');
    expect(sent.status).toBe(200);

    const card = await e2e.card(SLACK_CHANNELS.security, 'Break glass: Tenant admins locked out');
    expect(buttonsOf(card).map((b) => b.action_id)).toEqual(expect.arrayContaining(['breakglass.playbook', 'breakglass.checkout', 'breakglass.support']));
    const post = e2e.fake.callsTo('chat.postMessage').find((c) => c.params.ts === undefined && c.params.channel === SLACK_CHANNELS.security);
    expect(post?.token).toBe(e2e.fake.botToken);

    const reply = await e2e.response(sent.responseId);
    expect(reply.body).toMatchObject({ response_type: 'ephemeral' });
    incidentId = /Incident (BG-[A-Z0-9]+) is open/.exec(String(reply.body.text))?.[1] ?? '';
    expect(incidentId).not.toBe('');

    // Ivan is the level-0 manager and security officer: he gets the page as a DM with an Acknowledge button.
    const page = await e2e.dmCard('ivan', 'please acknowledge');
    expect(page.channel).toBe(e2e.fake.dmChannelOf(SLACK_IDS.ivan));
    expect(buttonsOf(page)).toEqual([expect.objectContaining({ action_id: 'breakglass.ack', value: `${incidentId}|to:ivan` })]);
  });

  it('the same slash command delivered again (same trigger_id, x-slack-retry-num) opens no second incident', async () => {
    const request = slashCommand({ text: 'start Duplicate delivery check', user_id: SLACK_IDS.bob, user_name: 'bob', channel_id: 'C0OTHER01', response_url: e2e.fake.responseUrl('dup-start') });
    const triggerId = new URLSearchParams(request.body).get('trigger_id')!;
    expect((await sendSigned(e2e.endpoint, e2e.secret, request)).status).toBe(200);
    await e2e.card('C0OTHER01', 'Duplicate delivery check');
    expect((await e2e.resend(request.body, 'form', 1)).status).toBe(200);
    await e2e.handled(`slack:command:${triggerId}`, 2);
    await e2e.settled();

    const cards = e2e.fake.messages('C0OTHER01').filter((m) => !m.threadTs && headerOf(m).includes('Duplicate delivery check'));
    expect(cards).toHaveLength(1);
    expect(e2e.fake.responses.filter((r) => r.id === 'dup-start')).toHaveLength(1);
  });

  it('a button click built from the card Slack holds reaches the workflow: the card is updated in place and the step notice is a thread reply', async () => {
    const card = await e2e.card(SLACK_CHANNELS.security, 'Break glass: Tenant admins locked out');
    await e2e.settled();
    const updatesBefore = card.updates;
    const repliesBefore = e2e.fake.messages(SLACK_CHANNELS.security).filter((m) => m.threadTs === card.ts).length;

    const click = await e2e.click('bob', card, 'breakglass.playbook');
    expect(click.status).toBe(200);
    await e2e.fake.waitFor(() => textOf(card).includes('Playbook reviewed') && card.updates > updatesBefore, 8000, 'the checklist to show step 2 done');
    const notice = await e2e.fake.waitFor(() => e2e.fake.messages(SLACK_CHANNELS.security).find((m) => m.threadTs === card.ts && headerOf(m).includes('Step 2')));
    expect(textOf(notice)).toContain('Done by Bob Admin');
    expect(buttonsOf(card).map((b) => b.action_id)).not.toContain('breakglass.playbook');

    // Slack redelivers the same click (same action_ts and user): nothing happens twice.
    await e2e.settled();
    const updatesAfterFirst = card.updates;
    const repliesAfterFirst = e2e.fake.messages(SLACK_CHANNELS.security).filter((m) => m.threadTs === card.ts).length;
    expect(repliesAfterFirst).toBe(repliesBefore + 1);
    const actionTs = (JSON.parse(new URLSearchParams(click.body).get('payload')!) as { actions: Array<{ action_ts: string }> }).actions[0]!.action_ts;
    expect((await e2e.resend(click.body, 'form', 1)).status).toBe(200);
    await e2e.handled(`slack:action:${actionTs}:${SLACK_IDS.bob}`, 2);
    await e2e.settled();
    expect(card.updates).toBe(updatesAfterFirst);
    expect(e2e.fake.messages(SLACK_CHANNELS.security).filter((m) => m.threadTs === card.ts)).toHaveLength(repliesAfterFirst);
    expect(e2e.fake.responses.filter((r) => r.id === click.responseId)).toHaveLength(0);
  });

  it('an app_mention reaches the bot, and a redelivery of the same event_id is acted on once', async () => {
    const card = await e2e.card(SLACK_CHANNELS.security, 'Break glass: Tenant admins locked out');
    await e2e.settled();
    const before = e2e.fake.messages(SLACK_CHANNELS.security).filter((m) => m.threadTs === card.ts).length;

    const mention = await e2e.mention('bob', `done 7 --incident ${incidentId}`);
    expect(mention.status).toBe(200);
    await e2e.fake.waitFor(() => e2e.fake.messages(SLACK_CHANNELS.security).find((m) => m.threadTs === card.ts && headerOf(m).includes('Step 7')), 8000, 'the step 7 notice');
    expect((await e2e.resend(mention.body, 'json', 1)).status).toBe(200);
    expect((await e2e.resend(mention.body, 'json', 2)).status).toBe(200);
    await e2e.handled(`slack:event:${mention.eventId}`, 3);
    await e2e.settled();

    const step7 = e2e.fake.messages(SLACK_CHANNELS.security).filter((m) => m.threadTs === card.ts && headerOf(m).includes('Step 7'));
    expect(step7).toHaveLength(1);
    expect(e2e.fake.messages(SLACK_CHANNELS.security).filter((m) => m.threadTs === card.ts)).toHaveLength(before + 1);
  });

  it('an app_mention the bot refuses is answered ephemerally to the sender only', async () => {
    const mention = await e2e.mention('carol', 'start Carol is no responder');
    expect(mention.status).toBe(200);
    const ephemeral = await e2e.fake.waitFor(() => e2e.fake.ephemerals.find((x) => x.user === SLACK_IDS.carol && x.channel === SLACK_CHANNELS.security));
    expect(ephemeral.text).toMatch(/Only a configured responder can start an incident/);
    expect(e2e.fake.messages(SLACK_CHANNELS.security).some((m) => headerOf(m).includes('Carol is no responder'))).toBe(false);
  });

  it('refuses a bad signature and a six-minute-old timestamp with 401, and nothing reaches the router', async () => {
    const keysBefore = e2e.handledKeys().length;
    const forged = slashCommand({ text: 'start Forged', user_id: SLACK_IDS.alice, response_url: e2e.fake.responseUrl('forged') });
    expect((await sendSigned(e2e.endpoint, e2e.secret, forged, { secret: 'not-the-signing-secret' })).status).toBe(401);

    const old = slashCommand({ text: 'start Replayed', user_id: SLACK_IDS.alice, response_url: e2e.fake.responseUrl('replayed') });
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await sendSigned(e2e.endpoint, e2e.secret, old, { timestampSec: sixMinutesAgo })).status).toBe(401);

    // The same requests signed correctly now are accepted: the 401s were about the signature and the age.
    const fresh = await e2e.slash('alice', 'help');
    expect(fresh.status).toBe(200);
    await e2e.response(fresh.responseId);
    expect(e2e.handledKeys().length).toBe(keysBefore + 1);
    expect(e2e.fake.responses.some((r) => r.id === 'forged' || r.id === 'replayed')).toBe(false);
  });
});
