/** Larger payloads (e.g. a page of sign-in records) are summarised, not copied into the audit chain. */
const MAX_AUDIT_PAYLOAD_CHARS = 4_000;

/** An event or input as it goes into an audit entry. */
export function auditPayload(value: unknown): unknown {
  const json = JSON.stringify(value ?? null);
  if (json.length <= MAX_AUDIT_PAYLOAD_CHARS) return JSON.parse(json) as unknown;
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return { ...(typeof type === 'string' ? { type } : {}), truncated: true, chars: json.length };
}
