import type { webApi } from '@slack/bolt';
import { BreakglassError } from '../../bot/core/errors';
import type { SlackProbe } from '../../bot/doctor/check-slack';
import { classifySlackError } from './slack-errors';

/** The doctor's questions to Slack, asked with the bot's own Web API client. */
export function createSlackDoctorProbe(client: webApi.WebClient): SlackProbe {
  return {
    authTest: () =>
      askSlack(async () => {
        const r = await client.auth.test();
        return { ok: true, team: r.team, teamId: r.team_id, botUserId: r.user_id, botId: r.bot_id, scopes: r.response_metadata?.scopes };
      }),
    reach: (target) =>
      askSlack(async () => {
        if (target.kind === 'channel') {
          const { channel } = await client.conversations.info({ channel: target.id });
          return { ok: true, kind: 'channel', ...(channel?.name ? { name: channel.name } : {}), isMember: channel?.is_member === true, isArchived: channel?.is_archived === true };
        }
        const { user } = await client.users.info({ user: target.id });
        return { ok: true, kind: 'person', deleted: user?.deleted === true, isBot: user?.is_bot === true };
      }),
  };
}

/** A Slack refusal is an answer ({ ok: false, error }); only a Slack that did not answer throws. */
async function askSlack<T>(call: () => Promise<T>): Promise<T | { ok: false; error: string }> {
  try {
    return await call();
  } catch (e) {
    const failure = classifySlackError(e);
    if (failure.kind === 'refused') return { ok: false, error: failure.error };
    throw new BreakglassError('platform.unavailable', `Slack did not answer (${failure.kind === 'transient' ? failure.detail : 'rate limited'}).`, { cause: e });
  }
}
