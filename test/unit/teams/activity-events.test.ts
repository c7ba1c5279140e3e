import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { actionEventFrom, commandEventFrom, placeOf, tenantOf } from '../../../adapters/teams/activity-events';
import { cardAction, channelMention, DANA, personalMessage, type TeamsWorld } from '../../fixtures/teams/teams-activities';

const world: TeamsWorld = {
  appId: 'app',
  botName: 'breakglass',
  tenantId: 'tenant-1',
  serviceUrl: 'https://smba.trafficmanager.net/emea/',
  teamId: '19:team@thread.tacv2',
  channelId: '19:chan@thread.tacv2',
};

describe('where a Teams activity comes from', () => {
  test('a channel post: the channel is the conversation, the root message the thread', () => {
    const a = channelMention(world, DANA, 'status', { threadRootId: '1700000000001' });
    expect(placeOf(a)).toEqual({ platform: 'teams', conversationId: world.channelId, threadId: '1700000000001', tenantId: 'tenant-1' });
  });

  test('a 1:1 chat has no thread', () => {
    expect(placeOf(personalMessage(world, DANA, 'help', 'a:1chat'))).toEqual({ platform: 'teams', conversationId: 'a:1chat', tenantId: 'tenant-1' });
  });

  test('the tenant comes from the conversation, else channelData', () => {
    const a = personalMessage(world, DANA, 'help');
    expect(tenantOf({ ...a, conversation: { ...a.conversation, tenantId: undefined } })).toBe('tenant-1');
    expect(tenantOf({ ...a, conversation: { ...a.conversation, tenantId: undefined }, channelData: {} })).toBeUndefined();
  });

  test('the actor is the Entra object id, or the Teams id when Teams sends none', () => {
    const a = channelMention(world, DANA, 'status');
    expect(commandEventFrom(a, 5).actor).toEqual({ platform: 'teams', platformUserId: DANA.aadObjectId, entraObjectId: DANA.aadObjectId.toLowerCase(), displayName: DANA.name });
    const anonymous = { ...a, from: { id: '29:x', name: '' } } as Activity;
    expect(commandEventFrom(anonymous, 5).actor).toEqual({ platform: 'teams', platformUserId: '29:x' });
  });
});

describe('actionEventFrom', () => {
  test('only inputs the card asked for are read, keyed by their input id, cut to a sane length', () => {
    const a = cardAction(world, DANA, { verb: 'elevation.deny', data: { value: 'wf', 'input.1.reason': 'x'.repeat(5000), 'input.0.ticket': 'INC-1', evil: 'y', 'input.2.n': 5 } }, { messageId: '1' });
    const event = actionEventFrom(a, 1);
    expect(event?.inputs).toEqual({ reason: 'x'.repeat(2000), ticket: 'INC-1' });
  });

  test('a missing value is empty rather than undefined', () => {
    expect(actionEventFrom(cardAction(world, DANA, { verb: 'x.y', data: {} }, { messageId: '1' }), 1)?.value).toBe('');
  });

  test('never throws on whatever an invoke value holds', () => {
    const a = cardAction(world, DANA, { verb: 'x', data: {} }, { messageId: '1' });
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const event = actionEventFrom({ ...a, value } as Activity, 1);
        if (event) expect(typeof event.actionId).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});
