import { fail, pass, type CheckLine } from './check-line';
import { reachName, type ReachTarget } from './check-reach';
import { explainTokenFailure } from './token-failure';

export interface TeamsProbe {
  appId: string;
  /** MICROSOFT_APP_TENANT_ID: set for a single-tenant registration. */
  appTenantId?: string;
  /** Tenants whose Teams messages the bot accepts (teams.allowedTenants, else tenant.id). */
  allowedTenants: readonly string[];
  /** teams.disableAuth: inbound Bot Framework tokens are not checked. */
  authDisabled: boolean;
  /** A Bot Connector token, fetched the way the bot fetches it to send messages. */
  acquireToken(): Promise<void>;
  /** Configured channels and people with a Teams id. */
  targets?: readonly ReachTarget[];
  /** teams.appCatalogId: the bot installs the app for a person before their first page. */
  appCatalogId?: string;
}

const PART = 'Teams';
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The app's credentials get a Bot Connector token, and the tenant settings let real Teams messages in. */
export async function checkTeams(probe: TeamsProbe): Promise<CheckLine[]> {
  const lines: CheckLine[] = [];
  const registration = probe.appTenantId ? `single-tenant app in ${probe.appTenantId}` : 'multi-tenant app (botframework.com)';
  try {
    await probe.acquireToken();
    lines.push(pass(PART, 'app credentials', `app ${probe.appId}, ${registration}: got a Bot Connector token`));
  } catch (e) {
    const { detail, fix } = explainTokenFailure(e, { tenant: 'MICROSOFT_APP_TENANT_ID', client: 'MICROSOFT_APP_ID', secret: 'MICROSOFT_APP_PASSWORD', authority: 'teams.authorityHost' });
    lines.push(fail(PART, 'app credentials', `app ${probe.appId}, ${registration}: ${detail}`, fix));
  }

  const notIds = probe.allowedTenants.filter((t) => !TENANT_ID.test(t));
  if (probe.allowedTenants.length === 0 || notIds.length > 0) {
    const shown = notIds.length > 0 ? `"${notIds.join('", "')}" is not a tenant id` : 'no tenant is allowed';
    lines.push(fail(PART, 'tenant', `${shown}, so every Teams message would be refused`, 'Set tenant.id (or teams.allowedTenants) in the config to your Microsoft Entra tenant id, a GUID.'));
  } else if (probe.appTenantId && !TENANT_ID.test(probe.appTenantId)) {
    lines.push(fail(PART, 'tenant', `MICROSOFT_APP_TENANT_ID "${probe.appTenantId}" is not a tenant id`, 'Set MICROSOFT_APP_TENANT_ID to the GUID of the tenant the bot app is registered in.'));
  } else {
    lines.push(pass(PART, 'tenant', `messages accepted from ${probe.allowedTenants.join(', ')}`));
  }

  for (const target of probe.targets ?? []) lines.push(reachLine(target, probe.appCatalogId));

  if (probe.authDisabled) {
    lines.push(fail(PART, 'inbound authentication', 'OFF (teams.disableAuth): anyone who can reach /api/messages can act as any user', 'Remove teams.disableAuth from the config; it is for local testing only.'));
  }
  return lines;
}

const CHANNEL_ID = /^19:[^@\s]+@thread\.(tacv2|skype)$/;
const TEAMS_USER_ID = /^29:\S+$/;

/**
 * What can be known without a conversation: a channel id must be a Teams channel's (the bot must
 * also be added to its team, which only a post shows); a person is reachable by a proactive 1:1
 * chat only if the bot has the app installed for them, which it does itself with teams.appCatalogId.
 */
function reachLine(target: ReachTarget, appCatalogId: string | undefined): CheckLine {
  const what = reachName(target);
  if (target.kind === 'channel') {
    const field = `channels.${target.key}.teams`;
    if (!CHANNEL_ID.test(target.id)) return fail(PART, what, `"${target.id}" is not a Teams channel id`, `Set ${field} to the channel's id (19:…@thread.tacv2, from "Get link to channel").`);
    return pass(PART, what, `${target.id} is a channel id; the bot must be added to its team to post there`);
  }
  const field = `people.${target.key}.teams`;
  if (!TENANT_ID.test(target.id) && !TEAMS_USER_ID.test(target.id)) return fail(PART, what, `"${target.id}" is neither an Entra object id nor a Teams user id`, `Set ${field} to the person's Entra object id.`);
  if (!appCatalogId) {
    return fail(
      PART,
      what,
      'can be paged only after they have messaged the bot: Teams lets a bot start a chat only with people who have its app',
      'Set teams.appCatalogId to the app\'s id in your org catalog and grant the Graph permission TeamsAppInstallation.ReadWriteForUser.All; the bot then installs the app for them before paging.',
    );
  }
  return pass(PART, what, 'reachable: the bot installs its app for them through Graph before the first page');
}
