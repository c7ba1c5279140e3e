import { Writable } from 'node:stream';
import type { EventObject } from 'xstate';
import { createLogger, type Logger } from '../../../bot/core/logger';
import { ManualClock } from '../../../bot/ports/clock';
import type { EffectContext, EffectHandlers, OutboxEffect } from '../../../bot/runtime/effect-handler';
import type { OutboxPolicy } from '../../../bot/runtime/outbox-policy';
import type { Storage } from '../../../bot/ports/storage';
import { TimerDispatcher } from '../../../bot/runtime/timer-dispatcher';
import { WorkflowRuntime, type WorkflowRuntimeOptions } from '../../../bot/runtime/workflow-runtime';
import { drillDefinition } from '../../fixtures/workflows/drill-definition';

export const T0 = Date.parse('2026-01-01T03:00:00Z');
export const EXPIRY_MS = 15 * 60_000;
export const alice = { id: 'entra-alice', name: 'Alice' };
export const aliceAudit = { entraId: 'entra-alice', platformId: 'U-ALICE', name: 'Alice' };
export const home = { platform: 'playground' as const, conversationId: 'C-SECURITY' };

export interface PerformedEffect {
  effect: OutboxEffect;
  context: EffectContext;
}

/** A pino logger whose JSON lines tests can read. */
export function capturingLogger(): { logger: Logger; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'debug', destination });
  const lines = () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines };
}

/**
 * The runtime over a real storage with a manual clock. Effects are recorded;
 * graph.call answers `graph.<op>.succeeded`, the way the Graph handler will.
 */
export function buildRuntime(
  storage: Storage,
  options: {
    clock?: ManualClock;
    handlers?: EffectHandlers;
    outbox?: Partial<OutboxPolicy>;
    autoDrain?: boolean;
    logger?: Logger;
    timerLeaseMs?: number;
    extra?: Partial<WorkflowRuntimeOptions>;
  } = {},
) {
  const clock = options.clock ?? new ManualClock(T0);
  const performed: PerformedEffect[] = [];
  const record = (effect: OutboxEffect, context: EffectContext): void => {
    performed.push({ effect, context });
  };
  const effectHandlers: EffectHandlers = {
    'chat.card': record,
    'chat.notice': record,
    'graph.call': (effect, context): EventObject => {
      record(effect, context);
      return { type: `graph.${effect.params.op}.succeeded`, result: { ok: true }, tag: effect.params.tag } as EventObject;
    },
    ...options.handlers,
  };
  const logger = options.logger ?? capturingLogger().logger;
  const runtime = new WorkflowRuntime({
    storage,
    clock,
    definitions: [drillDefinition],
    logger,
    effectHandlers,
    outbox: options.outbox,
    autoDrain: options.autoDrain ?? false,
    ...options.extra,
  });
  const timers = new TimerDispatcher({ runtime, storage, clock, logger, leaseMs: options.timerLeaseMs });
  return { runtime, timers, clock, performed };
}

export function fallbackTexts(performed: PerformedEffect[]): string[] {
  return performed.flatMap(({ effect }) => (effect.type === 'chat.card' || effect.type === 'chat.notice' ? [effect.params.message.fallbackText] : []));
}
