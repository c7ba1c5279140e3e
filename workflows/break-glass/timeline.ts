import type { WorkflowActor } from './actor';
import type { BreakGlassContext, TimelineEntry } from './context';
import type { StepNumber } from './step-catalogue';

/** Enough for a long night; the audit log keeps everything, the snapshot stays small. */
export const TIMELINE_LIMIT = 200;

/** Free text from chat is clipped before it enters the snapshot. */
export function clip(text: string, max: number): string {
  const t = text.trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

export function record(context: BreakGlassContext, text: string, options: { actor?: WorkflowActor; step?: StepNumber } = {}): BreakGlassContext {
  const entry: TimelineEntry = { at: context.now, text, ...(options.actor ? { actor: options.actor } : {}), ...(options.step ? { step: options.step } : {}) };
  const timeline = [...context.timeline, entry];
  const overflow = Math.max(0, timeline.length - TIMELINE_LIMIT);
  return { ...context, timeline: timeline.slice(overflow), timelineDropped: context.timelineDropped + overflow };
}
