import type { BreakGlassContext } from '../../workflows/break-glass/context';
import { pageCard } from '../../workflows/break-glass/outcome';
import type { Config } from '../config/schema';
import { BreakglassError } from '../core/errors';
import type { ActionEvent } from '../core/inbound-event';
import type { Actor, MessageRef } from '../core/platform';
import type { RequestContext } from '../core/router';
import type { WorkflowView } from '../runtime/workflow-runtime';
import type { HandlerDeps } from './handler-deps';

/**
 * A DM page is one person's: an acknowledgement tells the team that this
 * named manager has seen the emergency, so pressing Acknowledge on someone
 * else's page (a forwarded card, a replayed click) would put a false
 * statement in the record. The clicked message is matched against the page
 * cards the bot posted; refused clicks are audited like any other refusal.
 */
export async function requirePageOwner(deps: HandlerDeps, ctx: RequestContext, action: ActionEvent, view: WorkflowView<BreakGlassContext>): Promise<void> {
  const clicked = action.message;
  if (!clicked) return;
  for (const { person } of view.context.paging.pages) {
    const ref = (await deps.storage.getCardRef(view.row.id, `${pageCard(person).params.key}@person:${person}`)) as MessageRef | undefined;
    if (!ref || ref.platform !== clicked.platform || ref.messageId !== clicked.messageId || ref.conversationId !== clicked.conversationId) continue;
    if (isPerson(deps.config, person, ctx.actor)) return;
    await deps.storage.transaction((tx) =>
      tx.appendAudit({
        at: deps.clock.now(),
        actorEntraId: ctx.actor.entraObjectId ?? null,
        actorPlatformId: `${ctx.actor.platform}:${ctx.actor.platformUserId}`,
        workflowId: view.row.id,
        type: 'authz.denied',
        data: { what: 'acknowledge this page', pagedPerson: person },
      }),
    );
    throw new BreakglassError('authz.denied', `This page was sent to ${deps.config.people[person]?.name ?? 'someone else'}; only they can acknowledge it.`);
  }
}

function isPerson(config: Config, person: string, actor: Actor): boolean {
  const p = config.people[person];
  // An actor without an Entra id is no principal and owns no page.
  if (!p || !actor.entraObjectId) return false;
  if (p.entraObjectId) return actor.entraObjectId.toLowerCase() === p.entraObjectId.toLowerCase();
  return p[actor.platform] === actor.platformUserId;
}
