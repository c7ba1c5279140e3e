import { formatDuration } from '../../../workflows/duration';
import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { isSettled } from '../../../workflows/break-glass/steps';
import type { Message } from '../message';
import { incidentMessage, listWords } from './incident-words';

/**
 * No step moved for the stall timeout. data.stage 'commander': the ping in
 * the channel. 'managers': the DM to each manager of data.level (data.person
 * set), and the channel's record that they were told (no data.person).
 */
export function stallNotice(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const open = context.steps.filter((s) => !isSettled(s)).map((s) => String(s.n));
  const quiet = formatDuration(context.settings.stallTimeoutMs);
  const level = typeof data?.level === 'number' ? data.level : undefined;
  const managers = level === undefined ? [] : [...new Set(context.settings.managers[level] ?? [])];
  const [title, text] =
    data?.stage !== 'managers'
      ? ['Incident stalled', `${context.commander.name}, no step has moved for ${quiet}. Open steps: ${listWords(open)}. What is blocking? Assign the steps or note why they wait.`]
      : typeof data.person === 'string'
        ? ['Incident stalled: escalated to you', `Incident ${context.incidentId} (${context.summary}) has made no progress for ${quiet}. Commander: ${context.commander.name}. Open steps: ${listWords(open)}. Please check in with the team.`]
        : ['Incident stalled: managers told', `Still no step has moved. ${listWords(managers)} (manager level ${level ?? '?'}) ${managers.length === 1 ? 'was' : 'were'} told by direct message. Open steps: ${listWords(open)}.`];
  return incidentMessage(context, { title, tone: 'warning', blocks: [{ kind: 'text', text }], fallbackText: text });
}
