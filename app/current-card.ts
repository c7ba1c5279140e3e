import type { Config } from '../bot/config/schema';
import type { Actor } from '../bot/core/platform';
import type { Message } from '../bot/messages/message';
import { mayViewCard, outsiderCard } from '../bot/handlers/card-viewer';
import type { HandlerDeps } from '../bot/handlers/handler-deps';
import { alertDefinition } from '../bot/messages/alerts/alert-definition';
import { breakGlassDefinition } from '../bot/messages/break-glass/definition';
import { elevationDefinition } from '../bot/messages/elevation/definition';
import { alertCurrentCard } from '../bot/monitoring/alert-current-card';
import type { WorkflowDefinition } from '../bot/runtime/workflow-definition';
import type { WorkflowRuntime } from '../bot/runtime/workflow-runtime';
import { BREAK_GLASS_KIND } from '../workflows/break-glass/kind';
import type { AlertContext } from '../workflows/monitoring/alert-types';

/**
 * Teams' `card.refresh`: the card a viewer should see for a button value, or
 * a redacted card for someone who may not see that workflow.
 */
export function currentCardLookup(deps: HandlerDeps, runtime: WorkflowRuntime, config: Config) {
  return async (value: string, viewer: Actor, actionId?: string): Promise<Message | undefined> => {
    const view = await runtime.get(value.split('|')[0] ?? '');
    if (!view) return undefined;
    const subject = (view.context as { requester?: { id?: string } }).requester?.id;
    if (!(await mayViewCard(deps, viewer, subject))) return outsiderCard(deps, viewer, view.row.id);
    const viewerEntraId = viewer.entraObjectId;
    if (view.row.kind === alertDefinition.kind) return alertCurrentCard(view.context as AlertContext, config, viewerEntraId, actionId);
    const definition: WorkflowDefinition = view.row.kind === BREAK_GLASS_KIND ? breakGlassDefinition : elevationDefinition;
    if (view.row.kind === BREAK_GLASS_KIND && actionId === 'breakglass.ack') {
      // Acknowledge sits on a manager's DM page: answer with that page, not the responders' checklist.
      const person = Object.entries(config.people).find(([, p]) => !!viewerEntraId && p.entraObjectId?.toLowerCase() === viewerEntraId.toLowerCase())?.[0];
      return definition.views['ack-request']?.(view.context, person ? { person } : undefined);
    }
    const main = definition.views[view.row.kind === BREAK_GLASS_KIND ? 'checklist' : 'approval'];
    return main?.(view.context, view.row.kind === BREAK_GLASS_KIND ? undefined : { copy: 'approvers' });
  };
}
