import type { EffectError } from '../effects';
import type { WorkflowActor } from './actor';
import type { BreakGlassContext, ExportedFile } from './context';
import { failureText } from './graph-answers';
import { homeNotice, logsExport, withCard, type Outcome } from './outcome';
import { completeStep, failStep, isSettled, startStep, stepOf } from './steps';
import { record } from './timeline';

/**
 * Step 8: the window starts where the sign-in review looks back to, minus a
 * margin, and ends now, so evidence from just before the incident is kept.
 */
export function requestExport(context: BreakGlassContext, actor?: WorkflowActor): Outcome {
  const { signInLookbackMs, exportMarginMs } = context.settings;
  const window = { since: new Date(context.startedAt - signInLookbackMs - exportMarginMs).toISOString(), until: new Date(context.now).toISOString() };
  const runs = context.logExport.runs + 1;
  const tag = `export:${runs}`;
  let next: BreakGlassContext = { ...context, logExport: { ...context.logExport, status: 'running', runs, tag, window, error: undefined } };
  if (!isSettled(stepOf(next, 8))) next = startStep(next, 8);
  next = record(next, `Started the log export (${window.since} to ${window.until})`, { ...(actor ? { actor } : {}), step: 8 });
  return withCard(next, logsExport(window.since, window.until, tag));
}

export function exportSucceeded(context: BreakGlassContext, files: readonly ExportedFile[]): Outcome {
  const kept = files.slice(0, 20).map((f) => ({ name: f.name, count: f.count, sha256: f.sha256 }));
  let next: BreakGlassContext = { ...context, logExport: { ...context.logExport, status: 'succeeded', files: kept, error: undefined } };
  const total = kept.reduce((sum, f) => sum + f.count, 0);
  if (!isSettled(stepOf(next, 8))) next = completeStep(next, 8, undefined, `${kept.length} files exported (${total} records)`);
  next = record(next, `Logs exported: ${kept.map((f) => f.name).join(', ')}`, { step: 8 });
  return withCard(next, homeNotice('export-result'));
}

export function exportFailed(context: BreakGlassContext, error: EffectError): Outcome {
  const failure = failureText(error, 'The log export failed');
  let next: BreakGlassContext = { ...context, logExport: { ...context.logExport, status: 'unavailable', error: error.message } };
  if (!isSettled(stepOf(next, 8))) next = failStep(next, 8, failure);
  next = record(next, `Log export failed: ${failure}`, { step: 8 });
  return withCard(next, homeNotice('step-degraded', { step: 8 }));
}
