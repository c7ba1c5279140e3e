import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { clock, incidentMessage } from './incident-words';

/** Incident-level changes (data.change: 'commander' | 'reopened'). */
export function incidentUpdate(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const by = typeof data?.by === 'string' ? data.by : 'A responder';
  const text =
    data?.change === 'reopened'
      ? `${by} reopened the incident at ${clock(context.now)}. Timers (paging, stall, mailbox reminder) run again for open steps.`
      : `${context.commander.name} is now the commander (set by ${by} at ${clock(context.now)}).`;
  return incidentMessage(context, { title: data?.change === 'reopened' ? 'Incident reopened' : 'New commander', tone: 'info', blocks: [{ kind: 'text', text }], fallbackText: text });
}
