import type { Clock } from '../../bot/ports/clock';
import type { Sleep } from './throttle-retry-middleware';

/**
 * Keeps the bot under Graph's limit for the sign-in and audit log APIs
 * (about 5 requests per 10 seconds per app per tenant): a sliding window of
 * recent request times; a caller over the limit waits for the oldest to age
 * out. One pacer per tenant, shared by everything that reads those logs.
 */
export class RequestPacer {
  private readonly recent: number[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly sleep: Sleep,
    readonly limit = 5,
    readonly windowMs = 10_000,
  ) {}

  async acquire(): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      while (this.recent.length > 0 && (this.recent[0] as number) <= now - this.windowMs) this.recent.shift();
      if (this.recent.length < this.limit) {
        this.recent.push(now);
        return;
      }
      await this.sleep((this.recent[0] as number) + this.windowMs - now);
    }
  }
}
