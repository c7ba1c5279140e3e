/**
 * A URL from config or Graph parsed and normalised by the URL parser (which
 * percent-encodes `<`, `>`, spaces and quotes), or undefined unless it is
 * http(s): javascript:, slack:// and garbage never become links. Renderers add
 * their own platform's encoding and length limit.
 */
export function parseHttpUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
}
