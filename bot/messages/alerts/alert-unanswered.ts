import { formatDuration } from '../../../workflows/duration';
import type { AlertContext } from '../../../workflows/monitoring/alert-types';
import type { Message } from '../message';

/** Told where the alert lives when paging ran out (data.reason: 'timeout' | 'nobody-configured'). */
export function alertUnanswered(context: AlertContext, data: Record<string, unknown> | undefined): Message {
  const paged = [...new Set(context.paging.pages.map((p) => p.person))].join(', ');
  const text =
    data?.reason === 'nobody-configured'
      ? `No managers or security officers are configured, so nobody was paged about alert ${context.alertId}. Call them yourselves.`
      : `Nobody acknowledged alert ${context.alertId}. Paged: ${paged || 'nobody'}, each level given ${formatDuration(context.settings.ackTimeoutMs)}. Call them now.`;
  return { header: { title: 'Nobody acknowledged the emergency account alert', tone: 'warning' }, blocks: [{ kind: 'text', text }], fallbackText: text };
}
