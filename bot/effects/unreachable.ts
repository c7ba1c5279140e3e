import { isBreakglassError } from '../core/errors';

/** Slack answers that mean this person can never get a DM from the bot; retrying will not change them. */
const SLACK_UNREACHABLE: Record<string, string> = {
  users_not_found: 'Slack does not know that user',
  user_not_found: 'Slack does not know that user',
  cannot_dm_bot: 'that Slack user is a bot',
  account_inactive: 'that Slack account is deactivated',
};

/**
 * Why a DM can never reach this person, in words for the checklist card, or
 * undefined when the failure may pass (network, throttling) and is retried.
 */
export function unreachableReason(e: unknown): string | undefined {
  if (!isBreakglassError(e)) return undefined;
  const detail = e.detail ?? {};
  if (typeof detail.unreachable === 'string') return detail.unreachable;
  if (typeof detail.slackError === 'string' && detail.slackError in SLACK_UNREACHABLE) return SLACK_UNREACHABLE[detail.slackError];
  // The Bot Connector's documented refusals for a 1:1 chat: the user lacks the app (403) or is unknown (404).
  if (detail.status === 403) return 'Teams refused a chat with them (the app is not installed for them)';
  if (detail.status === 404) return 'Teams does not know that user';
  return undefined;
}
