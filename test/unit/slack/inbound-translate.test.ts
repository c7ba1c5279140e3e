import fc from 'fast-check';
import { renderBlockKit } from '../../../adapters/slack/block-kit-renderer';
import { incidentChannelName } from '../../../adapters/slack/incident-channel-name';
import { actionFromBlockActions, commandFromMessage, commandFromSlash, type BlockActionsPayload } from '../../../adapters/slack/inbound-translate';
import { escapeSlackText, slackTextToPlain } from '../../../adapters/slack/mrkdwn-text';
import { parseCommand } from '../../../bot/core/command-grammar';
import type { Message } from '../../../bot/messages/message';
import { blockActionsPayload } from '../../support/slack-signing';

const AT = Date.parse('2026-01-01T03:12:00Z');

describe('Slack text to plain text', () => {
  it.each([
    ['assign 2 <@U0SAM0001|sam>', 'assign 2 <@U0SAM0001>'],
    ['assign 2 <@W0ENT0001>', 'assign 2 <@W0ENT0001>'],
    ['note see <#C0SEC0001|security>', 'note see #security'],
    ['note <!here> and <!subteam^S012|@admins>', 'note @here and @admins'],
    ['note <https://evil.example|click here>', 'note https://evil.example'],
    ['note a &amp; b &lt;c&gt;', 'note a & b <c>'],
    ['note &amp;lt;', 'note &lt;'],
  ])('%s -> %s', (slack, plain) => {
    expect(slackTextToPlain(slack)).toBe(plain);
  });

  it('round-trips anything a user types: escaping then reading back gives the same text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: fc.constantFrom('&', '<', '>', 'a', 'm', 'p', 'l', 't', 'g', ';', '@', '!', '|', ' ') }), fc.string({ unit: 'grapheme' })), (typed) => {
        expect(slackTextToPlain(escapeSlackText(typed))).toBe(typed);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the command grammar a mention it can read from an escaped slash command', () => {
    const event = commandFromSlash({ trigger_id: 't1', user_id: 'U0DANA001', channel_id: 'C0SEC0001', text: 'assign 3 <@U0SAM0001|sam>' }, AT)!;
    expect(parseCommand(event.text)).toEqual({ ok: true, command: { name: 'assign', step: 3, user: { kind: 'mention', platformUserId: 'U0SAM0001' } } });
  });
});

describe('Slack payloads to inbound events', () => {
  it('refuses a slash command without the fields that identify who and where', () => {
    expect(commandFromSlash({ user_id: 'U1', channel_id: 'C1', text: 'x' }, AT)).toBeUndefined();
    expect(commandFromSlash({ trigger_id: 't', channel_id: 'C1' }, AT)).toBeUndefined();
  });

  it('removes every mention of the bot from a mention, wherever it is', () => {
    const event = commandFromMessage({ type: 'app_mention', user: 'U0DANA001', channel: 'C1', ts: '1.1', text: 'hey <@UBOT0001> status <@UBOT0001|breakglass>' }, 'Ev1', 'UBOT0001', AT)!;
    expect(event.text).toBe('hey status');
  });

  it('ignores messages from bots, edits, and channel messages that are not DMs', () => {
    const base = { type: 'message', user: 'U0DANA001', channel: 'D1', ts: '1.1', text: 'status', channel_type: 'im' };
    expect(commandFromMessage(base, 'Ev1', 'UBOT', AT)).toBeDefined();
    expect(commandFromMessage({ ...base, bot_id: 'B1' }, 'Ev1', 'UBOT', AT)).toBeUndefined();
    expect(commandFromMessage({ ...base, subtype: 'message_changed' }, 'Ev1', 'UBOT', AT)).toBeUndefined();
    expect(commandFromMessage({ ...base, channel_type: 'channel' }, 'Ev1', 'UBOT', AT)).toBeUndefined();
    expect(commandFromMessage(base, undefined, 'UBOT', AT)).toBeUndefined();
  });

  it('reads only the boxes that belong to the clicked button', () => {
    const card: Message = {
      blocks: [],
      buttons: [
        { actionId: 'elevation.deny', label: 'Deny', value: 'wf1', input: { id: 'reason', label: 'Reason', required: true } },
        { actionId: 'elevation.approve', label: 'Approve', value: 'wf1', input: { id: 'comment', label: 'Comment', required: false } },
      ],
      fallbackText: 'x',
    };
    const blocks = renderBlockKit(card).blocks;
    const payload = blockActionsPayload({
      actionId: 'elevation.approve',
      value: 'wf1',
      responseUrl: 'http://127.0.0.1/r',
      blocks,
      typed: { 'bg-input:elevation.deny:reason': { reason: 'secret deny reason' }, 'bg-input:elevation.approve:comment': { comment: 'ok by me' } },
    }) as BlockActionsPayload;
    const result = actionFromBlockActions(payload, AT);
    expect(result.kind === 'event' && result.event.inputs).toEqual({ comment: 'ok by me' });
  });

  it('lets an optional box stay empty', () => {
    const blocks = renderBlockKit({ blocks: [], buttons: [{ actionId: 'a.b', label: 'Go', value: 'v', input: { id: 'note', label: 'Note', required: false } }], fallbackText: 'x' }).blocks;
    const result = actionFromBlockActions(blockActionsPayload({ actionId: 'a.b', value: 'v', responseUrl: 'http://127.0.0.1/r', blocks }) as BlockActionsPayload, AT);
    expect(result).toMatchObject({ kind: 'event', event: { actionId: 'a.b', value: 'v' } });
    expect(result.kind === 'event' && result.event.inputs).toBeUndefined();
  });

  it('never throws on arbitrary JSON where a payload should be', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const body = (typeof a === 'object' && a !== null ? { ...a, actions: [b] } : { actions: a }) as BlockActionsPayload;
        expect(() => actionFromBlockActions(body, AT)).not.toThrow();
        expect(() => commandFromSlash(a as never, AT)).not.toThrow();
        expect(() => commandFromMessage((b ?? {}) as never, 'Ev1', 'UBOT', AT)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('incident channel names', () => {
  it.each([
    ['BG-20260101 Global admins locked out', 'bg-20260101-global-admins-locked-out'],
    ['Zürich — MFA outage!!', 'zurich-mfa-outage'],
    ['<!channel>', 'channel'],
    ['東京', 'incident'],
    ['x'.repeat(100), 'x'.repeat(80)],
  ])('%s -> %s', (title, name) => {
    expect(incidentChannelName(title)).toBe(name);
  });
});
