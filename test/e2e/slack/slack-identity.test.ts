import { userId, ROLE } from '../../../sim';
import { SLACK_CHANNELS, SLACK_IDS, slackConfig } from './slack-e2e-config';
import { buttonsOf, startSlackE2E, textOf, type SlackE2E } from './slack-e2e-harness';

/**
 * Slack user -> Entra user. Erin is an approver in the config but her Slack id
 * is not pinned there: the bot must find her from the email on her Slack
 * profile (users.info) matched to the tenant's users, and remember it.
 * Mallory is in the workspace but not in the tenant: she can do nothing that
 * needs a person, and is told why.
 */
const MALLORY = { id: 'U0MALLORY', name: 'mallory', email: 'mallory@fabrikam.example' };
let e2e: SlackE2E;

beforeAll(async () => {
  e2e = await startSlackE2E({
    config: slackConfig({ unpinned: ['erin'] }),
    // Slack profiles keep whatever case people typed; Entra matching must not care.
    users: [{ id: SLACK_IDS.erin, name: 'erin', realName: 'Erin Example', email: 'Erin@Contoso.com' }, MALLORY],
  });
});

afterAll(async () => {
  await e2e?.stop();
});

const usersInfoFor = (id: string) => e2e.fake.callsTo('users.info').filter((c) => c.params.user === id);
const UNMAPPED = "I can't match your chat account to an Entra user";

it('an unmapped Slack user is told why and cannot approve; an unpinned approver is found by email, remembered, and can', async () => {
  const { fake } = e2e;
  expect(e2e.config.people.erin?.slack).toBeUndefined();

  await e2e.slash('alice', 'elevate GA for 30m because restore the CA policy ticket INC-7');
  const card = await e2e.card(SLACK_CHANNELS.approvers, 'Global Administrator for Alice Admin');

  // Mallory: users.info has her email, the tenant has no such user.
  const mallory = await e2e.click(MALLORY, card, 'elevation.approve');
  const refused = await e2e.response(mallory.responseId);
  expect(refused.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(UNMAPPED) });
  expect(usersInfoFor(MALLORY.id)).toHaveLength(1);
  expect(await e2e.bot.storage.getIdentity('slack', MALLORY.id)).toBeUndefined();
  expect(textOf(card)).toContain('0 of 1');
  expect(buttonsOf(card).map((b) => b.action_id)).toContain('elevation.approve');

  // Nor can she ask for a role.
  const ask = await e2e.slash(MALLORY, 'elevate GA because trust me');
  expect((await e2e.response(ask.responseId)).body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining(UNMAPPED) });

  // Erin: found through users.info -> Graph user by mail, kept in the identity map.
  await e2e.click({ id: SLACK_IDS.erin, name: 'erin' }, card, 'elevation.approve');
  await fake.waitFor(() => e2e.bot.simulator!.activeAssignments().some((a) => a.principalId === userId('alice') && a.roleDefinitionId === ROLE.globalAdministrator), 10_000, 'the GA assignment');
  await fake.waitFor(() => textOf(card).includes('1 of 1: Erin Example'), 8000, 'the card to show Erin approved');
  expect(usersInfoFor(SLACK_IDS.erin)).toHaveLength(1);
  expect(await e2e.bot.storage.getIdentity('slack', SLACK_IDS.erin)).toBe(userId('erin'));

  // Next time she is known without asking Slack again.
  const list = await e2e.slash({ id: SLACK_IDS.erin, name: 'erin' }, 'elevations');
  expect((await e2e.response(list.responseId)).body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Global Administrator') });
  expect(usersInfoFor(SLACK_IDS.erin)).toHaveLength(1);
});
