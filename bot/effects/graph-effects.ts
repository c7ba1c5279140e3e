import type { GraphCall, GraphEffect, GraphOpName, GraphOps } from '../../workflows/effects';
import { isBreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';

type CallContext = { idempotencyKey: string; workflowId: string };

/** Every Graph operation a machine may name, each taking its own arguments (workflows/effects.ts GraphOps). */
export type GraphOpHandlers = { [K in GraphOpName]: (args: GraphOps[K], ctx: CallContext) => Promise<unknown> };

/** Runs one call with the handler its op names; generic so op and args stay paired without a cast. */
function perform<K extends GraphOpName>(ops: GraphOpHandlers, call: { op: K; args: GraphOps[K] }, ctx: CallContext): Promise<unknown> {
  const handler: GraphOpHandlers[K] = ops[call.op];
  return handler(call.args, ctx);
}

/**
 * graph.call never throws back into the outbox: Graph being down is a state
 * the workflow shows ("degraded, retry?"), not a delivery to retry blindly.
 * Every outcome returns to the machine as graph.<op>.succeeded / .failed.
 */
export function createGraphEffect(ops: GraphOpHandlers, logger: Logger, onError?: (code: string) => void) {
  return async (effect: GraphEffect, ctx: CallContext) => {
    const call: GraphCall = effect.params;
    const { op, tag } = call;
    // An outbox row written by another version may name an op this one does not have.
    if (!Object.hasOwn(ops, op)) {
      logger.error({ op, workflowId: ctx.workflowId }, 'machine asked for an unknown Graph operation');
      return { type: `graph.${op}.failed`, error: { code: 'internal', message: `Unknown Graph operation ${op}.` }, tag };
    }
    try {
      return { type: `graph.${op}.succeeded`, result: await perform(ops, call, ctx), tag };
    } catch (e) {
      const err = isBreakglassError(e) ? e : undefined;
      onError?.(err?.code ?? 'graph.unavailable');
      logger.warn({ op, workflowId: ctx.workflowId, code: err?.code, err: e }, 'Graph operation failed');
      return {
        type: `graph.${op}.failed`,
        error: {
          code: err?.code ?? 'graph.unavailable',
          message: err?.userMessage ?? 'Microsoft Graph did not answer.',
          ...(err?.retryAt ? { retryAt: err.retryAt } : {}),
        },
        tag,
      };
    }
  };
}
