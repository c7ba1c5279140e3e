import type { ChatPort } from '../ports/chat-port';
import type { ActionEvent } from '../core/inbound-event';
import type { Logger } from '../core/logger';
import { sameMessage, type MessageRef, type Platform } from '../core/platform';
import { decodeButtonValue } from '../kinds/button-value';
import { cardKey } from '../kinds/card-key';
import type { KindRegistry } from '../kinds/registry';
import type { Storage } from '../ports/storage';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';

export interface CardRefresherDeps {
  runtime: Pick<WorkflowRuntime, 'get'>;
  storage: Pick<Storage, 'getCardRef'>;
  chats: Partial<Record<Platform, ChatPort>>;
  kinds: KindRegistry;
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
  /** Per clicked message: the refresh under way, and whether another click asked for one after it started. */
  private readonly inFlight = new Map<string, { done: Promise<void>; again: ActionEvent | undefined }>();

  constructor(private readonly deps: CardRefresherDeps) {}

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
    const view = await deps.runtime.get(decodeButtonValue(action.value).workflowId);
    const kind = view && deps.kinds.of(view.row.kind);
    if (!view || !kind) return;
    for (const spec of kind.liveCards(view.context)) {
      const stored = (await deps.storage.getCardRef(view.row.id, cardKey(spec))) as MessageRef | undefined;
      if (!stored || !sameMessage(stored, clicked)) continue;
      const render = kind.definition.views[spec.view];
      const chat = deps.chats[stored.platform];
      if (!render || !chat) return;
      await chat.update(stored, render(view.context, spec.data));
      deps.logger.info({ workflowId: view.row.id, card: spec.key }, 'stale card refreshed after a refused click');
      return;
    }
  }
}
