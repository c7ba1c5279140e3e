import type { PostureReport, PostureStatus } from '../../../workflows/posture/posture-types';
import type { Block, Message, Tone } from '../message';
import { shortTime } from './alert-text';

const MARK: Record<PostureStatus, string> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL' };
const TONE: Record<PostureStatus, Tone> = { pass: 'good', warn: 'warning', fail: 'danger' };
const MAX_SUBJECTS = 10;

export interface PostureCardOptions {
  tenantName?: string;
  simulated?: boolean;
}

/** The stage-1 posture report: one line per check, then the accounts behind each warning and failure. */
export function postureReportCard(report: PostureReport, options: PostureCardOptions = {}): Message {
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const c of report.checks) counts[c.status]++;
  const details: Block[] = [];
  for (const c of report.checks) {
    if (c.status === 'pass' || c.subjects.length === 0) continue;
    const lines = c.subjects.slice(0, MAX_SUBJECTS).map((s) => `- ${s.name}: ${s.reason}`);
    if (c.subjects.length > MAX_SUBJECTS) lines.push(`- and ${c.subjects.length - MAX_SUBJECTS} more`);
    details.push({ kind: 'text', text: `${MARK[c.status]} ${c.title}\n${lines.join('\n')}` });
  }
  const tally = `${counts.fail} failed, ${counts.warn} warnings, ${counts.pass} passed`;
  return {
    header: { title: `Privileged access posture${options.tenantName ? `: ${options.tenantName}` : ''}`, tone: TONE[report.status], ...(options.simulated ? { label: 'SIMULATED' } : {}) },
    blocks: [
      { kind: 'text', text: `${MARK[report.status]} overall: ${tally}.` },
      { kind: 'facts', facts: report.checks.map((c) => ({ label: `${MARK[c.status]} ${c.title}`, value: c.summary })) },
      ...(details.length ? [{ kind: 'divider' as const }, ...details] : []),
    ],
    context: `Checked ${shortTime(report.checkedAt)} against the roadmap's stage-1 items`,
    fallbackText: `Privileged access posture: ${tally}.`,
  };
}
