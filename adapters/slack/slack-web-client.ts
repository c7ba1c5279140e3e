import { webApi } from '@slack/bolt';
import type { Logger } from '../../bot/core/logger';
import { boltLogger } from './bolt-logger';

export const SLACK_API_URL = 'https://slack.com/api/';

/** The Web API client wants the base with a trailing slash; SLACK_API_URL may come without one. */
export function slackApiBase(apiUrl: string | undefined): string {
  const base = apiUrl && apiUrl.trim() !== '' ? apiUrl.trim() : SLACK_API_URL;
  return base.endsWith('/') ? base : `${base}/`;
}

/**
 * Options for Bolt's own client (replies to commands, startup checks): a few
 * quick retries, then give up; the user can click again.
 */
export function boltClientOptions(apiUrl: string | undefined, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: slackApiBase(apiUrl),
    logger: boltLogger(logger),
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2000 },
    timeout: 10_000,
    // The original axios error holds the request config, Authorization header included.
    attachOriginalToWebAPIRequestError: false,
  };
}

/**
 * The client behind SlackChatPort does no retrying of its own: every 429 and
 * 5xx comes straight back, and the port's per-channel queue decides when to
 * try again, so ordering and pacing stay in one place.
 */
export function createPortWebClient(botToken: string, apiUrl: string | undefined, logger: Logger): webApi.WebClient {
  return new webApi.WebClient(botToken, {
    slackApiUrl: slackApiBase(apiUrl),
    logger: boltLogger(logger),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    attachOriginalToWebAPIRequestError: false,
  });
}
