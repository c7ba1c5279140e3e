import type { Clock } from '../ports/clock';

/**
 * A token bucket per key. A person hammering the bot (or a script with their
 * token) gets told to slow down instead of flooding the channel past the
 * platforms' pacing.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly capacity = 20,
    private readonly refillPerMinute = 30,
  ) {}

  take(key: string): boolean {
    const now = this.clock.now();
    const b = this.buckets.get(key) ?? { tokens: this.capacity, at: now };
    b.tokens = Math.min(this.capacity, b.tokens + ((now - b.at) / 60_000) * this.refillPerMinute);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.evictFull(now);
    return ok;
  }

  private evictFull(now: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + ((now - b.at) / 60_000) * this.refillPerMinute >= this.capacity) this.buckets.delete(k);
  }
}
