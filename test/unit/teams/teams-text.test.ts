import { replyMessage } from '../../../adapters/teams/invoke-responses';
import { replyLine } from '../../../bot/messages/message-text';
import { escapeTeamsMarkdown, inertParagraphs, inertText, safeHttpUrl, truncatePlain } from '../../../adapters/teams/teams-text';
import { HOSTILE_TEXTS, LONG_EMOJI, MULTIBYTE } from '../../fixtures/teams/teams-messages';

/** CommonMark reads `\` + ASCII punctuation as that character, literally. */
function readAsCommonMark(escaped: string): string {
  return escaped.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/** Markdown-significant characters that are not preceded by an escaping backslash. */
function unescapedSpecials(escaped: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < escaped.length; i++) {
    const c = escaped[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if ('[]<>*_`~{}&'.includes(c)) found.push(c);
  }
  return found;
}

describe('escapeTeamsMarkdown', () => {
  test.each(Object.entries(HOSTILE_TEXTS).filter(([name]) => name !== 'bidi'))('%s shows exactly as typed and has no live markup', (_name, text) => {
    const escaped = escapeTeamsMarkdown(text);
    expect(unescapedSpecials(escaped)).toEqual([]);
    expect(readAsCommonMark(escaped)).toBe(text);
  });

  test('a markdown link cannot form', () => {
    expect(escapeTeamsMarkdown('[x](http://evil)')).toBe('\\[x\\](http://evil)');
  });

  test('an <at> mention is only text', () => {
    expect(escapeTeamsMarkdown('<at>Admins</at>')).toBe('\\<at\\>Admins\\</at\\>');
  });

  test.each([
    ['- item', '\\- item'],
    ['  + item', '  \\+ item'],
    ['12. item', '12\\. item'],
    ['a - b 1. c', 'a - b 1. c'],
  ])('list marker %j only escaped at the start of a line', (input, output) => {
    expect(escapeTeamsMarkdown(input)).toBe(output);
  });

  test('bidi overrides and control characters are removed, newlines kept', () => {
    expect(escapeTeamsMarkdown('a\u202Eb\u0007c\nd\te')).toBe('abc\nd\te');
  });

  test('punctuation Teams does not read as markdown is left alone: no stray backslashes', () => {
    expect(escapeTeamsMarkdown('help [command]: list commands (e.g. "help elevate") #1 | 50% done.')).toBe('help \\[command\\]: list commands (e.g. "help elevate") #1 | 50% done.');
  });

  test('each line of a multi-line text is its own paragraph, as Teams needs', () => {
    expect(inertParagraphs('help: this text\nstart <summary>: open an incident', 1000)).toBe('help: this text\n\nstart \\<summary\\>: open an incident');
  });

  test('multi-byte text passes through unchanged', () => {
    expect(escapeTeamsMarkdown(MULTIBYTE)).toBe(MULTIBYTE);
  });
});

describe('truncatePlain / inertText', () => {
  test('short text is untouched', () => {
    expect(truncatePlain('hello', 5)).toBe('hello');
  });

  test('long text is cut with an ellipsis within the limit, never splitting an emoji', () => {
    const cut = truncatePlain(LONG_EMOJI, 101);
    expect(cut.length).toBeLessThanOrEqual(101);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut.slice(0, -1)].every((ch) => ch === '🔥')).toBe(true);
  });

  test('an escape is never cut in half', () => {
    const out = inertText('['.repeat(50), 10);
    expect(out).toBe('\\['.repeat(9) + '…');
    expect(unescapedSpecials(out)).toEqual([]);
  });
});

describe('safeHttpUrl', () => {
  test.each([
    ['https kept', 'https://portal.azure.com/#view/x', 'https://portal.azure.com/#view/x'],
    ['spaces encoded', 'http://example.com/a b', 'http://example.com/a%20b'],
    ['javascript refused', 'javascript:alert(1)', undefined],
    ['other scheme refused', 'msteams://x', undefined],
    ['garbage refused', 'not a url', undefined],
    ['over 2048 refused', `https://example.com/${'a'.repeat(3000)}`, undefined],
  ])('%s', (_name, input, output) => {
    expect(safeHttpUrl(input)).toBe(output);
  });
});

describe('a reply with its reference', () => {
  test('says the reference once (the core never puts it in the text)', () => {
    const reply = { text: 'That request has ended.', ephemeral: true, correlationId: 'cdc9da59' };
    const message = replyMessage(reply);
    const shown = [message.fallbackText, message.context ?? ''].join(' ');
    expect(shown.match(/cdc9da59/g)).toHaveLength(1);
    const card = message.blocks.map((b) => (b.kind === 'text' ? b.text : '')).join(' ');
    expect(card.match(/cdc9da59/g)).toHaveLength(1);
    expect(replyLine(reply).match(/cdc9da59/g)).toHaveLength(1);
  });
});
