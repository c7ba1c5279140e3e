/**
 * Due timers go to the database before new effects. Each timer batch queues
 * for the database (SQLite's one connection, PostgreSQL's pool) behind
 * whatever is already waiting, and a burst of escalations enqueues a page per
 * timer: with the outbox claiming and completing those pages between batches,
 * the last timers of 1,000 due at once fired seconds late (bench workload 4).
 * So while a timer pass is firing, the outbox claims nothing new; effects
 * already running finish. The pages are the timers' own work, so they lose
 * nothing by starting once the pass is done, and a wait is capped so that a
 * stream of timers can never hold messages back for long.
 */
export class TimersFirst {
  private firing = 0;
  private readonly waiting = new Set<() => void>();

  constructor(private readonly maxWaitMs = 2_000) {}

  /** Runs one timer pass; the outbox waits while any is running. */
  async during<T>(pass: () => Promise<T>): Promise<T> {
    this.firing += 1;
    try {
      return await pass();
    } finally {
      this.firing -= 1;
      if (this.firing === 0) for (const go of [...this.waiting]) go();
    }
  }

  /** Resolves at once when no timers are firing, else when they are done or after maxWaitMs. */
  idle(): Promise<void> {
    if (this.firing === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const go = () => {
        clearTimeout(cap);
        this.waiting.delete(go);
        resolve();
      };
      const cap = setTimeout(go, this.maxWaitMs);
      cap.unref();
      this.waiting.add(go);
    });
  }
}
