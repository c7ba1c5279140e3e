import type { BreakGlassContext } from '../../workflows/break-glass/context';
import { checklistCard, checkoutCard, pageCard } from '../../workflows/break-glass/outcome';
import type { Audience, CardEffect } from '../../workflows/effects';
import { cardCopies } from '../../workflows/pim-elevation/effect-params';
import type { ElevationContext } from '../../workflows/pim-elevation/types';
import type { AlertContext } from '../../workflows/monitoring/alert-types';
import { everyCard } from '../../workflows/monitoring/alert-steps';
import type { ChatPort } from '../ports/chat-port';
import type { ActionEvent } from '../core/inbound-event';
import type { Logger } from '../core/logger';
import type { MessageRef, Platform } from '../core/platform';
import type { Storage } from '../ports/storage';
import type { WorkflowDefinition } from '../runtime/workflow-definition';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { BREAK_GLASS_KIND } from '../../workflows/break-glass/kind';
import { ELEVATION_KIND } from '../../workflows/pim-elevation/kind';
import { ALERT_KIND } from '../../workflows/monitoring/alert-kind';

type CardSpec = CardEffect['params'];

/** The cards each workflow kind keeps up to date, as its machine emits them. */
const LIVE_CARDS: Record<string, (context: never) => CardSpec[]> = {
  [BREAK_GLASS_KIND]: (c: BreakGlassContext) => [
    checklistCard().params,
    ...c.paging.pages.map((p) => pageCard(p.person).params),
    ...c.settings.emergencyAccounts.map((a) => checkoutCard(a.upn).params),
  ],
  [ELEVATION_KIND]: (c: ElevationContext) => cardCopies(c),
  [ALERT_KIND]: (c: AlertContext) => everyCard(c).map((card) => card.params),
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
 *
 * The refusal is the answer, so refreshing never holds it up: it runs in the
 * background, and clicks on one card while its refresh is on its way merge
 * into one more refresh, not one each (a chat update is paced per channel).
 */
export class CardRefresher {
  private readonly byKind: Map<string, WorkflowDefinition>;
  /** Per clicked message: the refresh under way, and whether another click asked for one after it started. */
  private readonly inFlight = new Map<string, { done: Promise<void>; again: ActionEvent | undefined }>();

  constructor(private readonly deps: CardRefresherDeps) {
    this.byKind = new Map(deps.definitions.map((d) => [d.kind, d]));
  }

  request(action: ActionEvent): void {
    const clicked = action.message;
    if (!clicked) return;
    const key = `${clicked.platform}|${clicked.conversationId}|${clicked.messageId}`;
    const running = this.inFlight.get(key);
    if (running) {
      running.again = action;
      return;
    }
    const entry: { done: Promise<void>; again: ActionEvent | undefined } = { done: Promise.resolve(), again: undefined };
    entry.done = (async () => {
      for (let next: ActionEvent | undefined = action; next; next = entry.again) {
        entry.again = undefined;
        await this.refresh(next).catch((err: unknown) => this.deps.logger.warn({ err, deliveryKey: next?.deliveryKey }, 'could not refresh a stale card'));
      }
      this.inFlight.delete(key);
    })();
    this.inFlight.set(key, entry);
  }

  /** Resolves once every refresh asked for so far has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((e) => e.done));
  }

  private async refresh(action: ActionEvent): Promise<void> {
    const { deps } = this;
    const clicked = action.message!;
    const view = await deps.runtime.get(action.value.split('|')[0] ?? '');
    const definition = view && this.byKind.get(view.row.kind);
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
  }
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
