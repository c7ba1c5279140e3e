import type { EventObject } from 'xstate';
import type { Place } from '../core/platform';
import type { Message } from '../messages/message';
import type { CardEffect, ExportEffect, GraphEffect, NoticeEffect } from '../../workflows/effects';
import type { OutboxRow } from '../ports/storage';

/**
 * Chat effects as they sit in the outbox: the view was rendered against the
 * context the machine committed, so a retry hours later posts what was true
 * then instead of re-rendering whatever the context has become.
 */
export interface RenderedCardEffect {
  type: 'chat.card';
  params: CardEffect['params'] & { message: Message };
}

export interface RenderedNoticeEffect {
  type: 'chat.notice';
  params: NoticeEffect['params'] & { message: Message };
}

/** What an effect handler receives: one outbox row's effect. */
export type OutboxEffect = RenderedCardEffect | RenderedNoticeEffect | GraphEffect | ExportEffect;

export interface EffectContext {
  /** `workflowId:seq`: the same on every attempt, so handlers can dedupe. */
  idempotencyKey: string;
  workflowId: string;
  /**
   * The seq part of the key. Effects of one workflow can finish out of order
   * when one is retrying: a card handler should not let an older seq
   * overwrite a card a newer one already updated.
   */
  seq: number;
  /** The workflow's kind and home, when the workflow still exists. */
  kind?: string;
  home?: Place;
  /** 1 on the first try. */
  attempt: number;
  row: OutboxRow;
}

/**
 * Performs one effect. A returned event is sent back into the workflow (e.g.
 * `graph.activation.succeeded`). Throwing means "try again later": the runner
 * retries with backoff and, when attempts run out, marks the row dead and sends
 * `effect.failed` to the workflow. Throw a BreakglassError with `retryAt` to
 * honour a server's Retry-After, or one with a code in PERMANENT_ERROR_CODES to
 * give up at once.
 */
export type EffectHandler<E extends OutboxEffect = OutboxEffect> = (
  effect: E,
  context: EffectContext,
) => Promise<EventObject | void> | EventObject | void;

/** One handler per effect type; the lead wires chat audiences and Graph here. */
export type EffectHandlers = { [K in OutboxEffect['type']]?: EffectHandler<Extract<OutboxEffect, { type: K }>> };

/** Sent to the workflow when an effect is given up on. */
export interface EffectFailedEvent {
  type: 'effect.failed';
  effectType: string;
  idempotencyKey: string;
  at: number;
  /** The card key or graph tag the effect carried, so machines can tell which one failed. */
  key?: string;
  tag?: string;
  error: { code: string; message: string };
}
