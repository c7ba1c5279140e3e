import type { Config } from '../../bot/config/schema';
import type { Place } from '../../bot/core/platform';
import type { SlackChatPort } from './slack-chat-port';

/**
 * `createIncidentChannel`: a private Slack channel per incident with the responders in it, and a
 * link to it where the incident was started (Slack's documented app_redirect deep link).
 */
export function incidentChannelOpener(slack: SlackChatPort, config: Config) {
  return async (incidentId: string, _summary: string, startedIn: Place) => {
    const responders = config.roles.responders.map((k) => config.people[k]?.slack).filter((id): id is string => !!id);
    const channel = await slack.openIncidentChannel(incidentId.toLowerCase(), responders);
    const text = `Incident ${incidentId} is being worked in the private channel #${channel.name}.`;
    // Renderers escape text, so the channel is reachable only through a link block (Slack's documented app_redirect deep link).
    const link = { kind: 'link' as const, text: `Open #${channel.name}`, url: `https://slack.com/app_redirect?channel=${encodeURIComponent(channel.conversationId)}` };
    await slack.post(startedIn, { fallbackText: text, blocks: [{ kind: 'text', text }, link] });
    return { platform: 'slack' as const, conversationId: channel.conversationId };
  };
}
