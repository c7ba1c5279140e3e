import type { Clock } from '../../bot/ports/clock';

export type Sleep = (ms: number) => Promise<void>;

export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

interface Lane {
  tail: Promise<void>;
  lastStart?: number;
  pending: number;
}

/**
 * One queue per Slack channel: tasks run one at a time in the order they were
 * queued, and each starts at least `intervalMs` after the previous one
 * started (Slack allows about one message per second per channel). A task
 * that fails does not stop the ones behind it.
 */
export class ChannelPacer {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly intervalMs: number,
    private readonly clock: Clock,
    private readonly sleep: Sleep,
  ) {}

  run<T>(channel: string, task: () => Promise<T>): Promise<T> {
    this.forgetIdleLanes();
    const lane = this.lanes.get(channel) ?? { tail: Promise.resolve(), pending: 0 };
    this.lanes.set(channel, lane);
    lane.pending += 1;
    const result = lane.tail.then(async () => {
      const wait = lane.lastStart === undefined ? 0 : lane.lastStart + this.intervalMs - this.clock.now();
      if (wait > 0) await this.sleep(wait);
      lane.lastStart = this.clock.now();
      return task();
    });
    lane.tail = result.then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      lane.pending -= 1;
    });
    return result;
  }

  private forgetIdleLanes(): void {
    const now = this.clock.now();
    for (const [channel, lane] of this.lanes) {
      if (lane.pending === 0 && (lane.lastStart === undefined || lane.lastStart + this.intervalMs <= now)) this.lanes.delete(channel);
    }
  }
}
