import { isBreakglassError } from '../core/errors';
import { fail, pass, type CheckLine } from './check-line';

/** What Slack's auth.test said, with the token's scopes from its x-oauth-scopes header. */
export type SlackAuthAnswer =
  | { ok: true; team?: string; teamId?: string; botUserId?: string; botId?: string; scopes?: readonly string[] }
  | { ok: false; error: string };

export interface SlackProbe {
  /** Throws only when Slack could not be reached; a refusal is an answer. */
  authTest(): Promise<SlackAuthAnswer>;
}

const PART = 'Slack';
const REINSTALL = "Install the app to the workspace again and set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-...) shown on the app's OAuth & Permissions page.";

/** The bot token works (auth.test) and carries every scope the bot uses. */
export async function checkSlack(probe: SlackProbe, requiredScopes: readonly string[]): Promise<CheckLine[]> {
  let answer: SlackAuthAnswer;
  try {
    answer = await probe.authTest();
  } catch (e) {
    const why = isBreakglassError(e) ? e.userMessage : 'Slack did not answer.';
    return [fail(PART, 'bot token (auth.test)', why, 'Check SLACK_API_URL (leave it unset for slack.com) and that this host can reach slack.com over HTTPS.')];
  }
  if (!answer.ok) {
    return [fail(PART, 'bot token (auth.test)', `Slack refused the token: ${answer.error}`, REINSTALL)];
  }
  if (!answer.botId) {
    return [fail(PART, 'bot token (auth.test)', 'the token works but is not a bot token', 'Use the Bot User OAuth Token (xoxb-...), not a user token (xoxp-...).')];
  }
  const where = answer.team ? `workspace ${answer.team}${answer.teamId ? ` (${answer.teamId})` : ''}` : 'the workspace';
  const lines = [pass(PART, 'bot token (auth.test)', `accepted in ${where} as bot user ${answer.botUserId ?? answer.botId}`)];
  if (answer.scopes === undefined) {
    lines.push(fail(PART, 'scopes', 'Slack did not say which scopes the token has (no x-oauth-scopes header)', 'Compare the Bot Token Scopes on the OAuth & Permissions page with manifests/slack/manifest.yaml.'));
    return lines;
  }
  const held = new Set(answer.scopes);
  const missing = requiredScopes.filter((s) => !held.has(s));
  lines.push(
    missing.length === 0
      ? pass(PART, 'scopes', `all ${requiredScopes.length} the bot uses are granted`)
      : fail(
          PART,
          'scopes',
          `missing ${missing.join(', ')}`,
          'Add them under OAuth & Permissions > Bot Token Scopes (manifests/slack/manifest.yaml lists every scope the bot uses), reinstall the app, and use the new token.',
        ),
  );
  return lines;
}
