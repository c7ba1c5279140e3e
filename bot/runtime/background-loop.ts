import type { Logger } from '../core/logger';

/**
 * Lets waiting I/O (an inbound request to ack) run before the next slice of
 * background work. SQLite calls are synchronous, so a loop of them otherwise
 * runs start to finish on microtasks and holds every ack back until it ends.
 */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * A pass (drain the outbox, fire due timers) that runs one at a time. Asking
 * for a run while one is in progress joins it and queues one more pass, so a
 * caller that awaits `run()` sees everything that was due when it asked.
 */
export class BackgroundLoop {
  private current: Promise<number> | undefined;
  private again = false;
  private interval: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly logger: Logger,
    private readonly failureMessage: string,
  ) {}

  run(): Promise<number> {
    this.again = true;
    if (!this.current) {
      this.current = this.loop().finally(() => {
        this.current = undefined;
      });
    }
    return this.current;
  }

  trigger(): void {
    this.run().catch((err: unknown) => this.logger.error({ err }, this.failureMessage));
  }

  start(pollMs: number): void {
    if (this.interval) return;
    this.interval = setInterval(() => this.trigger(), pollMs);
    // The HTTP server keeps a bot alive; a poller alone must not keep a CLI or a test runner open.
    this.interval.unref();
  }

  async stop(): Promise<void> {
    if (this.interval) clearInterval(this.interval);
    this.interval = undefined;
    await this.current?.catch(() => undefined);
  }

  private async loop(): Promise<number> {
    let total = 0;
    while (this.again) {
      this.again = false;
      total += await this.pass();
    }
    return total;
  }
}
