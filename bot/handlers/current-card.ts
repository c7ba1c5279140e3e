import type { Config } from '../config/schema';
import { personKeyOf } from '../config/person-key';
import type { Actor } from '../core/platform';
import { decodeButtonValue } from '../kinds/button-value';
import type { KindRegistry } from '../kinds/registry';
import type { Message } from '../messages/message';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { mayViewCard, outsiderCard } from './card-viewer';
import type { HandlerDeps } from './handler-deps';

/**
 * Teams' `card.refresh` and the card that answers a click: the card a viewer
 * should see for a button value (the workflow's kind decides which), or a
 * redacted card for someone who may not see that workflow.
 */
export function currentCardLookup(deps: Pick<HandlerDeps, 'authz' | 'storage' | 'clock'>, runtime: Pick<WorkflowRuntime, 'get'>, config: Pick<Config, 'people'>, kinds: KindRegistry) {
  return async (value: string, viewer: Actor, actionId?: string): Promise<Message | undefined> => {
    const view = await runtime.get(decodeButtonValue(value).workflowId);
    const kind = view && kinds.of(view.row.kind);
    if (!view || !kind) return undefined;
    if (!(await mayViewCard(deps, viewer, kind.subjectOf?.(view.context)))) return outsiderCard(deps, viewer, view.row.id);
    const person = viewer.entraObjectId ? personKeyOf(config, viewer.entraObjectId) : undefined;
    return kind.currentCard(view.context, { ...(person ? { person } : {}), ...(actionId ? { actionId } : {}) });
  };
}
