import { parseHttpUrl } from '../../bot/shared/http-url';
/**
 * Teams renders TextBlock and FactSet text as a markdown subset: `[x](url)`
 * becomes a link, `*`/`_` emphasis, `~~` strike-through, backticks code,
 * `- ` / `1. ` lists, `&amp;`-style entities. User text must show exactly as
 * typed, so just those characters are backslash-escaped (escaping `[` is
 * enough to stop a link; `(`, `#` and `|` mean nothing in a card and stay as
 * they are, so Teams shows no stray backslashes). `<` and `>` are escaped so
 * `<at>…</at>` can never look like a mention, and `{`/`}` so
 * `{{DATE(...)}}` substitutions stay literal.
 */
const INLINE_SPECIALS = /[\\`*_~[\]<>{}&]/g;
/** List markers only matter at the start of a line. */
const LINE_START_LIST = /^(\s*)([-+]|\d+\.)(?=\s|$)/gm;
/**
 * Bidirectional overrides and isolates let text display in an order other
 * than the one stored (a classic way to disguise a file name or URL), and C0
 * controls other than tab/newline have no business in a card.
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE_TRICKS = /[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function escapeTeamsMarkdown(text: string): string {
  return text
    .replace(INVISIBLE_TRICKS, '')
    .replace(INLINE_SPECIALS, (c) => `\\${c}`)
    .replace(LINE_START_LIST, (_m, indent: string, marker: string) => `${indent}${marker.replace(/([-+.])/, '\\$1')}`);
}

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Plain text cut to at most `max` UTF-16 units (ellipsis included) between
 * graphemes, so an emoji or accented letter is never split in half.
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const { segment } of segmenter.segment(text)) {
    if (out.length + segment.length + ELLIPSIS.length > max) break;
    out += segment;
  }
  return out + ELLIPSIS;
}

/** Cut first (on the plain text), then escape, so an escape is never cut in half. */
export function inertText(text: string, max: number): string {
  return escapeTeamsMarkdown(truncatePlain(text, max));
}

/**
 * Text of several lines as Teams shows it: a single newline in a TextBlock's
 * markdown joins the lines into one run-on paragraph, so each line becomes a
 * paragraph of its own (a blank line between).
 */
export function inertParagraphs(text: string, max: number): string {
  return inertText(text, max)
    .split(/\n+/)
    .join('\n\n');
}

/** http(s) URLs only, normalised by the URL parser; anything else is refused. */
export function safeHttpUrl(raw: string): string | undefined {
  const href = parseHttpUrl(raw)?.href;
  return href !== undefined && href.length <= 2048 ? href : undefined;
}
