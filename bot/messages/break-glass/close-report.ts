import { formatDuration } from '../../../workflows/duration';
import { buildCloseReport, type ReportStep } from '../../../workflows/break-glass/close-report';
import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Block, Message } from '../message';
import { messageToText } from '../message-text';
import { clock, dateTime, incidentMessage } from './incident-words';

/** Chat messages have size limits; the audit log holds the full timeline. */
const TIMELINE_LINES = 30;
const ACTIONS_PER_PERSON = 6;

/**
 * What the channel gets when the incident closes: a short summary people read
 * on a phone, with the full report (steps, who did what, findings, timeline)
 * attached as a file (Slack) or behind a button (Teams).
 */
export function closeReport(context: BreakGlassContext): Message {
  const r = buildCloseReport(context);
  const full = fullCloseReport(context);
  const done = r.steps.filter((s) => s.state === 'done').length;
  const skipped = r.steps.filter((s) => s.state === 'skipped').length;
  const open = r.openSteps.length;
  const blocks: Block[] = [
    { kind: 'facts', facts: summaryFacts(r) },
    { kind: 'text', text: `Steps: ${done} done, ${skipped} skipped, ${open} still open${open ? ` (${r.openSteps.map((s) => s.n).join(', ')})` : ''}.` },
    ...(r.openAlerts.length
      ? [{ kind: 'text' as const, text: section('Unacknowledged alerts at close', r.openAlerts.map((a) => `${a.emergencyAccount ? 'EMERGENCY ACCOUNT: ' : ''}${a.text} (alert ${a.id})`)) }]
      : []),
    { kind: 'text', text: section('Follow-ups', r.followUps) },
    { kind: 'text', text: 'The full report (every step, who did what, Graph findings, the timeline) is attached.' },
  ];
  return {
    ...full,
    blocks,
    attachment: { filename: `${r.incidentId}-report.txt`, title: 'Full incident report', text: messageToText(full) },
  };
}

function summaryFacts(r: ReturnType<typeof buildCloseReport>): Array<{ label: string; value: string }> {
  return [
    { label: 'Incident', value: `${r.incidentId}: ${r.summary}` },
    { label: 'Duration', value: `${formatDuration(r.durationMs)} (${dateTime(r.startedAt)} to ${dateTime(r.endedAt)})` },
    { label: 'Commander', value: r.commander },
    ...(r.closedBy ? [{ label: 'Closed by', value: r.closedBy }] : []),
    ...(r.closingSummary ? [{ label: 'Outcome', value: r.closingSummary }] : []),
  ];
}

/** The whole report: what the attachment holds. */
export function fullCloseReport(context: BreakGlassContext): Message {
  const r = buildCloseReport(context);
  const blocks: Block[] = [
    { kind: 'facts', facts: summaryFacts(r) },
    { kind: 'checklist', items: r.steps.map((s) => ({ n: s.n, title: s.title, state: s.state, ...(s.owner ? { owner: s.owner } : {}), note: stepLine(s) })) },
    { kind: 'text', text: section('Open steps', r.openSteps.length ? r.openSteps.map((s) => `Step ${s.n} ${s.title}: ${s.state.replace('_', ' ')}${s.failure ? ` (${s.failure})` : ''}`) : ['None: every step was done or skipped.']) },
    ...(r.openAlerts.length
      ? [{ kind: 'text' as const, text: section('Unacknowledged alerts at close', r.openAlerts.map((a) => `${a.emergencyAccount ? 'EMERGENCY ACCOUNT: ' : ''}${a.text} (alert ${a.id})`)) }]
      : []),
    { kind: 'text', text: section('Who did what', r.people.map((p) => `${p.name}: ${p.actions.slice(0, ACTIONS_PER_PERSON).join('; ')}${p.actions.length > ACTIONS_PER_PERSON ? `; and ${p.actions.length - ACTIONS_PER_PERSON} more` : ''}`)) },
    { kind: 'text', text: section('Graph findings', r.findings.length ? r.findings : ['None recorded.']) },
    { kind: 'text', text: section('Follow-ups', r.followUps) },
    { kind: 'divider' },
    { kind: 'text', text: section('Timeline', timelineLines(r)) },
  ];
  const open = r.openSteps.length;
  return incidentMessage(context, {
    title: `Incident report: ${r.summary}`,
    tone: open ? 'warning' : 'good',
    blocks,
    fallbackText: `Incident ${r.incidentId} closed after ${formatDuration(r.durationMs)}; ${open ? `${open} steps still open` : 'all steps settled'}. Follow-ups: ${r.followUps.join(' ')}`,
  });
}

function stepLine(s: ReportStep): string {
  if (s.state === 'skipped') return `skipped by ${s.doneBy} after ${formatDuration(s.tookMs ?? 0)}: ${s.skipReason ?? ''}`;
  if (s.state === 'done') return `done by ${s.doneBy} in ${formatDuration(s.tookMs ?? 0)}`;
  return `${s.state.replace('_', ' ')}, open for ${formatDuration(s.openForMs ?? 0)}${s.failure ? ` (${s.failure})` : ''}`;
}

function section(title: string, lines: readonly string[]): string {
  return [`${title}:`, ...lines.map((l) => `• ${l}`)].join('\n');
}

function timelineLines(r: ReturnType<typeof buildCloseReport>): string[] {
  const shown = r.timeline.slice(-TIMELINE_LINES);
  const hidden = r.timelineDropped + r.timeline.length - shown.length;
  return [
    ...(hidden > 0 ? [`${hidden} earlier entries are in the audit log.`] : []),
    ...shown.map((e) => `${clock(e.at)} ${e.actor?.name ?? 'bot'}: ${e.text}`),
  ];
}
