import type { Activity } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import type { TeamsAdapter } from './teams-bot-adapter';

/** A request we refuse before botbuilder sees it. */
class RequestRejected extends Error {
  constructor(
    readonly status: 401 | 403,
    reason: string,
  ) {
    super(reason);
    this.name = 'RequestRejected';
  }
}

/**
 * Verify the Bot Framework JWT (signature against the OpenID metadata keys,
 * issuer, audience = app id, expiry, serviceUrl claim = activity.serviceUrl)
 * through botbuilder. Two checks come first: only tokens from the Bot
 * Framework channel issuer are considered (botbuilder would also try emulator
 * and skill tokens, which a Teams bot never receives), and with auth on only
 * the msteams channel is accepted, because other channels (Web Chat, Direct
 * Line) let the client choose its own user id.
 */
export async function authenticateActivity(adapter: TeamsAdapter, activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
  if (!adapter.authDisabled) {
    const token = /^Bearer (\S+)$/.exec(authHeader)?.[1];
    if (!token) throw new RequestRejected(401, 'missing bearer token');
    if (unverifiedIssuer(token) !== adapter.tokenIssuer) throw new RequestRejected(401, 'token issuer not accepted');
    if (activity.channelId !== 'msteams') throw new RequestRejected(403, 'only the msteams channel is accepted');
  }
  return adapter.auth.authenticateRequest(activity, authHeader);
}

/** Read `iss` without verifying anything; verification follows in botbuilder. */
function unverifiedIssuer(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const iss = claims && typeof claims === 'object' ? (claims as { iss?: unknown }).iss : undefined;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

const JWT_ERRORS = new Set(['JsonWebTokenError', 'TokenExpiredError', 'NotBeforeError']);

/**
 * The HTTP status for a failed authentication. Bad tokens of every kind are
 * 401/403, never 500; only our own failure to fetch the signing keys is a
 * (retryable) 503.
 */
export function authFailureStatus(error: unknown): { status: 401 | 403 | 503; reason: string } {
  if (error instanceof RequestRejected) return { status: error.status, reason: error.message };
  const e = error as { name?: unknown; message?: unknown; statusCode?: unknown };
  const reason = typeof e?.message === 'string' ? e.message : 'authentication failed';
  if (e?.name === 'FetchError') return { status: 503, reason };
  if (typeof e?.statusCode === 'number') {
    if (e.statusCode === 403) return { status: 403, reason };
    if (e.statusCode >= 500) return { status: 503, reason };
    return { status: 401, reason };
  }
  if (typeof e?.name === 'string' && JWT_ERRORS.has(e.name)) return { status: 401, reason };
  // Unknown failures while checking a token fail closed.
  return { status: 401, reason };
}
