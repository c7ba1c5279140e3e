import type { CommandHandler } from '../core/router';
import { type HandlerDeps, requireRole } from '../handlers/handler-deps';
import { postureReportCard } from '../messages/alerts/posture-report-card';
import { messageToText } from '../messages/message-text';
import { checkPosture } from './posture-check';

/**
 * `posture`: the stage-1 report, privately to whoever asked. It names
 * accounts and their weaknesses, so only people with a configured role see it.
 */
export function postureCommand(deps: HandlerDeps, options: { simulated?: boolean } = {}): CommandHandler {
  return async (_command, ctx) => {
    const roles = await deps.authz.rolesOf(ctx.actor);
    if (roles.size === 0) await requireRole(deps, ctx, ['securityOfficer', 'responder', 'admin', 'manager', 'approver'], 'see the posture report');
    const report = await checkPosture(deps.graph, deps.config, deps.clock.now());
    const card = postureReportCard(report, { tenantName: deps.config.tenant.name, ...(options.simulated ? { simulated: true } : {}) });
    return { text: messageToText(card), ephemeral: true };
  };
}
