import { SLACK_LIMITS } from './block-kit-limits';
import { parseHttpUrl } from '../../bot/shared/http-url';

/**
 * A URL fit to sit inside Slack markup (`<url|text>`) or a button: http(s)
 * only, normalised by the URL parser (which percent-encodes `<`, `>`, spaces
 * and quotes), `|` encoded so it cannot end the link early, `&` escaped as
 * Slack asks. Anything else (javascript:, slack://, garbage) gives undefined.
 */
export function safeLinkUrl(raw: string): string | undefined {
  const url = parseHttpUrl(raw);
  if (!url) return undefined;
  const href = url.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
  return href.length <= SLACK_LIMITS.url ? href : undefined;
}

/** For mrkdwn `<url|text>`: the safe URL with `&` escaped. */
export function mrkdwnUrl(raw: string): string | undefined {
  return safeLinkUrl(raw)?.replace(/&/g, '&amp;');
}
