import { webApi } from '@slack/bolt';
import { BreakglassError } from '../../bot/core/errors';

/** What went wrong with one Web API call, in the terms the retry loop needs. */
export type SlackFailure =
  | { kind: 'rate-limited'; retryAfterMs: number }
  | { kind: 'transient'; detail: string }
  | { kind: 'refused'; error: string };

const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'not_allowed_token_type', 'ekm_access_denied']);
const PLACE_ERRORS = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'user_not_in_channel', 'cannot_dm_bot', 'user_not_found', 'restricted_action']);
/** Slack's own "try again" answers inside an HTTP 200. */
const TRANSIENT_ERRORS = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

interface CodedLike {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
}

/** Slack refused because of where the message was going (a user not in the channel, an archived channel): not our fault, nothing to retry. */
export function isPlaceError(e: unknown): boolean {
  const failure = classifySlackError(e);
  return failure.kind === 'refused' && PLACE_ERRORS.has(failure.error);
}

export function classifySlackError(e: unknown): SlackFailure {
  const err = (typeof e === 'object' && e !== null ? e : {}) as CodedLike;
  switch (err.code) {
    case webApi.ErrorCode.RateLimitedError:
      return { kind: 'rate-limited', retryAfterMs: Math.max(1, Number(err.retryAfter) || 1) * 1000 };
    case webApi.ErrorCode.HTTPError: {
      const status = Number(err.statusCode);
      return status >= 500 || status === 408 ? { kind: 'transient', detail: `HTTP ${status}` } : { kind: 'refused', error: `http_${status}` };
    }
    case webApi.ErrorCode.RequestError:
      return { kind: 'transient', detail: 'network error' };
    case webApi.ErrorCode.PlatformError: {
      const error = typeof err.data?.error === 'string' ? err.data.error : 'unknown_error';
      return TRANSIENT_ERRORS.has(error) ? { kind: 'transient', detail: error } : { kind: 'refused', error };
    }
    default:
      return { kind: 'refused', error: 'unknown_error' };
  }
}

/** A refusal as the coded error users see; `error` (Slack's code) goes to the log via detail. */
export function slackRefusal(error: string, method: string, cause?: unknown): BreakglassError {
  const detail = { slackError: error, method };
  if (AUTH_ERRORS.has(error)) {
    return new BreakglassError('platform.unauthorized', 'Slack refused the bot’s token or scopes; an admin needs to check the Slack app installation.', { detail, cause });
  }
  if (PLACE_ERRORS.has(error)) {
    return new BreakglassError('platform.unauthorized', 'I can’t post there: invite the bot to the channel (or check the user still exists) and try again.', { detail, cause });
  }
  return new BreakglassError('internal', 'Slack refused the message; nothing was posted.', { detail, cause });
}

export function slackUnavailable(method: string, detail: string, cause?: unknown): BreakglassError {
  return new BreakglassError('platform.unavailable', 'Slack is not answering right now; I will keep the message and try again.', { detail: { method, why: detail }, cause });
}
