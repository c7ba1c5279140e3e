import type { CardEffect } from '../../workflows/effects';
import type { Message } from '../messages/message';
import type { WorkflowDefinition } from '../runtime/workflow-definition';

/** A card a workflow keeps up to date, as its machine emits it. */
export type CardSpec = CardEffect['params'];

/** Who asks for a workflow's current card, and with which button (Teams answers clicks and refreshes with a card). */
export interface CardRequest {
  /** The viewer's config `people` key, when they have one. */
  person?: string;
  actionId?: string;
}

/**
 * Everything the generic code needs to know about one workflow kind. Adding a
 * card or a button to a kind changes its module (bot/kinds/<kind>.ts), its
 * messages and its handler, and nothing generic.
 */
export interface KindModule<TContext = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- each kind has its own context type; the registry is heterogeneous
  /** Machine and views, as the runtime runs them. */
  definition: WorkflowDefinition<TContext>;
  /** Buttons of this kind have action ids `<actionPrefix>.<name>`; the router routes on it. */
  actionPrefix: string;
  /** Every card the workflow keeps up to date now: the stale-card refresher finds the clicked one among them. */
  liveCards(context: TContext): CardSpec[];
  /** The card a viewer sees for a click or refresh (Teams). */
  currentCard(context: TContext, request: CardRequest): Message | undefined;
  /**
   * The person a card pages, when it is a DM page whose delivery the machine
   * wants to hear about (page.delivered, or page.unreachable to page someone else).
   */
  pagedPerson?(card: Pick<CardSpec, 'key' | 'audience'>): string | undefined;
  /** The Entra id of the person the workflow is about: they may see its card without a role. */
  subjectOf?(context: TContext): string | undefined;
}
