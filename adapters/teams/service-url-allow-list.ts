/**
 * Where the bot may send replies (and its Bot Connector token). An inbound
 * activity names its own serviceUrl, so without this list anyone who can
 * reach /api/messages could make the bot post, with its bearer token, to a
 * host of their choosing.
 *
 * Defaults: the service URL hosts Bot Framework and Teams document
 * (smba.trafficmanager.net with its regional paths, the government clouds,
 * and *.botframework.com for other channels), https only. The four Teams
 * hosts are the ones Microsoft's Agents SDK lists as well-known Teams service
 * endpoints (publicGlobal, gcc, gccHigh, dod).
 */
export const DEFAULT_SERVICE_URL_ALLOW_LIST: readonly string[] = [
  'https://smba.trafficmanager.net',
  'https://*.botframework.com',
  'https://smba.infra.gcc.teams.microsoft.com',
  'https://smba.infra.gov.teams.microsoft.us',
  'https://smba.infra.dod.teams.microsoft.us',
];

/** Entries are `scheme://host` with an optional leading `*.` on the host; port and path are not compared. */
export function isServiceUrlAllowed(serviceUrl: string, allowList: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return allowList.some((entry) => {
    const match = /^([a-z]+):\/\/([^/:]+)/i.exec(entry.trim());
    if (!match) return false;
    const [, scheme, pattern] = match as unknown as [string, string, string];
    if (`${scheme.toLowerCase()}:` !== url.protocol) return false;
    const want = pattern.toLowerCase();
    return want.startsWith('*.') ? host.endsWith(want.slice(1)) && host.length > want.length - 1 : host === want;
  });
}
