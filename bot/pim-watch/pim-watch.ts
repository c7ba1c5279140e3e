import type { Logger } from '../core/logger';
import { BackgroundLoop } from '../runtime/background-loop';
import { pollPimRequests, type PimWatchDeps } from './poll-pim-requests';

/** PIM is asked at most this often: its requests change at human speed, and Graph calls are not free. */
const MIN_POLL_MS = 30_000;

export interface PimWatch {
  /** One pass now (tick(), tests, the playground's "advance time"). */
  poll(): Promise<number>;
  start(pollMs: number): void;
  stop(): Promise<void>;
}

/** The PIM watch as a background loop: one pass at a time, never overlapping. */
export function createPimWatch(deps: PimWatchDeps & { logger: Logger }): PimWatch {
  const loop = new BackgroundLoop(() => pollPimRequests(deps), deps.logger, 'PIM watch failed');
  return {
    poll: () => loop.run(),
    start: (pollMs) => loop.start(Math.max(pollMs, MIN_POLL_MS)),
    stop: () => loop.stop(),
  };
}
