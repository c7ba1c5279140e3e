import type { WorkflowActor } from './actor';
import type { BreakGlassContext, StepRecord } from './context';
import { STEP_NUMBERS, type StepNumber } from './step-catalogue';
import { clip } from './timeline';

const NOTES_PER_STEP = 6;
const NOTE_LENGTH = 300;

export function initialSteps(): StepRecord[] {
  return STEP_NUMBERS.map((n) => ({ n, state: 'pending', notes: [] }));
}

export function stepOf(context: BreakGlassContext, n: StepNumber): StepRecord {
  // steps always holds the eight records in order (initialSteps).
  return context.steps[n - 1] as StepRecord;
}

export function isSettled(step: StepRecord): boolean {
  return step.state === 'done' || step.state === 'skipped';
}

export function allSettled(context: BreakGlassContext): boolean {
  return context.steps.every(isSettled);
}

/** Replaces one step; any change counts as progress for stall detection. */
export function updateStep(context: BreakGlassContext, n: StepNumber, change: (step: StepRecord) => StepRecord): BreakGlassContext {
  const steps = context.steps.map((s) => (s.n === n ? change(s) : s));
  return { ...context, steps, stall: { ...context.stall, progressSeq: context.stall.progressSeq + 1 } };
}

function withNote(step: StepRecord, note: string | undefined): StepRecord {
  if (!note?.trim()) return step;
  return { ...step, notes: [...step.notes, clip(note, NOTE_LENGTH)].slice(-NOTES_PER_STEP) };
}

export function startStep(context: BreakGlassContext, n: StepNumber, note?: string): BreakGlassContext {
  return updateStep(context, n, (s) => withNote({ ...s, state: 'in_progress', startedAt: s.startedAt ?? context.now, failure: undefined }, note));
}

/** `by` is absent when the bot finished the step itself (a Graph answer). */
export function completeStep(context: BreakGlassContext, n: StepNumber, by: WorkflowActor | undefined, note?: string): BreakGlassContext {
  return updateStep(context, n, (s) =>
    withNote({ ...s, state: 'done', startedAt: s.startedAt ?? context.startedAt, doneAt: context.now, doneBy: by, failure: undefined, skipReason: undefined }, note),
  );
}

export function skipStep(context: BreakGlassContext, n: StepNumber, by: WorkflowActor, reason: string): BreakGlassContext {
  return updateStep(context, n, (s) => ({ ...s, state: 'skipped', startedAt: s.startedAt ?? context.startedAt, doneAt: context.now, doneBy: by, skipReason: clip(reason, NOTE_LENGTH), failure: undefined }));
}

export function failStep(context: BreakGlassContext, n: StepNumber, failure: string): BreakGlassContext {
  return updateStep(context, n, (s) => ({ ...s, state: 'failed', startedAt: s.startedAt ?? context.now, failure }));
}

export function assignStep(context: BreakGlassContext, n: StepNumber, owner: WorkflowActor): BreakGlassContext {
  return updateStep(context, n, (s) => ({ ...s, owner }));
}

export function noteStep(context: BreakGlassContext, n: StepNumber, note: string): BreakGlassContext {
  return updateStep(context, n, (s) => withNote(s, note));
}

/** Owner if unset: whoever first acts on a step owns it until reassigned. */
export function claimStep(context: BreakGlassContext, n: StepNumber, actor: WorkflowActor): BreakGlassContext {
  return stepOf(context, n).owner ? context : updateStep(context, n, (s) => ({ ...s, owner: actor }));
}
