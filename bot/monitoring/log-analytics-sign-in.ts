import type { SignIn } from '../../workflows/graph-records';
import { dynamicValue, SIGN_IN_CATEGORIES, type Unwrapped } from './export-record';
import { normaliseHeader, portalDateToIso } from './portal-csv-sign-in';

/**
 * A row of Log Analytics' `SigninLogs` (or `AADNonInteractiveUserSignInLogs`)
 * table, exported as CSV from the portal or as JSON (az monitor log-analytics
 * query, Sentinel): PascalCase columns (`TimeGenerated`, `UserPrincipalName`,
 * `ResultType`, `IPAddress` ...), nested values (`Status`, `LocationDetails`,
 * `DeviceDetail`, `AuthenticationDetails`) as dynamic columns, which CSV holds
 * as JSON text. Mapped back to the Graph `signIn` the table was made from.
 */

/** 'TimeGenerated [UTC]' (the portal's CSV header) and 'TimeGenerated' name the same column. */
export const normaliseColumn = (name: string): string => normaliseHeader(name.replace(/\s*\[utc\]\s*$/i, ''));

/** The columns that tell this table from the Entra portal's download (which says 'Date (UTC)', 'Username'). */
export function isLogAnalyticsHeader(columns: readonly string[]): boolean {
  const names = new Set(columns.map(normaliseColumn));
  return names.has('timegenerated') || (names.has('userprincipalname') && names.has('resulttype'));
}

/** A JSON object that is a row of the table rather than a Graph record (which has a lower-case `id`). */
export function isLogAnalyticsRow(o: Record<string, unknown>): boolean {
  return 'TimeGenerated' in o || ('UserPrincipalName' in o && 'ResultType' in o);
}

/** Columns of a JSON row, by normalised name. */
export function rowColumns(o: Record<string, unknown>): (column: string) => unknown {
  const byName = new Map<string, unknown>();
  for (const [k, v] of Object.entries(o)) byName.set(normaliseColumn(k), v);
  return (column) => byName.get(column);
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => {
  const d = dynamicValue(v);
  return typeof d === 'object' && d !== null && !Array.isArray(d) ? (d as Record<string, unknown>) : undefined;
};
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : null);
/** Graph's camelCase values (riskState 'atRisk', risk level 'none'): the table keeps them, but tools may not. */
const lowerFirst = (v: string | undefined): string | undefined => (v ? v.charAt(0).toLowerCase() + v.slice(1) : undefined);

/** `get` reads a column by its normalised name ('timegenerated', 'userprincipalname' ...). */
export function logAnalyticsRowToGraph(get: (column: string) => unknown): Unwrapped {
  const category = text(get('category'));
  if (category && !SIGN_IN_CATEGORIES.has(category.toLowerCase())) return { kind: 'ignore', reason: `category ${category}` };
  const id = text(get('id')) ?? text(get('originalrequestid'));
  if (!id) return { kind: 'skip', reason: "a SigninLogs row without 'Id'" };
  const when = text(get('createddatetime')) ?? text(get('timegenerated'));
  const createdDateTime = when ? portalDateToIso(when) : undefined;
  if (!createdDateTime) return { kind: 'skip', reason: `sign-in ${id} has an unreadable 'TimeGenerated' ${JSON.stringify(when ?? '')}` };

  const status = obj(get('status')) ?? {};
  const resultType = text(get('resulttype'));
  const errorCode = status.errorCode ?? (resultType !== undefined && /^\d+$/.test(resultType) ? Number(resultType) : undefined);
  const location = obj(get('locationdetails'));
  const country = text(get('location'));
  const details = dynamicValue(get('authenticationdetails'));
  const riskTypes = dynamicValue(get('riskeventtypesv2'));

  const signIn: Partial<SignIn> & Record<string, unknown> = {
    id,
    createdDateTime,
    userPrincipalName: text(get('userprincipalname')) ?? '',
    userId: text(get('userid')) ?? '',
    userDisplayName: text(get('userdisplayname')) ?? null,
    appId: text(get('appid')) ?? null,
    appDisplayName: text(get('appdisplayname')) ?? null,
    resourceDisplayName: text(get('resourcedisplayname')) ?? null,
    ipAddress: text(get('ipaddress')) ?? null,
    clientAppUsed: text(get('clientappused')) ?? null,
    correlationId: text(get('correlationid')) ?? null,
    conditionalAccessStatus: (lowerFirst(text(get('conditionalaccessstatus'))) as SignIn['conditionalAccessStatus']) ?? null,
    isInteractive: bool(get('isinteractive')),
    authenticationRequirement: text(get('authenticationrequirement')) ?? null,
    riskDetail: text(get('riskdetail')) ?? null,
    riskLevelAggregated: (lowerFirst(text(get('risklevelaggregated'))) as SignIn['riskLevelAggregated']) ?? null,
    riskLevelDuringSignIn: (lowerFirst(text(get('risklevelduringsignin'))) as SignIn['riskLevelDuringSignIn']) ?? null,
    riskState: lowerFirst(text(get('riskstate'))) ?? null,
    status: { ...status, errorCode: errorCode as number, failureReason: (status.failureReason as string | undefined) ?? text(get('resultdescription')) ?? null },
    location: location ?? (country ? { countryOrRegion: country } : null),
    deviceDetail: (obj(get('devicedetail')) as SignIn['deviceDetail']) ?? null,
  };
  if (Array.isArray(riskTypes)) signIn.riskEventTypes_v2 = riskTypes as string[];
  if (Array.isArray(details)) signIn.authenticationDetails = details as SignIn['authenticationDetails'];
  return { kind: 'record', value: signIn };
}
