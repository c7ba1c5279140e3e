import { isBreakglassError } from '../core/errors';
import { fail, pass, type CheckLine } from './check-line';
import { reachName, type ReachTarget } from './check-reach';

/** What Slack's auth.test said, with the token's scopes from its x-oauth-scopes header. */
export type SlackAuthAnswer =
  | { ok: true; team?: string; teamId?: string; botUserId?: string; botId?: string; scopes?: readonly string[] }
  | { ok: false; error: string };

/** What conversations.info / users.info said about one configured channel or person. */
export type SlackReachAnswer =
  | { ok: true; kind: 'channel'; name?: string; isMember: boolean; isArchived: boolean }
  | { ok: true; kind: 'person'; deleted: boolean; isBot: boolean }
  | { ok: false; error: string };

export interface SlackProbe {
  /** Throws only when Slack could not be reached; a refusal is an answer. */
  authTest(): Promise<SlackAuthAnswer>;
  /** conversations.info for a channel, users.info for a person; throws only when Slack could not be reached. */
  reach(target: ReachTarget): Promise<SlackReachAnswer>;
}

const PART = 'Slack';
const REINSTALL = "Install the app to the workspace again and set SLACK_BOT_TOKEN to the Bot User OAuth Token (xoxb-...) shown on the app's OAuth & Permissions page.";

/**
 * The bot token works (auth.test), carries every scope the bot uses, and can
 * reach each configured channel (the bot is a member) and person (a live human account).
 */
export async function checkSlack(probe: SlackProbe, requiredScopes: readonly string[], targets: readonly ReachTarget[] = []): Promise<CheckLine[]> {
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
  for (const target of targets) lines.push(await checkReach(probe, target));
  lines.splice(1, 0, 
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

async function checkReach(probe: SlackProbe, target: ReachTarget): Promise<CheckLine> {
  const what = reachName(target);
  let answer: SlackReachAnswer;
  try {
    answer = await probe.reach(target);
  } catch (e) {
    return fail(PART, what, isBreakglassError(e) ? e.userMessage : 'Slack did not answer.', 'Run the doctor again; if it keeps failing, check that this host can reach slack.com.');
  }
  const field = target.kind === 'channel' ? `channels.${target.key}.slack` : `people.${target.key}.slack`;
  if (!answer.ok) {
    const fix = answer.error === 'missing_scope' ? 'Add channels:read and groups:read under Bot Token Scopes and reinstall the app.' : `Set ${field} to the right id (right-click > Copy link shows it).`;
    return fail(PART, what, `${target.id}: Slack answered ${answer.error}`, fix);
  }
  if (answer.kind === 'channel') {
    const name = answer.name ? `#${answer.name}` : target.id;
    if (answer.isArchived) return fail(PART, what, `${name} is archived: nothing posted there reaches anyone`, `Unarchive it, or set ${field} to a live channel.`);
    if (!answer.isMember) return fail(PART, what, `the bot is not a member of ${name}, so it cannot post there`, `Invite it: /invite @breakglass in ${name}.`);
    return pass(PART, what, `${name}: the bot is a member`);
  }
  if (answer.deleted) return fail(PART, what, `${target.id} is a deactivated account: pages to them go nowhere`, `Set ${field} to their current Slack user id, or remove them from the roles.`);
  if (answer.isBot) return fail(PART, what, `${target.id} is a bot, which the bot cannot page`, `Set ${field} to the person's own Slack user id.`);
  return pass(PART, what, `${target.id}: an active account the bot can message`);
}
