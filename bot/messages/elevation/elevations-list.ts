import { formatDuration } from '../../../workflows/duration';
import { deadlineOf, standingOf } from '../../../workflows/pim-elevation/standing';
import { clockTime } from '../../../workflows/pim-elevation/time-words';
import type { ElevationSummary } from '../../../workflows/pim-elevation/elevation-summary';
import type { Block, Message } from '../message';
import { approvalsText } from './request-words';

/** Oldest first: beyond this many a list stops being read (and outgrows a chat message). */
const SHOWN_PER_SECTION = 15;

/** What `elevations` answers: pending and active requests with the time each has left at `now`. */
export function elevationsList(contexts: readonly ElevationSummary[], now: number): Message {
  const pending = contexts.filter((c) => standingOf(c) === 'pending').sort(byRequested);
  const active = contexts.filter((c) => standingOf(c) === 'active').sort(byRequested);
  const ending = contexts.filter((c) => c.phase === 'still-present' || c.phase === 'verify-failed').sort(byRequested);
  const blocks: Block[] = [];
  const section = (title: string, list: ElevationSummary[], text: (c: ElevationSummary) => string) => {
    if (!list.length) return;
    blocks.push({ kind: 'text', text: `${title} (${list.length})` }, { kind: 'facts', facts: list.slice(0, SHOWN_PER_SECTION).map((c) => line(c, text(c))) });
    if (list.length > SHOWN_PER_SECTION) blocks.push({ kind: 'text', text: `…and ${list.length - SHOWN_PER_SECTION} more, newer than these.` });
  };
  section('Active', active, (c) => activeText(c, now));
  section('Pending', pending, (c) => pendingText(c, now));
  section('Needs attention', ending, () => 'ended, but the role could not be confirmed gone');
  if (!blocks.length) blocks.push({ kind: 'text', text: 'No pending or active elevations.' });
  const summary = `${active.length} active, ${pending.length} pending elevation${pending.length === 1 ? '' : 's'}`;
  return {
    header: { title: 'Elevations', tone: ending.length ? 'danger' : 'info' },
    blocks,
    context: `As of ${clockTime(now)}`,
    fallbackText: `${summary}.`,
  };
}

function byRequested(a: ElevationSummary, b: ElevationSummary): number {
  return a.requestedAt - b.requestedAt;
}

function line(context: ElevationSummary, text: string): { label: string; value: string } {
  return { label: context.requestId, value: `${context.role.displayName} for ${context.requester.name}: ${text}` };
}

function left(deadline: number | undefined, now: number): string {
  if (deadline === undefined) return '';
  const ms = deadline - now;
  return ms > 0 ? `${formatDuration(ms)} left (until ${clockTime(deadline)})` : `due since ${clockTime(deadline)}`;
}

function activeText(context: ElevationSummary, now: number): string {
  return `active, ${left(deadlineOf(context), now) || 'end unknown'}`;
}

function pendingText(context: ElevationSummary, now: number): string {
  const deadline = left(deadlineOf(context), now);
  const where =
    context.phase === 'awaiting-approval'
      ? `waiting for approval (${approvalsText(context)})`
      : context.phase === 'awaiting-pim'
        ? context.staleAt !== undefined
          ? 'waiting in PIM, escalation over'
          : 'waiting for a decision in PIM'
        : context.phase === 'approved-in-pim'
          ? 'approved in PIM, not yet active'
          : context.phase === 'awaiting-mfa' || context.phase === 'checking-mfa'
            ? 'approved, waiting for MFA'
            : context.phase === 'grant-stalled'
              ? 'approved, grant failed (retry on the card)'
              : 'approved, granting now';
  return deadline ? `${where}; ${deadline} to decide` : where;
}
