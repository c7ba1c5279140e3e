import { randomUUID } from 'node:crypto';

/** What a simulator route answers; the server writes it (or drops it, when a fault says so). */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, body, headers };
}

/** Graph's error envelope: { error: { code, message, innerError: { date, request-id, client-request-id } } }. */
export function graphError(status: number, code: string, message: string, headers: Record<string, string> = {}): Reply {
  const requestId = randomUUID();
  return {
    status,
    headers: { 'request-id': requestId, 'client-request-id': requestId, ...headers },
    body: { error: { code, message, innerError: { date: new Date().toISOString().replace(/\.\d{3}Z$/, ''), 'request-id': requestId, 'client-request-id': requestId } } },
  };
}

/** The identity platform's OAuth error shape (AADSTS codes). */
export function oauthError(status: number, error: string, code: number, description: string): Reply {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z')}`,
      error_codes: [code],
      timestamp: new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z'),
      trace_id: traceId,
      correlation_id: correlationId,
    },
  };
}
