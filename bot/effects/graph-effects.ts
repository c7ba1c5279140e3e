import { isBreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';

/** One named Graph operation a machine may ask for; `args` come from the effect. */
export type GraphOp = (args: Record<string, unknown>, ctx: { idempotencyKey: string; workflowId: string }) => Promise<unknown>;

interface GraphParams {
  op: string;
  args: Record<string, unknown>;
  tag?: string;
}

/**
 * graph.call never throws back into the outbox: Graph being down is a state
 * the workflow shows ("degraded, retry?"), not a delivery to retry blindly.
 * Every outcome returns to the machine as graph.<op>.succeeded / .failed.
 */
export function createGraphEffect(ops: Record<string, GraphOp>, logger: Logger, onError?: (code: string) => void) {
  return async (effect: { params: unknown }, ctx: { idempotencyKey: string; workflowId: string }) => {
    const { op, args, tag } = effect.params as GraphParams;
    const fn = ops[op];
    if (!fn) {
      logger.error({ op, workflowId: ctx.workflowId }, 'machine asked for an unknown Graph operation');
      return { type: `graph.${op}.failed`, error: { code: 'internal', message: `Unknown Graph operation ${op}.` }, tag };
    }
    try {
      return { type: `graph.${op}.succeeded`, result: await fn(args, ctx), tag };
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
