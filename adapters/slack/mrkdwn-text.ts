/**
 * Slack reads `&`, `<` and `>` as markup in every text it renders: `<!channel>`
 * pings a channel, `<@U123>` mentions, `<https://x|y>` hides a link. Escaping
 * the three characters turns any user text into inert text.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Text looked at on each side of a cut to find the grapheme boundary before it. */
const GRAPHEME_WINDOW = 256;

/**
 * Escape and fit into `max` UTF-16 units (Slack's limits are counted on what is
 * sent, i.e. after escaping). Cuts between graphemes, so an emoji or accented
 * letter is never split and an entity like `&amp;` is never cut in half; a cut
 * text ends with an ellipsis.
 */
export function escapeWithin(text: string, max: number): string {
  const whole = escapeSlackText(text);
  if (whole.length <= max) return whole;
  // The longest prefix whose escaped form fits; escaping grows each unit on its own.
  const budget = max - ELLIPSIS.length;
  let cut = 0;
  let used = 0;
  for (; cut < text.length; cut++) {
    const c = text.charCodeAt(cut);
    const width = c === 38 ? 5 : c === 60 || c === 62 ? 4 : 1;
    if (used + width > budget) break;
    used += width;
  }
  return escapeSlackText(text.slice(0, graphemeStartAt(text, cut))) + ELLIPSIS;
}

/**
 * The last grapheme boundary at or before `at`. Only the text around the cut
 * is segmented: V8's segmenter over a whole long reply cost 60 ms for 10,000
 * characters and 1.5 s for 200,000, on every ack that carried one.
 */
function graphemeStartAt(text: string, at: number): number {
  const from = Math.max(0, at - GRAPHEME_WINDOW);
  let boundary = from;
  for (const { index } of segmenter.segment(text.slice(from, at + GRAPHEME_WINDOW))) {
    if (from + index > at) break;
    boundary = from + index;
  }
  return boundary;
}

/**
 * Turn text Slack sent us (slash command `text`, message `text`) into plain
 * text for the command grammar. Real mentions stay as `<@U123>` (the grammar
 * reads them); channel references, links and special mentions become their
 * visible text; then Slack's entity escapes are undone.
 */
export function slackTextToPlain(text: string): string {
  const withoutMarkup = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const [target = '', label] = inner.split('|', 2);
    if (/^@[UW][A-Z0-9]+$/.test(target)) return `<${target}>`;
    if (target.startsWith('#')) return label ? `#${label}` : target;
    if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
    return target;
  });
  return withoutMarkup.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
