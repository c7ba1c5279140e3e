import type { Activity } from 'botbuilder';
import fc from 'fast-check';
import { commandText } from '../../../adapters/teams/mention-text';

const BOT = { id: '28:bot-app-id', name: 'breakglass' };
const botMention = { type: 'mention', text: '<at>breakglass</at>', mentioned: BOT };

function message(text: string, entities: unknown[] = [botMention]): Partial<Activity> {
  return { type: 'message', text, recipient: BOT, entities } as Partial<Activity>;
}

describe('commandText', () => {
  test.each<[string, Partial<Activity>, string]>([
    ['leading bot mention', message('<at>breakglass</at> start drill'), 'start drill'],
    ['bot mention in the middle', message('hey <at>breakglass</at> status please'), 'hey status please'],
    ['bot mention without an entity, by name', message('<at>Breakglass</at> status', []), 'status'],
    ['1:1 chat without any mention', message('elevations', []), 'elevations'],
    ['extra spaces and non-breaking spaces', message('<at>breakglass</at>\u00a0 done   4 \u00a0case 123'), 'done 4 case 123'],
    ['HTML entities Teams uses for typed characters', message('<at>breakglass</at> note a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; &#x1F525;'), 'note a & b <c> "d" \'e\' 🔥'],
    ['newlines in a note are kept', message('<at>breakglass</at> note line one\n  line two'), 'note line one\nline two'],
    ['only the mention', message('<at>breakglass</at>'), ''],
  ])('%s', (_name, activity, expected) => {
    expect(commandText(activity)).toBe(expected);
  });

  test("another user's mention becomes a mention token with their Entra object id", () => {
    const sam = { type: 'mention', text: '<at>Sam Lee</at>', mentioned: { id: '29:sam', name: 'Sam Lee', aadObjectId: '0c9e7a61-2b6f-4c51-8d7e-9f8a7b6c5d4e' } };
    expect(commandText(message('<at>breakglass</at> assign 7 <at>Sam Lee</at>', [botMention, sam]))).toBe('assign 7 <@0c9e7a61-2b6f-4c51-8d7e-9f8a7b6c5d4e>');
  });

  test('a mention without an Entra id falls back to the Teams user id', () => {
    const sam = { type: 'mention', text: '<at>Sam</at>', mentioned: { id: '29:1sam-id', name: 'Sam' } };
    expect(commandText(message('<at>breakglass</at> commander <at>Sam</at>', [botMention, sam]))).toBe('commander <@29:1sam-id>');
  });

  test('an <at> tag without a matching entity is only a name', () => {
    expect(commandText(message('<at>breakglass</at> assign 7 <at>Sam Lee</at>'))).toBe('assign 7 Sam Lee');
  });

  test.each([
    ['typed mention token', '<at>breakglass</at> assign 7 <@victim-id>'],
    ['entity-encoded mention token', '<at>breakglass</at> assign 7 &lt;@victim-id&gt;'],
    ['mention token inside a fake <at>', '<at>breakglass</at> assign 7 <at>&lt;@victim-id&gt;</at>'],
  ])('a %s cannot pose as a real mention', (_name, text) => {
    expect(commandText(message(text))).not.toContain('<@victim-id>');
  });

  test('malformed entities are ignored, not trusted', () => {
    const hostile = [{ type: 'mention' }, { type: 'mention', text: '<at>x</at>', mentioned: null }, null, 'string', { text: 5 }];
    expect(commandText(message('<at>breakglass</at> status', hostile))).toBe('status');
    expect(commandText({ type: 'message', text: 'status', recipient: BOT, entities: 'nope' } as unknown as Partial<Activity>)).toBe('status');
  });

  test('a message without text is empty', () => {
    expect(commandText({ type: 'message', recipient: BOT } as Partial<Activity>)).toBe('');
  });

  test('never throws and never yields a mention token that no entity vouches for', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), fc.array(fc.anything(), { maxLength: 4 }), (text, entities) => {
        const out = commandText(message(`<at>breakglass</at> ${text}`, [botMention, ...entities]));
        expect(typeof out).toBe('string');
        expect(out).not.toMatch(/<@/);
      }),
      { numRuns: 2000 },
    );
  });
});
