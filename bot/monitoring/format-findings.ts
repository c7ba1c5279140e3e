import type { FindingGroup } from '../../workflows/monitoring/group-findings';
import { idList, timeSpan, whereText } from '../messages/alerts/alert-text';

/** The plain-text block the CLI prints per group of findings. */
export function formatGroup(g: FindingGroup): string {
  const head = `${g.riskLevel.toUpperCase().padEnd(7)} ${g.ruleId}  ${g.subject}${g.emergencyAccount ? '  EMERGENCY ACCOUNT' : ''}`;
  const span = timeSpan(g.first, g.last);
  const counts = g.count === 1 ? `${g.recordCount} record${g.recordCount === 1 ? '' : 's'}` : `${g.count} times, ${g.recordCount} records`;
  const lines = [head, `        ${g.title}: ${g.detail}`, `        ${span} · ${counts}${whereText(g.where) ? ` · ${whereText(g.where)}` : ''}`];
  if (g.ips.length > 1) lines.push(`        from ${g.ips.length >= 20 ? '20+' : g.ips.length} addresses: ${g.ips.slice(0, 5).join(', ')}${g.ips.length > 5 ? ', ...' : ''}`);
  if (g.expectedUses.length) lines.push(`        expected: declared use in incident ${g.expectedUses.join(', ')}`);
  lines.push(`        records: ${idList(g.recordIds, g.recordCount)}`);
  return lines.join('\n');
}
