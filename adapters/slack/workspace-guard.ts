import type { Middleware, AnyMiddlewareArgs } from '@slack/bolt';
import type { Logger } from '../../bot/core/logger';

/**
 * The workspace a Slack request's ACTING person belongs to. Slack Connect
 * shared channels deliver a foreign person's events and clicks with the
 * home team's top-level team_id, so the person's own team is read first:
 * block_actions/view_submission `user.team_id`, events `event.user_team`
 * (then `event.team`), slash commands `team_id`/`enterprise_id`.
 * The enterprise id stands in only when no team id is present (org-wide
 * installs): the envelope's enterprise is the INSTALL's, so a Slack Connect
 * partner would otherwise pass as home. Undefined when nothing can be read.
 */
export function actingWorkspaceId(body: Record<string, unknown>): string | undefined {
  const rec = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined);
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
  const user = rec(body.user);
  const event = rec(body.event);
  const ids: Array<string | undefined> = [];
  if (event) {
    ids.push(str(event.user_team) ?? str(event.team) ?? str(body.team_id));
    ids.push(str(rec(body.authorizations && (body.authorizations as unknown[])[0])?.enterprise_id) ?? str(body.enterprise_id));
  } else if (user) {
    // Interactivity payloads: the clicking person's own team, never only the channel's.
    ids.push(str(user.team_id) ?? str(rec(body.team)?.id));
    ids.push(str(rec(body.enterprise)?.id));
  } else {
    ids.push(str(body.team_id));
    ids.push(str(body.enterprise_id));
  }
  return ids[0] ?? ids[1];
}

/**
 * Drops (acks, then ignores) any request whose acting person is not from an
 * allowed workspace: a second install of the app or a Slack Connect partner
 * must not be treated like someone from home. Fails closed: a request whose
 * workspace cannot be read, or arriving before the allowed set is known, is
 * dropped too.
 */
export function workspaceGuard(allowed: () => ReadonlySet<string>, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const body = args.body as unknown as Record<string, unknown>;
    const teamId = actingWorkspaceId(body);
    if (teamId !== undefined && allowed().has(teamId)) {
      await args.next();
      return;
    }
    const ack = (args as { ack?: () => Promise<void> }).ack;
    if (typeof ack === 'function') await ack();
    logger.warn({ teamId: teamId ?? null, type: typeof body.type === 'string' ? body.type : 'command' }, 'Slack request from a workspace that is not allowed; dropped');
  };
}
