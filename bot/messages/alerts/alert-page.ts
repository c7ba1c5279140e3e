import type { AlertContext } from '../../../workflows/monitoring/alert-types';
import type { Message } from '../message';
import { statusText } from './alert-buttons';
import { ALERT_ACTIONS } from './alert-status';
import { shortTime, timeSpan, whereText } from './alert-text';

/**
 * The DM page to one manager or security officer (data.person) when an
 * emergency account is used outside any incident. Updated in place: once
 * anyone answers the button goes and the answer shows.
 */
export function alertPage(context: AlertContext, data: Record<string, unknown> | undefined): Message {
  const person = typeof data?.person === 'string' ? data.person : undefined;
  const page = context.paging.pages.find((p) => p.person === person);
  const f = context.first;
  const g = context.group;
  const subject = f?.subject ?? 'an emergency account';
  const intro = `${f ? `${f.title}: ${subject}.` : `Activity on ${subject}.`} No break-glass incident declared it. ${f?.detail ?? ''}`.trim();
  const where = f ? whereText(g?.where ?? f.where) : '';
  const facts = [
    { label: 'Alert', value: context.alertId },
    ...(f ? [{ label: 'What', value: f.title }, { label: 'When', value: timeSpan(g?.first ?? f.when, g?.last) }] : []),
    ...(where ? [{ label: 'Where', value: where }] : []),
    ...(g && g.count > 1 ? [{ label: 'How often', value: `${g.count} times` }] : []),
    ...(page ? [{ label: 'Paged', value: `${shortTime(new Date(page.at).toISOString())}${page.level > 0 ? ` (escalation level ${page.level}: nobody answered before)` : ''}` }] : []),
  ];
  const label = context.simulated ? { label: 'SIMULATED' } : {};
  if (context.status.state !== 'open') {
    const answered = statusText(context.status);
    return {
      header: { title: 'Emergency account alert: answered', tone: 'good', ...label },
      blocks: [{ kind: 'text', text: intro }, { kind: 'facts', facts }, { kind: 'text', text: `${answered}.` }],
      context: `Alert ${context.alertId}`,
      fallbackText: `${context.alertId}: ${answered}`,
    };
  }
  return {
    header: { title: 'Emergency account alert: please acknowledge', tone: 'danger', ...label },
    blocks: [
      { kind: 'text', text: intro },
      { kind: 'facts', facts },
      { kind: 'text', text: 'Acknowledge so the security team knows you have seen it; nobody answering pages the next level.' },
    ],
    buttons: [{ actionId: ALERT_ACTIONS.ack, label: 'Acknowledge', value: context.alertId, style: 'primary' }],
    context: `Alert ${context.alertId}`,
    fallbackText: `Emergency account ${subject}: ${f?.title ?? 'activity'}. Please acknowledge alert ${context.alertId}.`,
  };
}
