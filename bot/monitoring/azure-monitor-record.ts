import { SIGN_IN_CATEGORIES, type Unwrapped } from './export-record';
import { portalDateToIso } from './portal-csv-sign-in';

/**
 * Entra ID diagnostic-settings records, as Azure Monitor delivers them to an
 * Event Hub or a storage account: `time`, `category`, `resultType`,
 * `resultDescription`, `callerIpAddress` ... at the top, the Graph `signIn` (or
 * `directoryAudit`) under `properties`. See Microsoft's "sign-in logs schema in
 * Azure Monitor". The Graph record is taken as it is, with the top-level fields
 * filling what it leaves out.
 */

type Loose = Record<string, unknown>;

export function isDiagnosticRecord(o: Loose): boolean {
  return typeof o.category === 'string' && typeof o.properties === 'object' && o.properties !== null && !Array.isArray(o.properties);
}

export function unwrapDiagnosticRecord(o: Loose): Unwrapped {
  const category = o.category as string;
  const props = o.properties as Loose;
  const kind = category.toLowerCase();
  if (kind === 'auditlogs') {
    const at = typeof props.activityDateTime === 'string' ? portalDateToIso(props.activityDateTime) : undefined;
    return { kind: 'record', value: at ? { ...props, activityDateTime: at } : props };
  }
  if (!SIGN_IN_CATEGORIES.has(kind)) return { kind: 'ignore', reason: `category ${category}` };

  const when = typeof props.createdDateTime === 'string' ? props.createdDateTime : typeof o.time === 'string' ? o.time : undefined;
  const createdDateTime = when ? portalDateToIso(when) : undefined;
  const id = typeof props.id === 'string' ? props.id : '(no id)';
  if (!createdDateTime) return { kind: 'skip', reason: `${category} record ${id} has no readable createdDateTime or time` };
  const status = typeof props.status === 'object' && props.status !== null ? (props.status as Loose) : {};
  // resultType is the error code as text ("0", "50126"); the Graph status may leave it out.
  const errorCode = status.errorCode ?? (typeof o.resultType === 'string' && /^\d+$/.test(o.resultType) ? Number(o.resultType) : undefined);
  return {
    kind: 'record',
    value: {
      ...props,
      createdDateTime,
      ipAddress: props.ipAddress ?? o.callerIpAddress ?? null,
      correlationId: props.correlationId ?? o.correlationId ?? null,
      status: { ...status, errorCode, failureReason: status.failureReason ?? o.resultDescription ?? null },
    },
  };
}
