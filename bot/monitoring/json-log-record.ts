import type { DirectoryAudit, SignIn } from '../../workflows/graph-records';
import { isDiagnosticRecord, unwrapDiagnosticRecord } from './azure-monitor-record';
import type { Unwrapped } from './export-record';
import { isLogAnalyticsRow, logAnalyticsRowToGraph, rowColumns } from './log-analytics-sign-in';

/**
 * One parsed JSON value from an export, told apart as a sign-in or a
 * directory audit by its fields. Checks are few and cheap: this runs a
 * million times in the detection benchmark.
 */
export type LogRecord =
  | { kind: 'signIn'; record: SignIn }
  | { kind: 'audit'; record: DirectoryAudit }
  /** Read, but of a kind the rules do not look at (a service principal's sign-in ...). */
  | { kind: 'ignore'; reason: string }
  | { kind: 'skip'; reason: string };

type Loose = Record<string, unknown>;

export function toLogRecord(value: unknown): LogRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { kind: 'skip', reason: 'not a JSON object' };
  const o = value as Loose;
  if (typeof o.id !== 'string') {
    // Graph records have a lower-case id; Azure Monitor and Log Analytics wrap or rename it.
    if (isDiagnosticRecord(o)) return fromUnwrapped(unwrapDiagnosticRecord(o));
    if (isLogAnalyticsRow(o)) return fromUnwrapped(logAnalyticsRowToGraph(rowColumns(o)));
    return { kind: 'skip', reason: 'no id' };
  }
  return graphRecord(o as Loose & { id: string });
}

/** A record an export wrapped, checked like any Graph record. */
export function fromUnwrapped(u: Unwrapped): LogRecord {
  if (u.kind !== 'record') return u;
  if (typeof u.value.id !== 'string') return { kind: 'skip', reason: 'no id' };
  return graphRecord(u.value as Loose & { id: string });
}

function graphRecord(o: Loose & { id: string }): LogRecord {
  if (typeof o.createdDateTime === 'string') {
    if (typeof o.userPrincipalName !== 'string' && typeof o.userId !== 'string') return { kind: 'skip', reason: `sign-in ${o.id} has no user` };
    const status = o.status as Loose | undefined | null;
    if (typeof status !== 'object' || status === null) return { kind: 'skip', reason: `sign-in ${o.id} has no status` };
    if (typeof status.errorCode !== 'number') {
      const n = Number(status.errorCode);
      if (!Number.isInteger(n)) return { kind: 'skip', reason: `sign-in ${o.id} has no status.errorCode` };
      status.errorCode = n;
    }
    if (typeof o.userPrincipalName !== 'string') o.userPrincipalName = '';
    if (typeof o.userId !== 'string') o.userId = '';
    return { kind: 'signIn', record: o as unknown as SignIn };
  }
  if (typeof o.activityDisplayName === 'string' && typeof o.activityDateTime === 'string') {
    if (!Array.isArray(o.targetResources)) o.targetResources = [];
    if (typeof o.initiatedBy !== 'object' || o.initiatedBy === null) o.initiatedBy = {};
    return { kind: 'audit', record: o as unknown as DirectoryAudit };
  }
  return { kind: 'skip', reason: `record ${o.id} is neither a sign-in nor a directory audit` };
}
