import type { BreakGlassContext } from '../../workflows/break-glass/context';
import { checklistCard, pageCard } from '../../workflows/break-glass/outcome';
import type { Audience, CardEffect } from '../../workflows/effects';
import { cardCopies } from '../../workflows/pim-elevation/effect-params';
import type { ElevationContext } from '../../workflows/pim-elevation/types';
import type { ChatPort } from '../core/chat-port';
import type { ActionEvent } from '../core/inbound-event';
import type { Logger } from '../core/logger';
import type { MessageRef, Platform } from '../core/platform';
import type { Storage } from '../runtime/storage';
import type { WorkflowDefinition } from '../runtime/workflow-definition';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';

type CardSpec = CardEffect['params'];

/** The cards each workflow kind keeps up to date, as its machine emits them. */
const LIVE_CARDS: Record<string, (context: never) => CardSpec[]> = {
  'break-glass': (c: BreakGlassContext) => [checklistCard().params, ...c.paging.pages.map((p) => pageCard(p.person).params)],
  'pim-elevation': (c: ElevationContext) => cardCopies(c),
};

export interface CardRefresherDeps {
  runtime: Pick<WorkflowRuntime, 'get'>;
  storage: Pick<Storage, 'getCardRef'>;
  chats: Partial<Record<Platform, ChatPort>>;
  definitions: WorkflowDefinition[];
  logger: Logger;
}

/**
 * After a click was refused because the card was out of date (decided,
 * expired, revoked while an update was still on its way), re-renders the
 * card that was clicked from the workflow as it is now, in place. Only a
 * message the bot itself posted for that workflow is touched.
 */
export function createCardRefresher(deps: CardRefresherDeps): (action: ActionEvent) => Promise<void> {
  const byKind = new Map(deps.definitions.map((d) => [d.kind, d]));
  return async (action) => {
    const clicked = action.message;
    if (!clicked) return;
    const view = await deps.runtime.get(action.value.split('|')[0] ?? '');
    const definition = view && byKind.get(view.row.kind);
    const specs = view && LIVE_CARDS[view.row.kind]?.(view.context as never);
    if (!view || !definition || !specs) return;
    for (const spec of specs) {
      const stored = (await deps.storage.getCardRef(view.row.id, `${spec.key}@${audienceKey(spec.audience)}`)) as MessageRef | undefined;
      if (!stored || stored.platform !== clicked.platform || stored.messageId !== clicked.messageId || stored.conversationId !== clicked.conversationId) continue;
      const render = definition.views[spec.view];
      const chat = deps.chats[stored.platform];
      if (!render || !chat) return;
      await chat.update(stored, render(view.context, spec.data));
      deps.logger.info({ workflowId: view.row.id, card: spec.key }, 'stale card refreshed after a refused click');
      return;
    }
  };
}

/** The destination part of a stored card key, as the chat effects name it. */
function audienceKey(audience: Audience): string {
  switch (audience.to) {
    case 'home':
      return 'home';
    case 'person':
      return `person:${audience.person}`;
    case 'channel':
      return `channel:${audience.channel}`;
  }
}
