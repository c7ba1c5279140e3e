import type { AlertContext } from '../../../workflows/monitoring/alert-types';
import type { Message } from '../message';
import { alertCard } from './alert-card';
import { alertGroupCard } from './alert-group-card';

/**
 * The alert's one card: a single finding in full, or the group once repeats
 * were folded in. Before the first finding there is nothing to show.
 */
export function alertView(context: AlertContext): Message {
  const { alertId, status, simulated, first, group } = context;
  if (!first || !group) return { blocks: [{ kind: 'text', text: `Alert ${alertId} is waiting for its first finding.` }], fallbackText: `Alert ${alertId}` };
  const card = group.count <= 1 ? alertCard({ alertId, finding: first, status, simulated }) : alertGroupCard({ alertId, group, status, simulated });
  if (context.suppressed === 0) return card;
  const silenced = `${context.suppressed} repeat${context.suppressed === 1 ? '' : 's'} arrived after the false-positive mark and did not alert again.`;
  return { ...card, blocks: [...card.blocks, { kind: 'text', text: silenced }] };
}
