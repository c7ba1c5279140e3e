import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { Place } from '../core/platform';
import type { Storage, WorkflowFilter, WorkflowRow, WorkflowStatus } from '../ports/storage';
import { decodeWorkflow } from './persisted-workflow';
import { restoreMachineSnapshot } from './persisted-workflow';
import { SnapshotCache } from './snapshot-cache';
import { TimeSlice } from './time-slice';
import type { WorkflowDefinition } from './workflow-definition';
import type { SummaryView, WorkflowView } from './workflow-types';

/** Rows per listing page (see listWhere). */
const LIST_PAGE = 100;

/**
 * Reading workflows: one by id, or listings. A view reads the stored JSON;
 * the xstate snapshot is restored only when someone asks for it, since
 * restoring costs far more than reading and listings of every open request
 * only read.
 */
export class WorkflowViews {
  private readonly listed = new SnapshotCache();

  constructor(
    private readonly storage: Pick<Storage, 'getWorkflow' | 'listWorkflows' | 'listWorkflowSummaries'>,
    private readonly definition: (kind: string) => WorkflowDefinition,
  ) {}

  async get<TContext = unknown>(workflowId: string): Promise<WorkflowView<TContext> | undefined> {
    const row = await this.storage.getWorkflow(workflowId);
    return row ? this.view<TContext>(row) : undefined;
  }

  /**
   * `where` sees each stored row (id, home, status, times) before its snapshot is
   * restored: restoring is the costly part, so narrow on those fields here.
   */
  list<TContext = unknown>(kind?: string, status?: WorkflowStatus, where?: (row: WorkflowRow) => boolean): Promise<Array<WorkflowView<TContext>>> {
    return this.listWhere({ kind, status }, where);
  }

  /** As list, narrowed in the database (e.g. to one conversation). */
  async listWhere<TContext = unknown>(filter: WorkflowFilter, where?: (row: WorkflowRow) => boolean): Promise<Array<WorkflowView<TContext>>> {
    const views: Array<WorkflowView<TContext>> = [];
    // A page at a time, yielding between pages: reading and parsing a thousand open requests in one go
    // would hold every ack waiting behind it (bench workload 4).
    const slice = new TimeSlice();
    let after = filter.after;
    for (;;) {
      const rows = await this.storage.listWorkflows({ ...filter, ...(after ? { after } : {}), limit: LIST_PAGE });
      for (const row of where ? rows.filter(where) : rows) views.push(this.view<TContext>(row));
      if (rows.length < LIST_PAGE) return views;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
      await slice.pause();
    }
  }

  /** Summaries only: a row written before summaries existed is summarised from its snapshot here. */
  async listSummaries<TSummary>(kind: string, status?: WorkflowStatus): Promise<Array<SummaryView<TSummary>>> {
    const summarize = this.definition(kind).summarize;
    if (!summarize) throw new Error(`Workflow kind ${kind} has no summary to list.`);
    const views: Array<SummaryView<TSummary>> = [];
    const slice = new TimeSlice();
    let after: WorkflowFilter['after'];
    for (;;) {
      const rows = await this.storage.listWorkflowSummaries({ kind, status, ...(after ? { after } : {}), limit: LIST_PAGE });
      for (const row of rows) {
        const summary = row.summary ?? summarize((decodeWorkflow(row.id, row.snapshot).machine as { context: unknown }).context);
        views.push({ row, summary: summary as TSummary });
      }
      if (rows.length < LIST_PAGE) return views;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
      await slice.pause();
    }
  }

  private view<TContext>(row: WorkflowRow): WorkflowView<TContext> {
    const stored = this.listed.decode(row);
    const machine = this.definition(row.kind).machine;
    const persisted = stored.machine as { value: StateValue; context: TContext };
    let restored: AnyMachineSnapshot | undefined;
    return {
      row,
      state: persisted.value,
      context: persisted.context,
      get snapshot() {
        return (restored ??= restoreMachineSnapshot(machine, stored.machine));
      },
      home: (row.home ?? undefined) as Place | undefined,
      timers: Object.entries(stored.timers).map(([sendId, dueAt]) => ({ sendId, dueAt })),
    };
  }
}
