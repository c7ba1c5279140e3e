/**
 * JSON with object keys sorted (by UTF-16 code units, as RFC 8785 does) at
 * every depth and no whitespace, so the same value always hashes the same
 * however it was built or stored, and an outside tool can recompute it.
 * Otherwise it follows JSON.stringify: undefined members are dropped, toJSON
 * is honoured, non-finite numbers become null.
 */
export function canonicalJson(value: unknown): string {
  return write(value) ?? 'null';
}

function write(input: unknown): string | undefined {
  const value = hasToJson(input) ? input.toJSON() : input;
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return Array.isArray(value) ? writeArray(value) : writeObject(value as Record<string, unknown>);
    case 'bigint':
      throw new TypeError('canonicalJson cannot represent a bigint');
    default:
      return undefined; // undefined, functions and symbols have no JSON form
  }
}

function writeArray(items: unknown[]): string {
  return `[${items.map((item) => write(item) ?? 'null').join(',')}]`;
}

function writeObject(obj: Record<string, unknown>): string {
  // Object key iteration puts integer-like keys first; sort explicitly instead.
  const members: string[] = [];
  for (const key of Object.keys(obj).sort()) {
    const text = write(obj[key]);
    if (text !== undefined) members.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${members.join(',')}}`;
}

function hasToJson(v: unknown): v is { toJSON(): unknown } {
  return typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON === 'function';
}
