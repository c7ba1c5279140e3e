import type { StorageTx, WorkflowUpdate } from '../ports/storage';

/**
 * A transaction whose workflow compare-and-sets are held and sent together
 * (see fireTimersTogether). One timer step is one UPDATE of its workflow row;
 * sent one at a time, a batch of 200 timers waited for 200 round trips in a
 * row (PostgreSQL: most of a burst's lateness). Each held update answers
 * "changed" at once; `apply` sends them all and says whether every one of them
 * found its expected version. If not, the caller must roll the whole
 * transaction back, since the steps after a lost race were written as if it
 * had been won.
 */
export class DeferredUpdates {
  private readonly held: WorkflowUpdate[] = [];
  readonly tx: StorageTx;

  constructor(private readonly inner: StorageTx) {
    const held = this.held;
    this.tx = {
      insertWorkflow: (row) => inner.insertWorkflow(row),
      updateWorkflow: async (id, expectedVersion, next) => {
        held.push({ id, expectedVersion, next });
        return true;
      },
      updateWorkflows: async (updates) => {
        held.push(...updates);
        return updates.length;
      },
      enqueueEffects: (rows) => inner.enqueueEffects(rows),
      putTimer: (row) => inner.putTimer(row),
      deleteTimer: (workflowId, sendId) => inner.deleteTimer(workflowId, sendId),
      appendAudit: (entry) => inner.appendAudit(entry),
      recordDelivery: (key, at) => inner.recordDelivery(key, at),
    };
  }

  /** Sends the held updates; false when any workflow had moved on (roll back). */
  async apply(): Promise<boolean> {
    if (this.held.length === 0) return true;
    return (await this.inner.updateWorkflows(this.held)) === this.held.length;
  }
}
