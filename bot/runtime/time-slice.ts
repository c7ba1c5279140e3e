/**
 * Background work shares the event loop with inbound requests in slices.
 * SQLite calls, xstate transitions, audit hashing and snapshot parsing are
 * synchronous, so a loop of them awaits only microtasks and would hold every
 * inbound request (and its ack) until it ends.
 *
 * One budget per event-loop turn is shared by every background task, not one
 * each: with setImmediate alone, fifty listings in flight would each take
 * their slice in the same turn and an ack would wait for all fifty. So a task
 * that has spent the turn's budget queues, and each turn hands the budget to
 * one queued task; between turns the loop polls I/O, so an ack waits at most
 * about one budget (plus the one item that overran it). Timer and outbox
 * passes queue ahead of request follow-up work (listings): a page late by its
 * due time matters more than a reply the person is already waiting on after
 * the ack.
 */
export type SlicePriority = 'timers' | 'requests';

/** A few milliseconds: far below Slack's 3 s ack deadline, large enough that yielding costs little. */
export const DEFAULT_SLICE_MS = 4;

const queues: Record<SlicePriority, Array<() => void>> = { timers: [], requests: [] };
let turnStarted = performance.now();
let scheduled = false;

function nextTurn(): void {
  scheduled = false;
  turnStarted = performance.now();
  const next = queues.timers.shift() ?? queues.requests.shift();
  if (queues.timers.length + queues.requests.length > 0) schedule();
  next?.();
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(nextTurn);
}

export class TimeSlice {
  constructor(
    private readonly priority: SlicePriority = 'requests',
    private readonly budgetMs = DEFAULT_SLICE_MS,
  ) {}

  /** Continues if this turn's background budget is left; otherwise waits for a turn of its own. */
  async pause(): Promise<void> {
    if (performance.now() - turnStarted < this.budgetMs) return;
    await new Promise<void>((resolve) => {
      queues[this.priority].push(resolve);
      schedule();
    });
  }
}
