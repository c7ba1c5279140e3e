import type { webApi } from '@slack/bolt';
import { BreakglassError } from '../../bot/core/errors';
import { classifySlackError } from './slack-errors';

export interface SlackBotIdentity {
  botUserId: string;
  botId?: string;
  teamId?: string;
  /** Enterprise Grid org id (E…), when the install is org-wide or in a Grid workspace. */
  enterpriseId?: string;
  team?: string;
}

/**
 * `auth.test` at startup: a bot with a dead token would otherwise accept
 * clicks it can never answer. invalid_auth and friends stop the start with a
 * sentence an operator can act on; an unreachable Slack is a different error.
 */
export async function verifyBotToken(client: webApi.WebClient): Promise<SlackBotIdentity> {
  let result: Awaited<ReturnType<webApi.WebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (e) {
    const failure = classifySlackError(e);
    if (failure.kind === 'refused') {
      throw new BreakglassError(
        'platform.unauthorized',
        `Slack rejected SLACK_BOT_TOKEN (${failure.error}); install the app to the workspace and set the bot token (xoxb-...) it shows.`,
        { detail: { slackError: failure.error, method: 'auth.test' }, cause: e },
      );
    }
    throw new BreakglassError('platform.unavailable', 'Could not reach the Slack Web API to check the bot token; check SLACK_API_URL and the network.', {
      detail: { method: 'auth.test', why: failure.kind === 'transient' ? failure.detail : 'rate limited' },
      cause: e,
    });
  }
  if (!result.user_id || !result.bot_id) {
    throw new BreakglassError('platform.unauthorized', 'SLACK_BOT_TOKEN is not a bot token; use the xoxb-... token from the Slack app’s OAuth page.', {
      detail: { method: 'auth.test' },
    });
  }
  return { botUserId: result.user_id, botId: result.bot_id, teamId: result.team_id, team: result.team, ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}) };
}
