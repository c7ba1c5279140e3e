import { formatDuration } from '../../../workflows/duration';
import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { incidentMessage, listWords } from './incident-words';

/** Told to the incident channel when paging ran out (data.reason: 'timeout' | 'nobody-configured'). */
export function ackUnanswered(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const text =
    data?.reason === 'nobody-configured'
      ? 'No managers or security officers are configured, so nobody was paged. Tell them yourselves, then mark step 1 done.'
      : `Nobody acknowledged the page. Paged: ${listWords([...new Set(context.paging.pages.map((p) => p.person))])}, each level given ${formatDuration(context.settings.ackTimeoutMs)}. Call them, then mark step 1 done when someone answers.`;
  return incidentMessage(context, {
    title: 'Nobody acknowledged the page',
    tone: 'warning',
    blocks: [{ kind: 'text', text }],
    fallbackText: text,
  });
}
