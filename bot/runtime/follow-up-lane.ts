/**
 * Runs the work that follows a Slack ack (routing, transitions, replies) a few
 * at a time. The ack itself is already sent; what this bounds is how much
 * synchronous work (SQLite calls, transitions, rendering) can be ready in one
 * event-loop turn, because every ready callback runs before the loop reads the
 * next request. Fifty follow-ups in flight made each turn about 200 ms (bench
 * workload 4), and an ack waits for the turn it arrives in.
 */
export class FollowUpLane {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly concurrency: number) {}

  wrap<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return async (...args: A) => {
      await this.enter();
      try {
        return await fn(...args);
      } finally {
        this.leave();
      }
    };
  }

  private enter(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private leave(): void {
    const next = this.waiting.shift();
    // The slot passes straight to the next waiter, so `running` stays the same.
    if (next) next();
    else this.running -= 1;
  }
}
