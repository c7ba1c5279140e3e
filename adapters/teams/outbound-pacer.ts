import type { Clock } from '../../bot/ports/clock';

/**
 * Spaces starts per key: at most `perSecond` per second, first come first
 * served. A slot is reserved when `wait` is called, so callers that arrive
 * together leave in the order they came.
 */
export class Pacer {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  async wait(key: string, perSecond: number): Promise<void> {
    const now = this.clock.now();
    const slot = Math.max(now, this.nextFree.get(key) ?? now);
    this.nextFree.set(key, slot + 1000 / perSecond);
    if (this.nextFree.size > 10_000) this.forgetIdle(now);
    if (slot > now) await this.sleep(slot - now);
  }

  private forgetIdle(now: number): void {
    for (const [key, free] of this.nextFree) if (free <= now) this.nextFree.delete(key);
  }
}

/**
 * Runs tasks one after another per key. Two updates of one card must reach
 * Teams in the order they were made, even when the first is backing off
 * after a 429, or the older card would win.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
