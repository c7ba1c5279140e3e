import type { SignIn } from '../../workflows/graph-records';

/**
 * The Entra admin center's sign-in CSV download, column by column, into the
 * Graph `signIn` shape the rules read. Headers are matched loosely (case,
 * spacing and punctuation ignored) because the portal has shipped 'Application
 * ID ' with a trailing space and renamed columns over time.
 */

export const normaliseHeader = (h: string): string => h.toLowerCase().replace(/[^a-z0-9]/g, '');

type Field =
  | 'date'
  | 'requestId'
  | 'correlationId'
  | 'userId'
  | 'user'
  | 'username'
  | 'application'
  | 'applicationId'
  | 'resource'
  | 'ip'
  | 'location'
  | 'status'
  | 'errorCode'
  | 'failureReason'
  | 'additionalDetails'
  | 'clientApp'
  | 'deviceId'
  | 'browser'
  | 'os'
  | 'compliant'
  | 'managed'
  | 'joinType'
  | 'mfaResult'
  | 'mfaMethod'
  | 'mfaDetail'
  | 'authRequirement'
  | 'conditionalAccess'
  | 'riskLevelDuringSignIn'
  | 'riskLevelAggregated'
  | 'riskState'
  | 'riskDetail';

const HEADERS: Record<string, Field> = {
  dateutc: 'date',
  date: 'date',
  requestid: 'requestId',
  correlationid: 'correlationId',
  userid: 'userId',
  user: 'user',
  username: 'username',
  application: 'application',
  applicationid: 'applicationId',
  resource: 'resource',
  ipaddress: 'ip',
  location: 'location',
  status: 'status',
  signinerrorcode: 'errorCode',
  failurereason: 'failureReason',
  additionaldetails: 'additionalDetails',
  clientapp: 'clientApp',
  deviceid: 'deviceId',
  browser: 'browser',
  operatingsystem: 'os',
  compliant: 'compliant',
  managed: 'managed',
  jointype: 'joinType',
  multifactorauthenticationresult: 'mfaResult',
  multifactorauthenticationauthmethod: 'mfaMethod',
  multifactorauthenticationauthdetail: 'mfaDetail',
  authenticationrequirement: 'authRequirement',
  conditionalaccess: 'conditionalAccess',
  risklevelduringsignin: 'riskLevelDuringSignIn',
  riskleveldurinsignin: 'riskLevelDuringSignIn',
  risklevelaggregated: 'riskLevelAggregated',
  riskstate: 'riskState',
  riskdetail: 'riskDetail',
};

export type ColumnMap = Partial<Record<Field, number>>;

/** Where each field sits in this file; the first of duplicate columns wins. */
export function mapColumns(header: readonly string[]): ColumnMap {
  const map: ColumnMap = {};
  header.forEach((h, i) => {
    const f = HEADERS[normaliseHeader(h)];
    if (f && map[f] === undefined) map[f] = i;
  });
  return map;
}

/** A header row is ours when it names at least the time and the account. */
export function isSignInHeader(map: ColumnMap): boolean {
  return map.date !== undefined && (map.username !== undefined || map.userId !== undefined);
}

const RISK = new Set(['none', 'low', 'medium', 'high', 'hidden']);

/**
 * 'Date (UTC)' is ISO in current downloads; older ones (and Excel) write
 * 'M/D/YYYY h:mm:ss AM', and Log Analytics' CSV export writes
 * 'M/D/YYYY, h:mm:ss.fff AM' under 'TimeGenerated [UTC]'.
 */
export function portalDateToIso(text: string): string | undefined {
  const t = text.trim();
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?\s*([AaPp][Mm])?$/.exec(t);
  let ms: number;
  if (us) {
    const [, mo, d, y, h, mi, s, fraction, ampm] = us;
    let hour = Number(h);
    if (ampm) hour = (hour % 12) + (/p/i.test(ampm) ? 12 : 0);
    ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), hour, Number(mi), Number(s ?? 0), Math.floor(Number(`0.${fraction ?? '0'}`) * 1000));
  } else if (/^\d{4}-\d{2}-\d{2}/.test(t)) {
    // The column is UTC: a time without an offset is UTC, not local.
    const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(t) ? t : `${t.replace(' ', 'T')}Z`;
    ms = Date.parse(withZone);
  } else {
    return undefined;
  }
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** 'City, State, CC' (parts may be missing). The country is the last part. */
function parseLocation(text: string): SignIn['location'] {
  const parts = text.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) return null;
  const countryOrRegion = parts[parts.length - 1] ?? null;
  if (parts.length === 1) return { countryOrRegion };
  if (parts.length === 2) return { city: parts[0] ?? null, countryOrRegion };
  return { city: parts[0] ?? null, state: parts.slice(1, -1).join(', '), countryOrRegion };
}

const bool = (v: string | undefined): boolean | null => {
  if (!v) return null;
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === 'yes') return true;
  if (t === 'false' || t === 'no') return false;
  return null;
};

function caStatus(v: string | undefined): SignIn['conditionalAccessStatus'] {
  const t = normaliseHeader(v ?? '');
  if (t === 'success') return 'success';
  if (t === 'failure') return 'failure';
  if (t === 'notapplied') return 'notApplied';
  return null;
}

export type CsvResult = { ok: true; signIn: SignIn } | { ok: false; reason: string };

export function csvRowToSignIn(row: readonly string[], cols: ColumnMap, line: number): CsvResult {
  const get = (f: Field): string | undefined => {
    const i = cols[f];
    if (i === undefined) return undefined;
    const v = row[i];
    return v === undefined || v === '' ? undefined : v.trim();
  };
  const when = get('date');
  const createdDateTime = when ? portalDateToIso(when) : undefined;
  if (!createdDateTime) return { ok: false, reason: `line ${line}: unreadable 'Date (UTC)' ${JSON.stringify(when ?? '')}` };
  const upn = get('username');
  const userId = get('userId');
  if (!upn && !userId) return { ok: false, reason: `line ${line}: no 'Username' or 'User ID'` };

  const statusText = (get('status') ?? '').toLowerCase();
  const codeText = get('errorCode');
  const errorCode = codeText !== undefined && /^\d+$/.test(codeText) ? Number(codeText) : statusText === 'success' || statusText === '' ? 0 : -1;
  if (errorCode < 0) return { ok: false, reason: `line ${line}: status '${get('status')}' without a 'Sign-in error code'` };

  const mfaResult = get('mfaResult');
  const signIn: SignIn = {
    // Without a Request ID the line number keeps ids stable across runs of the same file.
    id: get('requestId') ?? `csv-line-${line}`,
    createdDateTime,
    userId: userId ?? '',
    userPrincipalName: upn ?? '',
    userDisplayName: get('user') ?? null,
    appId: get('applicationId') ?? null,
    appDisplayName: get('application') ?? null,
    resourceDisplayName: get('resource') ?? null,
    ipAddress: get('ip') ?? null,
    clientAppUsed: get('clientApp') ?? null,
    correlationId: get('correlationId') ?? null,
    conditionalAccessStatus: caStatus(get('conditionalAccess')),
    authenticationRequirement: get('authRequirement') ?? null,
    status: { errorCode, failureReason: get('failureReason') ?? null, additionalDetails: get('additionalDetails') ?? null },
    location: get('location') ? parseLocation(get('location') as string) : null,
    deviceDetail: {
      deviceId: get('deviceId') ?? null,
      browser: get('browser') ?? null,
      operatingSystem: get('os') ?? null,
      isCompliant: bool(get('compliant')),
      isManaged: bool(get('managed')),
      trustType: get('joinType') ?? null,
    },
  };
  const level = get('riskLevelDuringSignIn')?.toLowerCase();
  if (level && RISK.has(level)) signIn.riskLevelDuringSignIn = level as SignIn['riskLevelDuringSignIn'];
  const aggregated = get('riskLevelAggregated')?.toLowerCase();
  if (aggregated && RISK.has(aggregated)) signIn.riskLevelAggregated = aggregated as SignIn['riskLevelAggregated'];
  const state = get('riskState');
  // The portal writes 'At risk'; Graph writes 'atRisk'.
  if (state) signIn.riskState = state.replace(/\s+(\w)/g, (_, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toLowerCase());
  const riskDetail = get('riskDetail');
  if (riskDetail) signIn.riskDetail = riskDetail;
  if (mfaResult) {
    signIn.authenticationDetails = [{ authenticationMethod: get('mfaMethod') ?? null, succeeded: /success|completed|satisfied/i.test(mfaResult) && !/denied|fail/i.test(mfaResult), authenticationStepResultDetail: mfaResult }];
  }
  return { ok: true, signIn };
}
