/** An OData string literal: quotes doubled, so a name like O'Brien cannot break the filter. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A DateTimeOffset literal (unquoted, UTC). */
export function dateTime(value: string | number): string {
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`not a date: ${String(value)}`);
  return new Date(ms).toISOString();
}

/** `a and b and c`, skipping empty parts; parenthesised parts stay intact. */
export function and(...parts: Array<string | undefined>): string {
  return parts.filter((p): p is string => p !== undefined && p !== '').join(' and ');
}

/** `(field eq 'a' or field eq 'b')`, the form Graph's log APIs accept (they do not all support `in`). */
export function anyOf(field: string, values: readonly string[]): string | undefined {
  if (values.length === 0) return undefined;
  return `(${values.map((v) => `${field} eq ${quote(v)}`).join(' or ')})`;
}

/**
 * The Graph SDK puts query values into the URL as they are; encoding them here
 * keeps characters such as & # + in a filter from cutting the query string.
 */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value);
}
