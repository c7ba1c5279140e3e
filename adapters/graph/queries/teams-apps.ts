import type { GraphDeps } from '../graph-call';
import { graphCall } from '../graph-call';
import { isBreakglassError } from '../../../bot/core/errors';

/**
 * POST /users/{id}/teamwork/installedApps (TeamsAppInstallation.ReadWriteForUser.All):
 * 201 installed, 409 already installed. Microsoft's documented way to reach
 * someone proactively who never added the bot.
 */
export async function installTeamsApp(deps: GraphDeps, userId: string, catalogAppId: string): Promise<'installed' | 'already'> {
  try {
    await graphCall(deps, { op: 'installTeamsApp', feature: 'teamsApps', notFound: `user ${userId}` }, () =>
      deps.client
        .api(`/users/${encodeURIComponent(userId)}/teamwork/installedApps`)
        .post({ 'teamsApp@odata.bind': `https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/${encodeURIComponent(catalogAppId)}` }),
    );
    return 'installed';
  } catch (e) {
    if (isBreakglassError(e) && e.code === 'graph.conflict') return 'already';
    throw e;
  }
}
