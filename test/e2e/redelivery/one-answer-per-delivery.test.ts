import type { Activity } from 'botbuilder';
import { cardAction, channelMention } from '../../fixtures/teams/teams-activities';
import { sendSigned, slashCommand } from '../../support/slack-signing';
import { parseConfig } from '../../../bot/config/load-config';
import { SLACK_CHANNELS, SLACK_IDS, slackConfig } from '../slack/slack-e2e-config';
import { buttonsOf, startSlackE2E, type SlackE2E } from '../slack/slack-e2e-harness';
import { buttonTitles, cardText, channelClick, invokeCard, press } from '../teams/support/card-clicks';
import { CARD_REFRESH_ACTION_ID } from '../../../adapters/teams/adaptive-card-renderer';
import { isChecklistPost, postedMessageId, shownCard } from '../teams/support/incident-cards';
import { INCIDENTS_CHANNEL, startTeamsBotWorld, teamsUser, type TeamsBotWorld } from '../teams/support/teams-bot-world';

/**
 * Exactly one answer per delivery, whatever the delivery is. Slack retries an
 * event, a slash command or a click it did not see acknowledged in time
 * (same body, x-slack-retry-num); Teams re-sends an activity with the same id.
 * For every command of the grammar and every button on the cards, through the
 * real Bolt receiver and the real botbuilder adapter over HTTP: the second
 * copy adds no reply, no chat call and no Graph write. A Teams click is
 * answered in its own HTTP response, so its repeat gets the stored answer
 * again (never recomputed); a card refresh, which changes nothing, is answered
 * afresh.
 */
const COMMANDS = [
  'help',
  'status',
  'note redelivery check',
  'done 4 case 2411220040001234',
  'skip 7 mailboxes are watched by the SOC',
  'assign 8 @bob',
  'signins --since 2h',
  'elevations',
  'posture',
  'elevate GA for 30m because redelivery check ticket INC-9',
  'revoke EL-NOSUCH',
  'commander @bob',
  'export',
  'close redelivery check done',
  'reopen',
  'start a second incident in the same channel',
  'frobnicate', // not a command: the refusal is an answer too
];

/** Graph writes the bot made (assignment requests and the like), from the simulator's own request log. */
const graphWrites = (requests: Array<{ method: string }> | undefined) => (requests ?? []).filter((r) => r.method !== 'GET').length;

describe('Slack: the same delivery twice gives one answer and one effect', () => {
  let e2e: SlackE2E;
  /** Everything the bot sent Slack or Graph: replies, posts, updates, writes. */
  const outputs = () => ({
    webApi: e2e.fake.calls.filter((c) => c.method !== 'auth.test' && c.method !== 'users.info').length,
    responses: e2e.fake.responses.length,
    ephemerals: e2e.fake.ephemerals.length,
    graphWrites: graphWrites(e2e.bot.simulator?.requests),
  });

  /**
   * The reply to a command or click is sent after the router returns (response_url, an ephemeral
   * post), so "handled" is not "answered": wait until nothing more arrives for a few polls.
   */
  const quiet = async () => {
    await e2e.settled();
    let last = JSON.stringify(outputs());
    for (let still = 0; still < 4; ) {
      await new Promise((r) => setTimeout(r, 75));
      const now = JSON.stringify(outputs());
      still = now === last ? still + 1 : 0;
      last = now;
    }
    return outputs();
  };

  beforeAll(async () => {
    // Monitoring off: its alerts would post to the channel at any moment and blur the counts.
    e2e = await startSlackE2E({ config: parseConfig({ ...slackConfig(), monitoring: { enabled: false } }) });
    await e2e.slash('alice', 'start Redelivery drill');
    await e2e.card(SLACK_CHANNELS.security, 'Break glass: Redelivery drill');
    await e2e.settled();
  }, 60_000);
  afterAll(async () => e2e?.stop());

  test.each(COMMANDS)('slash command "%s"', async (text) => {
    const before = JSON.stringify(await quiet());
    const request = slashCommand({ text, user_id: SLACK_IDS.alice, user_name: 'alice', channel_id: SLACK_CHANNELS.security, response_url: e2e.fake.responseUrl(`redelivery-${text}`) });
    const key = `slack:command:${new URLSearchParams(request.body).get('trigger_id')}`;
    expect((await sendSigned(e2e.endpoint, e2e.secret, request)).status).toBe(200);
    await e2e.handled(key, 1);
    await e2e.fake.waitFor(() => JSON.stringify(outputs()) !== before || undefined, 8000, 'an answer'); // every command is answered
    const first = await quiet();
    expect((await e2e.resend(request.body, 'form', 1)).status).toBe(200);
    await e2e.handled(key, 2);
    expect(await quiet()).toEqual(first);
  });

  test.each(COMMANDS.slice(0, 6))('app_mention "%s"', async (text) => {
    const before = JSON.stringify(await quiet());
    const mention = await e2e.mention('alice', text);
    const key = `slack:event:${mention.eventId}`;
    await e2e.handled(key, 1);
    await e2e.fake.waitFor(() => JSON.stringify(outputs()) !== before || undefined, 8000, 'an answer');
    const first = await quiet();
    expect((await e2e.resend(mention.body, 'json', 1)).status).toBe(200);
    expect((await e2e.resend(mention.body, 'json', 2)).status).toBe(200);
    await e2e.handled(key, 3);
    expect(await quiet()).toEqual(first);
  });

  test('every button on the incident card, clicked and then redelivered', async () => {
    await e2e.slash('alice', 'start Buttons redelivery drill', { channel: 'C0BUTTONS1' });
    const card = await e2e.card('C0BUTTONS1', 'Break glass: Buttons redelivery drill');
    await e2e.settled();
    const clicked: string[] = [];
    // The card changes as buttons are pressed: each round clicks a button not pressed yet, as the card shows it now.
    for (;;) {
      // Link buttons only open a page (Slack still sends a click, which the bot does not route).
      const button = buttonsOf(card).find((b) => b.action_id && !b.url && !clicked.includes(`${b.action_id}|${b.value}`));
      if (!button) break;
      clicked.push(`${button.action_id}|${button.value}`);
      const click = await e2e.click('bob', card, button.action_id, { label: button.text?.text ?? '' });
      const actionTs = (JSON.parse(new URLSearchParams(click.body).get('payload')!) as { actions: Array<{ action_ts: string }> }).actions[0]!.action_ts;
      const key = `slack:action:${actionTs}:${SLACK_IDS.bob}`;
      // A button whose box is still empty is answered by the receiver itself ("type the case number"), not routed.
      const routed = await e2e.handled(key, 1).then(() => true, () => false);
      const first = await quiet();
      expect((await e2e.resend(click.body, 'form', 1)).status).toBe(200);
      if (routed) await e2e.handled(key, 2);
      expect({ button: button.action_id, ...(await quiet()) }).toEqual({ button: button.action_id, ...first });
    }
    expect(clicked.length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});

describe('Teams: the same activity twice gives one answer and one effect', () => {
  let w: TeamsBotWorld;
  const alice = teamsUser('alice');
  const bob = teamsUser('bob');
  const outputs = () => ({ connector: w.connector.calls.length, graphWrites: graphWrites(w.bot.simulator?.requests) });
  /** Runs the bot's timers and effects until nothing more is sent for a few rounds. */
  const quiet = async () => {
    let last = JSON.stringify(outputs());
    for (let still = 0; still < 3; ) {
      await w.bot.tick();
      await new Promise((r) => setTimeout(r, 30));
      const now = JSON.stringify(outputs());
      still = now === last ? still + 1 : 0;
      last = now;
    }
  };
  /** Posts the activity, lets the bot finish its effects, and returns the HTTP answer. */
  const deliver = async (activity: Activity) => {
    const res = await w.post(activity);
    expect(res.status).toBe(200);
    await quiet();
    return res.body;
  };

  beforeAll(async () => {
    w = await startTeamsBotWorld();
  }, 60_000);
  afterAll(async () => w?.close());

  test.each(COMMANDS)('@mention "%s"', async (text) => {
    await quiet();
    const before = w.connector.calls.length;
    const activity = channelMention(w.world, alice, text);
    await deliver(activity);
    await w.connector.waitForCalls(before + 1); // every command is answered
    await quiet();
    const first = outputs();
    await deliver(structuredClone(activity));
    expect(outputs()).toEqual(first);
  });

  test('every button on the incident card, clicked and then redelivered: the repeat gets the first answer, not a new one', async () => {
    const start = channelMention(w.world, alice, 'start Teams buttons redelivery drill');
    await deliver(start);
    const incidentId = /BG-[A-Z0-9-]+/.exec(JSON.stringify(w.connector.calls.at(-1)))?.[0];
    const thread = `${INCIDENTS_CHANNEL};messageid=${start.id}`;
    let checklistId = '';
    for (const call of w.connector.calls) if (call.conversationId === thread && isChecklistPost(call)) checklistId = call.activityId ?? checklistId;
    checklistId ||= await postedMessageId(w.bot, incidentId ?? '', 'checklist@home');
    const card = () => shownCard(w.connector, checklistId, (c) => c.conversationId === thread && isChecklistPost(c));
    const titles = buttonTitles(card());
    expect(titles.length).toBeGreaterThanOrEqual(4);
    for (const title of titles) {
      let action;
      try {
        action = press(card(), title, { reason: 'redelivery check', note: 'redelivery check' });
      } catch {
        continue; // a link, or a button this state no longer shows
      }
      const click = channelClick(w.world, INCIDENTS_CHANNEL, bob, action, { messageId: checklistId, threadRootId: start.id! });
      const answer = await deliver(click);
      const first = outputs();
      const again = await deliver(structuredClone(click));
      expect({ title, ...outputs() }).toEqual({ title, ...first });
      expect(again).toEqual(answer);
    }
  }, 60_000);

  test("a repeated card refresh is a view, not a delivery: it is answered with the card as it stands now, and changes nothing", async () => {
    const start = channelMention(w.world, alice, 'start Teams refresh redelivery drill');
    await deliver(start);
    const incidentId = /BG-[A-Z0-9-]+/.exec(JSON.stringify(w.connector.calls.at(-1)))?.[0] ?? '';
    const checklistId = await postedMessageId(w.bot, incidentId, 'checklist@home');
    const card = { messageId: checklistId, threadRootId: start.id! };
    const refresh = cardAction({ ...w.world, channelId: INCIDENTS_CHANNEL }, bob, { verb: CARD_REFRESH_ACTION_ID, data: { value: incidentId } }, { ...card, trigger: 'automatic' });
    const before = invokeCard(await deliver(refresh));
    expect(cardText(before)).toContain('⬜ 4.');

    await deliver(channelMention(w.world, alice, 'done 4 case 2411220040005678', { threadRootId: start.id! }));
    const quietOutputs = outputs();
    // The same refresh again (same activity id): a stored first answer would still show step 4 open.
    const again = invokeCard(await deliver(structuredClone(refresh)));
    expect(cardText(again)).toContain('✅ 4.');
    expect(outputs()).toEqual(quietOutputs);
  }, 60_000);
});
