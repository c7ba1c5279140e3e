import type { FindingGroup } from '../../../workflows/monitoring/group-findings';
import type { Message } from '../message';
import { alertButtons, statusText } from './alert-buttons';
import type { AlertStatus } from './alert-status';
import { idList, riskTone, timeSpan, whereText } from './alert-text';

export interface AlertGroupCardInput {
  alertId: string;
  group: FindingGroup;
  status?: AlertStatus;
  simulated?: boolean;
}

/** Repeats of one pattern within the cooldown: one card that counts, instead of many that shout. */
export function alertGroupCard({ alertId, group: g, status = { state: 'open' }, simulated }: AlertGroupCardInput): Message {
  const expected = g.expectedUses[0];
  const labels = [simulated ? 'SIMULATED' : '', g.emergencyAccount ? 'EMERGENCY ACCOUNT' : '', expected ? 'EXPECTED' : ''].filter(Boolean);
  const where = whereText(g.where);
  const places = [...g.ips, ...g.locations.filter((l) => !g.where.location || l !== g.where.location)];
  const facts = [
    { label: 'Risk', value: g.emergencyAccount ? `${g.riskLevel} (emergency account)` : g.riskLevel },
    { label: 'Who', value: g.subject },
    { label: 'What', value: g.title },
    { label: 'When', value: timeSpan(g.first, g.last) },
    { label: 'How often', value: `${g.count} time${g.count === 1 ? '' : 's'}, ${g.recordCount} record${g.recordCount === 1 ? '' : 's'}` },
    ...(where ? [{ label: 'Latest from', value: where }] : []),
    ...(places.length > 1 ? [{ label: 'Seen from', value: `${places.slice(0, 8).join(', ')}${places.length > 8 ? ', ...' : ''}` }] : []),
    { label: 'Records', value: idList(g.recordIds, g.recordCount) },
    { label: 'Status', value: statusText(status) },
  ];
  return {
    header: { title: `${g.emergencyAccount ? 'Emergency account: ' : ''}${g.title}${g.count > 1 ? ` (${g.count}x)` : ''}`, tone: expected ? 'warning' : riskTone(g.riskLevel, g.emergencyAccount), ...(labels.length ? { label: labels.join(' · ') } : {}) },
    blocks: [
      { kind: 'text', text: `Latest: ${g.detail}` },
      ...(expected ? [{ kind: 'text' as const, text: `This matches the break-glass use declared in incident ${g.expectedUses.join(', ')}.` }] : []),
      { kind: 'facts', facts },
    ],
    buttons: alertButtons(alertId, status, { emergency: g.emergencyAccount, ...(expected ? { expectedUse: expected } : {}) }),
    context: `Alert ${alertId} · rule ${g.ruleId}`,
    fallbackText: `[${g.riskLevel}] ${g.title}: ${g.subject}, ${g.count} time${g.count === 1 ? '' : 's'} since ${timeSpan(g.first)}`,
  };
}
