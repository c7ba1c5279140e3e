import type { Client } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../bot/core/logger';
import type { Clock } from '../../bot/ports/clock';
import { toGraphError, type OperationInfo } from './graph-error-map';
import type { RequestPacer } from './request-pacer';

/** What every query function needs. */
export interface GraphDeps {
  client: Client;
  clock: Clock;
  logger: Logger;
  /** Paces the sign-in and audit log endpoints. */
  logPacer: RequestPacer;
  /** $top for log pages (Graph's maximum for sign-ins is 1000). */
  logPageSize: number;
}

/** Runs one Graph request: paced when it reads logs, failures mapped to BreakglassError and logged. */
export async function graphCall<T>(deps: GraphDeps, info: OperationInfo & { paced?: boolean }, request: () => Promise<T>): Promise<T> {
  if (info.paced) await deps.logPacer.acquire();
  try {
    return await request();
  } catch (e) {
    const error = toGraphError(e, info, deps.clock);
    deps.logger.warn({ correlationId: error.correlationId, code: error.code, retryAt: error.retryAt, ...error.detail }, `Graph ${info.op} failed`);
    throw error;
  }
}
