import { parseConfig } from '../../../bot/config/load-config';
import { SLACK_CHANNELS, slackConfig } from './slack-e2e-config';
import { headerOf, startSlackE2E, textOf, type SlackE2E } from './slack-e2e-harness';

/**
 * A manager Slack will not let the bot DM (users_not_found, cannot_dm_bot):
 * the page falls back to the incident channel at once, the checklist says so,
 * the rest of the incident is not held up, and escalation still happens on time.
 */
const CHANNEL = SLACK_CHANNELS.security;
const ACK_TIMEOUT_MS = 3000;

function config() {
  const base = slackConfig();
  // Ivan alone on level 0 (not also a security officer), Judy on level 1.
  return parseConfig(
    { ...base, roles: { ...base.roles, securityOfficers: [] }, breakGlass: { ...base.breakGlass, ackTimeout: `${ACK_TIMEOUT_MS / 1000}s` } },
    'unreachable page config',
  );
}

describe.each(['users_not_found', 'cannot_dm_bot'])('a manager Slack answers %s for', (slackError) => {
  let e2e: SlackE2E;
  beforeAll(async () => {
    e2e = await startSlackE2E({ config: config() });
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('is mentioned in the incident channel at once, shown as unreachable, and the chain escalates on time', async () => {
    const { fake } = e2e;
    // Ivan's page is the first DM the bot opens.
    fake.failNext('conversations.open', { error: slackError });
    const startedAt = Date.now();
    await e2e.slash('alice', 'start Global admins locked out after a Conditional Access change');
    const card = await e2e.card(CHANNEL, 'Break glass: Global admins locked out');

    const fallback = await fake.waitFor(
      () => fake.messages(CHANNEL).find((m) => textOf(m).includes('cannot send you a direct message')),
      2000,
      'the page posted in the incident channel',
    );
    expect(textOf(fallback)).toContain('Ivan Ivanov');
    // A real mention in the blocks, so Slack notifies Ivan.
    expect(textOf(fallback)).toContain('<@U0IVAN> the bot cannot send you a direct message');
    await fake.waitFor(() => textOf(card).includes('could not reach by direct message'), 2000, 'the checklist to say Ivan could not be reached');
    expect(textOf(card)).not.toMatch(/Ivan Ivanov: page delivered/);

    // The rest of the incident is not held up behind the failed DM.
    await e2e.click('bob', card, 'breakglass.playbook');
    await fake.waitFor(() => fake.messages(CHANNEL).find((m) => m.threadTs === card.ts && headerOf(m).includes('Step 2')), 2000, 'the step 2 notice');
    await fake.waitFor(() => fake.messages(CHANNEL).find((m) => m.threadTs === card.ts && headerOf(m).includes('Sign-in review')), 2000, 'the sign-in summary');
    await fake.waitFor(() => fake.messages(CHANNEL).find((m) => m.threadTs === card.ts && headerOf(m).includes('Step 6')), 2000, 'the federation notice');

    // Level 1 (Judy) is paged when the ack timeout runs out, not minutes later.
    const judy = await e2e.dmCard('judy', 'please acknowledge', ACK_TIMEOUT_MS + 3000);
    expect(Date.now() - startedAt).toBeLessThan(ACK_TIMEOUT_MS + 3000);
    expect(textOf(judy)).toContain('escalation level 1');
    await fake.waitFor(() => textOf(card).includes('Judy Jones: page delivered'), 2000, 'the checklist to say Judy got the page');
  });
});

describe('a manager whose DM keeps failing with a retryable error (Slack 503)', () => {
  let e2e: SlackE2E;
  beforeAll(async () => {
    e2e = await startSlackE2E({ config: config() });
  });
  afterAll(async () => {
    await e2e?.stop();
  });

  it('holds up only that page: the checklist, sign-in summary and federation notice arrive within 2 s of their cause', async () => {
    const { fake } = e2e;
    // Ivan's DM fails three times: its handler backs off 0.5 + 1 + 2 s before the fourth try gets through.
    fake.failNext('conversations.open', { status: 503 }, 3);
    await e2e.slash('alice', 'start Global admins locked out after a Conditional Access change');
    const card = await e2e.card(CHANNEL, 'Break glass: Global admins locked out');

    const clickedAt = Date.now();
    await e2e.click('bob', card, 'breakglass.playbook');
    const threaded = (header: string) => fake.messages(CHANNEL).find((m) => m.threadTs === card.ts && headerOf(m).includes(header));
    await fake.waitFor(() => threaded('Step 2'), 2000, 'the step 2 notice');
    await fake.waitFor(() => threaded('Sign-in review'), 2000, 'the sign-in summary');
    await fake.waitFor(() => threaded('Step 6'), 2000, 'the federation notice');
    await fake.waitFor(() => textOf(card).includes('Playbook reviewed') || /✅[^\n]*[Pp]laybook/.test(textOf(card)), 2000, 'the checklist updated for the click');
    expect(Date.now() - clickedAt).toBeLessThan(2000);
    // Nothing claims Ivan got a page that had not gone out yet; the page itself still arrives once Slack answers.
    expect(textOf(card)).not.toMatch(/Ivan Ivanov: page delivered/);
    await e2e.dmCard('ivan', 'please acknowledge', 8000);
  });
});
