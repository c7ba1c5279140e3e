import type { Finding } from '../../../workflows/monitoring/finding';
import type { Message } from '../message';
import { alertButtons, statusText } from './alert-buttons';
import type { AlertStatus } from './alert-status';
import { idList, riskTone, timeSpan, whereText } from './alert-text';

export interface AlertCardInput {
  /** The alert's id in the alert store; every button carries it. */
  alertId: string;
  finding: Finding;
  status?: AlertStatus;
  /** The data came from the tenant simulator. */
  simulated?: boolean;
}

/** One finding: risk, who, what, when, where, the raw record ids, and what to do. */
export function alertCard({ alertId, finding: f, status = { state: 'open' }, simulated }: AlertCardInput): Message {
  const labels = [simulated ? 'SIMULATED' : '', f.emergencyAccount ? 'EMERGENCY ACCOUNT' : '', f.expectedUse ? 'EXPECTED' : ''].filter(Boolean);
  const where = whereText(f.where);
  const facts = [
    { label: 'Risk', value: f.emergencyAccount ? `${f.riskLevel} (emergency account)` : f.riskLevel },
    { label: 'Who', value: f.subject },
    { label: 'What', value: f.title },
    { label: 'When', value: timeSpan(f.when, f.until) },
    ...(where ? [{ label: 'Where', value: where }] : []),
    { label: f.recordCount === 1 ? 'Record' : `Records (${f.recordCount})`, value: idList(f.recordIds, f.recordCount) },
    { label: 'Status', value: statusText(status) },
  ];
  return {
    header: { title: f.emergencyAccount ? `Emergency account: ${f.title}` : f.title, tone: f.expectedUse ? 'warning' : riskTone(f.riskLevel, f.emergencyAccount), ...(labels.length ? { label: labels.join(' · ') } : {}) },
    blocks: [
      { kind: 'text', text: f.detail },
      ...(f.expectedUse ? [{ kind: 'text' as const, text: `This matches the break-glass use declared in incident ${f.expectedUse}.` }] : []),
      { kind: 'facts', facts },
    ],
    buttons: alertButtons(alertId, status, { emergency: f.emergencyAccount, ...(f.expectedUse ? { expectedUse: f.expectedUse } : {}) }),
    context: `Alert ${alertId} · rule ${f.ruleId}`,
    fallbackText: `[${f.riskLevel}] ${f.emergencyAccount ? 'EMERGENCY ACCOUNT ' : ''}${f.title}: ${f.subject} at ${timeSpan(f.when, f.until)}`,
  };
}
