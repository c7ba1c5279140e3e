/**
 * What an export wrapper (an Azure Monitor diagnostic record, a Log Analytics
 * row) yields: a record in Graph's shape for the usual checks, one the rules
 * have no use for (another log category), or one that cannot be read.
 */
export type Unwrapped = { kind: 'record'; value: Record<string, unknown> } | { kind: 'ignore'; reason: string } | { kind: 'skip'; reason: string };

/** A dynamic column or nested value: an object as is, JSON text parsed, anything else absent. */
export function dynamicValue(v: unknown): unknown {
  if (typeof v === 'object' && v !== null) return v;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** Categories of Entra diagnostic logs whose records are user sign-ins, as Graph's signIn resource. */
export const SIGN_IN_CATEGORIES: ReadonlySet<string> = new Set(['signinlogs', 'noninteractiveusersigninlogs']);
