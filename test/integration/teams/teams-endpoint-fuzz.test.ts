import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { cardAction, channelMention, DANA } from '../../fixtures/teams/teams-activities';
import { startTeamsHarness, type TeamsHarness } from '../../fixtures/teams/teams-harness';

let h: TeamsHarness;

beforeAll(async () => {
  h = await startTeamsHarness();
  h.answer.handler = async (event) => ({ kind: 'reply', text: `got ${event.type}`, ephemeral: true });
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await h.close();
});

/** Any JSON-ish value, including the odd shapes a hostile sender would try. */
const junk = fc.oneof(fc.anything({ maxDepth: 2 }), fc.string(), fc.constant(null), fc.integer(), fc.array(fc.string(), { maxLength: 3 }));

/** A genuine Teams activity with some of its fields replaced by junk (serviceUrl kept: it is signed). */
const mutatedActivity = fc
  .tuple(
    fc.constantFrom('message', 'invoke'),
    fc.dictionary(
      fc.constantFrom('type', 'id', 'text', 'entities', 'from', 'recipient', 'conversation', 'channelData', 'value', 'name', 'replyToId', 'attachments', 'membersAdded'),
      junk,
      { maxKeys: 3 },
    ),
  )
  .map(([kind, overrides]) => {
    const base = kind === 'message' ? channelMention(h.world, DANA, 'status') : cardAction(h.world, DANA, { verb: 'elevation.approve', data: { value: 'wf-1' } }, { messageId: '1' });
    return { ...base, ...overrides } as Activity;
  });

test('whatever a signed request carries, the endpoint answers without a server error and keeps serving', async () => {
  await fc.assert(
    fc.asyncProperty(mutatedActivity, async (activity) => {
      const res = await h.post(activity);
      expect([200, 400, 401, 403, 501]).toContain(res.status);
    }),
    { numRuns: 300 },
  );
  const replies = h.connector.calls.length;
  const res = await h.post(channelMention(h.world, DANA, 'status'));
  expect(res.status).toBe(200);
  await h.connector.waitForCalls(replies + 1);
  // Nothing failed after the acknowledgement either (those failures are only logged).
  expect(h.logs.filter((l) => (l.level as number) >= 50).map((l) => l.msg)).toEqual([]);
});
