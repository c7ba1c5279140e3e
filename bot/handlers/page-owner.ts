import type { BreakGlassContext } from '../../workflows/break-glass/context';
import { pageCard } from '../../workflows/break-glass/outcome';
import type { Config } from '../config/schema';
import { BreakglassError } from '../core/errors';
import type { ActionEvent } from '../core/inbound-event';
import { sameMessage, type Actor, type MessageRef } from '../core/platform';
import type { RequestContext } from '../core/router';
import { cardKey } from '../kinds/card-key';
import { pagedPersonOf } from '../messages/break-glass/button-values';
import type { WorkflowView } from '../runtime/workflow-types';
import { auditDenied, type HandlerDeps } from './handler-deps';

/**
 * A DM page is one person's: an acknowledgement tells the team that this
 * named manager has seen the emergency, so pressing Acknowledge on someone
 * else's page (a forwarded card, a replayed click, a forged payload) would
 * put a false statement in the record. This fails closed: the click must
 * prove it is the paged person's own page, either by the person bound into
 * the button value or (old buttons without that binding) by the clicked
 * message matching a page card the bot posted to them. Anything else is
 * refused and audited.
 */
export async function requirePageOwner(deps: HandlerDeps, ctx: RequestContext, action: ActionEvent, view: WorkflowView<BreakGlassContext>): Promise<void> {
  const paged = view.context.paging.pages.map((p) => p.person);
  const bound = pagedPersonOf(action.value);
  const person = bound !== undefined ? (paged.includes(bound) ? bound : undefined) : await pageOfMessage(deps, view, action.message);
  if (person !== undefined && isPerson(deps.config, person, ctx.actor)) return;
  await auditDenied(deps, ctx.actor, view.row.id, { what: 'acknowledge this page', pagedPerson: person ?? null, proof: bound !== undefined ? 'button' : action.message ? 'message' : 'none' });
  if (person === undefined) throw new BreakglassError('authz.denied', 'This button is not one of the pages sent to you; only the paged person can acknowledge a page.');
  throw new BreakglassError('authz.denied', `This page was sent to ${deps.config.people[person]?.name ?? 'someone else'}; only they can acknowledge it.`);
}

/** The person whose page card the clicked message is, or undefined when there is no message or it is no page. */
async function pageOfMessage(deps: HandlerDeps, view: WorkflowView<BreakGlassContext>, clicked: MessageRef | undefined): Promise<string | undefined> {
  if (!clicked) return undefined;
  for (const { person } of view.context.paging.pages) {
    const ref = (await deps.storage.getCardRef(view.row.id, cardKey(pageCard(person).params))) as MessageRef | undefined;
    if (ref && sameMessage(ref, clicked)) return person;
  }
  return undefined;
}

function isPerson(config: Config, person: string, actor: Actor): boolean {
  const p = config.people[person];
  // An actor without an Entra id is no principal and owns no page.
  if (!p || !actor.entraObjectId) return false;
  if (p.entraObjectId) return actor.entraObjectId.toLowerCase() === p.entraObjectId.toLowerCase();
  return p[actor.platform] === actor.platformUserId;
}
