import type { AnyStateMachine } from 'xstate';
import type { Message } from '../messages/message';

/**
 * Who did something, as machines see it. `id` is the Entra object id when the
 * platform user is mapped, otherwise `<platform>:<platformUserId>`. Every event
 * the router sends to a machine carries one.
 */
export interface WorkflowActor {
  id: string;
  name: string;
}

/** Renders one named view of a workflow's context into the neutral model. */
export type ViewBuilder<TContext> = (context: TContext, data: Record<string, unknown> | undefined) => Message;

/**
 * A workflow kind: its machine (pure; effects are named actions from
 * workflows/effects.ts) and the views its chat effects name. The runtime
 * renders views at commit time and stores the message in the outbox.
 */
export interface WorkflowDefinition<TContext = any> { // eslint-disable-line @typescript-eslint/no-explicit-any -- each kind has its own context type; the registry is heterogeneous
  kind: string;
  machine: AnyStateMachine;
  views: Record<string, ViewBuilder<TContext>>;
  /** A workflow whose state is final is closed; this decides from context too (optional). */
  isClosed?: (snapshot: { status: string; value: unknown }) => boolean;
  /** Ended, but events may still wake it (see WorkflowStatus 'dormant'). */
  isDormant?: (snapshot: { status: string; value: unknown }) => boolean;
  /**
   * What listings need of one workflow, stored beside its snapshot at every step (WorkflowRow.summary)
   * so that a listing of every open one (`elevations`) reads a few fields each, not whole snapshots.
   */
  summarize?: (context: TContext) => unknown;
}
