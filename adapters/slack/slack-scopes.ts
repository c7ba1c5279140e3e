/**
 * The bot-token scopes each Web API method we call needs, as Slack documents
 * them. The manifest test checks that manifests/slack/manifest.yaml asks for
 * exactly these (plus the event and command scopes), and that every method the
 * adapter calls is listed here, so the app never asks for more than it uses.
 */
export const METHOD_SCOPES: Record<string, readonly string[]> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'conversations.open': ['im:write'],
  // Incident channels are always private: groups:write, not channels:manage.
  'conversations.create': ['groups:write'],
  'conversations.invite': ['groups:write'],
  'users.info': ['users:read', 'users:read.email'],
  // the full close report as a file in the incident's thread
  'files.uploadV2': ['files:write'],
  // doctor: is the bot a member of each configured channel (public and private).
  'conversations.info': ['channels:read', 'groups:read'],
};

/** Events API subscriptions and the scope each needs. */
export const EVENT_SCOPES: Record<string, string> = {
  app_mention: 'app_mentions:read',
  'message.im': 'im:history',
};

export const COMMAND_SCOPE = 'commands';

export function requiredBotScopes(): string[] {
  return [...new Set([COMMAND_SCOPE, ...Object.values(EVENT_SCOPES), ...Object.values(METHOD_SCOPES).flat()])].sort();
}
