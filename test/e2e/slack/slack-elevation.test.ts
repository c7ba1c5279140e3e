import { userId, ROLE } from '../../../sim';
import { SLACK_CHANNELS } from './slack-e2e-config';
import { buttonsOf, headerOf, inputsOf, startSlackE2E, textOf, type SlackE2E } from './slack-e2e-harness';

/**
 * A PIM elevation requested and approved only through signed Slack requests;
 * the grant lands in the simulated tenant. The justification carries Slack
 * markup a requester might use to ping or phish approvers; it must reach
 * Slack as inert text.
 */
let e2e: SlackE2E;

beforeAll(async () => {
  e2e = await startSlackE2E();
});

afterAll(async () => {
  await e2e?.stop();
});

const GA = ROLE.globalAdministrator;

/**
 * The command text as Slack sends it: characters the requester typed arrive
 * escaped (`&lt;!channel&gt;`), while mentions picked from Slack's autocomplete
 * arrive as real markup (`<!here>`, `<@U0BOB|bob>`).
 */
const slackEscaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COMMAND = `elevate GA for 30m because restore CA policy ${slackEscaped('<!channel> <@U123> <https://evil.example|click> & more')} cc <!here> <@U0BOB|bob> ticket INC-4242`;

it('requests GA from Slack, approves it from the approvers channel card, and the assignment appears in the tenant', async () => {
  const { fake } = e2e;
  const request = await e2e.slash('alice', COMMAND, { channel: 'C0REQUESTS' });
  expect(request.status).toBe(200);
  const answer = await e2e.response(request.responseId);
  expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/^Request EL-[A-Z0-9]+ for Global Administrator is with the approvers\.$/) });

  const card = await e2e.card(SLACK_CHANNELS.approvers, 'Global Administrator for Alice Admin (30m)');
  expect(buttonsOf(card).map((b) => [b.action_id, b.text?.text])).toEqual([
    ['elevation.approve', 'Approve'],
    ['elevation.deny', 'Deny'],
  ]);
  // Deny comes with its reason box; Slack sends what was typed with the click.
  expect(inputsOf(card)).toEqual([expect.objectContaining({ type: 'input', optional: false, label: expect.objectContaining({ text: 'Reason for denying' }), element: expect.objectContaining({ action_id: 'reason' }) })]);
  expect(textOf(card)).toContain('INC-4242');

  // Injection strings render as text: escaped in what Slack received, never as live markup.
  const justification = textOf(card);
  expect(justification).toContain('restore CA policy &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt; &amp; more cc @here &lt;@U0BOB&gt;');
  const posted = fake.callsTo('chat.postMessage').filter((c) => c.params.channel === SLACK_CHANNELS.approvers || c.params.channel === 'C0REQUESTS');
  expect(posted.length).toBeGreaterThan(0);
  for (const call of posted) {
    const wire = JSON.stringify(call.params);
    expect(wire).not.toContain('<!channel>');
    expect(wire).not.toContain('<@U123>');
    expect(wire).not.toContain('<https://evil.example');
    expect(wire).not.toContain('<!here>');
    expect(wire).not.toContain('<@U0BOB');
  }

  // Deny without a reason: asked to fill it in, privately; nothing is decided.
  const bare = await e2e.click('carol', card, 'elevation.deny');
  expect((await e2e.response(bare.responseId)).body).toMatchObject({ response_type: 'ephemeral', text: 'Fill in "Reason for denying" first, then press the button again.' });
  // The requester is no approver: refused privately.
  const own = await e2e.click('alice', card, 'elevation.approve');
  expect((await e2e.response(own.responseId)).body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Only an approver can approve elevations') });
  expect(e2e.bot.simulator!.activeAssignments().filter((a) => a.principalId === userId('alice') && a.roleDefinitionId === GA)).toEqual([]);

  // Carol approves: the bot assigns the role in the tenant, time-bound, and every card copy says so.
  const approve = await e2e.click('carol', card, 'elevation.approve');
  expect(approve.status).toBe(200);
  await fake.waitFor(() => e2e.bot.simulator!.activeAssignments().some((a) => a.principalId === userId('alice') && a.roleDefinitionId === GA), 10_000, 'the GA assignment in the tenant');
  await fake.waitFor(() => buttonsOf(card).some((b) => b.action_id === 'elevation.revoke'), 10_000, 'the card to offer Revoke');
  expect(textOf(card)).toContain('1 of 1: Carol Admin');
  expect(buttonsOf(card).map((b) => b.action_id)).not.toContain('elevation.approve');
  expect(inputsOf(card)).toEqual([]);
  expect(fake.callsTo('chat.update').some((c) => c.params.ts === card.ts && c.params.channel === SLACK_CHANNELS.approvers)).toBe(true);
  const assignment = e2e.bot.simulator!.activeAssignments().find((a) => a.principalId === userId('alice') && a.roleDefinitionId === GA)!;
  expect(assignment.endDateTime).toBeDefined();
  expect(Date.parse(assignment.endDateTime!) - Date.parse(assignment.startDateTime!)).toBeLessThanOrEqual(30 * 60_000 + 60_000);

  // The requester hears the outcome by DM.
  const dm = await e2e.dmCard('alice', 'You have Global Administrator');
  expect(headerOf(dm)).toContain('You have Global Administrator');
  await e2e.settled();
});
