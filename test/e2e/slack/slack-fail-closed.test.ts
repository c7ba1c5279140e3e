import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/core/logger';
import { appMention, blockActionsPayload, eventCallback, sendSigned, slashCommand } from '../../support/slack-signing';
import { SLACK_CHANNELS, SLACK_IDS } from './slack-e2e-config';
import { headerOf, startSlackE2E, textOf, type SlackE2E } from './slack-e2e-harness';

/**
 * Issue 14 part B through the real Bolt receiver: a click that cannot prove
 * it is the paged person's own page, and anything from another workspace,
 * is refused (and audited or logged) instead of acted on.
 */
let e2e: SlackE2E;
const logs: Array<Record<string, unknown>> = [];
const SECRET = 'e2e-signing-secret-4b1f9a7c';
const FOREIGN = 'T0OTHER99';

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  e2e = await startSlackE2E({ logger: createLogger({ level: 'warn', destination: sink }) });
});

afterAll(async () => {
  await e2e?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const dropped = () => logs.filter((l) => l.msg === 'Slack request from a workspace that is not allowed; dropped');
const denials = async () => (await e2e.bot.storage.listAudit({})).filter((a) => a.type === 'authz.denied' && (a.data as { what?: string }).what === 'acknowledge this page');

let incidentId = '';
it('sets up: an incident pages Ivan', async () => {
  expect((await e2e.slash('alice', 'start Global admins locked out')).status).toBe(200);
  const card = await e2e.card(SLACK_CHANNELS.security, 'Break glass: Global admins locked out');
  incidentId = /BG-[A-Z0-9]+/.exec(textOf(card))![0];
  const page = await e2e.dmCard('ivan', 'please acknowledge');
  // The button is bound to the paged person.
  const value = page.blocks!.flatMap((b) => ((b as { elements?: Array<{ value?: string }> }).elements ?? [])).find((e) => e.value?.startsWith(incidentId))?.value;
  expect(value).toBe(`${incidentId}|to:ivan`);
});

async function attack(payload: Record<string, unknown>): Promise<string> {
  const responseId = `attack-${Math.random().toString(36).slice(2)}`;
  payload.response_url = e2e.fake.responseUrl(responseId);
  const res = await sendSigned(e2e.endpoint, SECRET, { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' });
  expect(res.status).toBe(200);
  return ((await e2e.response(responseId)).body as { text: string }).text;
}

it("refuses Judy acknowledging Ivan's page with no message reference (an old unbound button, no message in the payload), and audits it", async () => {
  const before = (await denials()).length;
  const payload = blockActionsPayload({ actionId: 'breakglass.ack', value: incidentId, userId: SLACK_IDS.judy, userName: 'judy', responseUrl: '' });
  delete payload.message;
  payload.container = { type: 'view', view_id: 'V0MODAL01' };
  expect(await attack(payload)).toMatch(/only the paged person can acknowledge a page\. \(ref [0-9a-f]{8}\)$/);
  expect((await denials()).length).toBe(before + 1);
  expect(headerOf(await e2e.dmCard('ivan', 'please acknowledge'))).toContain('please acknowledge');
});

it("refuses Judy acknowledging with a reference to a message that is not a page (the checklist), and audits it", async () => {
  const before = (await denials()).length;
  const card = await e2e.card(SLACK_CHANNELS.security, 'Break glass: Global admins locked out');
  const payload = blockActionsPayload({ actionId: 'breakglass.ack', value: incidentId, userId: SLACK_IDS.judy, userName: 'judy', channelId: card.channel, messageTs: card.ts, responseUrl: '' });
  expect(await attack(payload)).toMatch(/only the paged person can acknowledge a page/);
  expect((await denials()).length).toBe(before + 1);
});

it("refuses Judy pressing Ivan's bound button (a forwarded card), and audits it", async () => {
  const before = (await denials()).length;
  const payload = blockActionsPayload({ actionId: 'breakglass.ack', value: `${incidentId}|to:ivan`, userId: SLACK_IDS.judy, userName: 'judy', responseUrl: '' });
  delete payload.message;
  payload.container = { type: 'view', view_id: 'V0MODAL02' };
  expect(await attack(payload)).toMatch(/^This page was sent to Ivan .*; only they can acknowledge it\./);
  expect((await denials()).length).toBe(before + 1);
});

describe('requests from another workspace are dropped and logged', () => {
  async function expectDropped(send: () => Promise<number>): Promise<void> {
    const handled = e2e.handledKeys().length;
    const logged = dropped().length;
    expect(await send()).toBe(200);
    const until = Date.now() + 5000;
    while (dropped().length === logged && Date.now() < until) await sleep(25);
    expect(dropped().length).toBe(logged + 1);
    expect(dropped().at(-1)).toMatchObject({ teamId: FOREIGN });
    await sleep(300);
    expect(e2e.handledKeys().length).toBe(handled);
  }

  it('an event from a Slack Connect partner (home team_id, foreign event.user_team)', async () => {
    const request = eventCallback(appMention(`<@${e2e.fake.botUserId}> start attackers were here`, { user: SLACK_IDS.alice, channel: SLACK_CHANNELS.security }));
    const body = JSON.parse(request.body) as { event: Record<string, unknown> };
    body.event.user_team = FOREIGN;
    await expectDropped(async () => (await sendSigned(e2e.endpoint, SECRET, { body: JSON.stringify(body), contentType: request.contentType })).status);
  });

  it('a slash command from a second install', async () => {
    const request = slashCommand({ text: 'start attackers were here', user_id: SLACK_IDS.alice, user_name: 'alice', team_id: FOREIGN, response_url: e2e.fake.responseUrl('foreign-slash') });
    await expectDropped(async () => (await sendSigned(e2e.endpoint, SECRET, request)).status);
  });

  it("a block action by a foreign user in a shared channel, even with the paged person's user id", async () => {
    const page = await e2e.dmCard('ivan', 'please acknowledge');
    const payload = blockActionsPayload({ actionId: 'breakglass.ack', value: `${incidentId}|to:ivan`, userId: SLACK_IDS.ivan, userName: 'ivan', channelId: page.channel, messageTs: page.ts, responseUrl: e2e.fake.responseUrl('foreign-click') });
    (payload.user as Record<string, unknown>).team_id = FOREIGN;
    await expectDropped(async () => (await sendSigned(e2e.endpoint, SECRET, { body: new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), contentType: 'application/x-www-form-urlencoded' })).status);
    expect(headerOf(await e2e.dmCard('ivan', 'please acknowledge'))).toContain('please acknowledge');
  });

  it('while the home workspace still works', async () => {
    const page = await e2e.dmCard('ivan', 'please acknowledge');
    expect((await e2e.click('ivan', page, 'breakglass.ack')).status).toBe(200);
    await e2e.fake.waitFor(() => headerOf(page).includes('page answered'), 8000, 'the page to be answered');
  });
});
