import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import type { Logger } from '../../bot/core/logger';
import type { Clock } from '../../bot/ports/clock';
import { errorSummary } from './error-summary';

/** Slack's own window: a request older (or newer) than five minutes is a replay. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const SIGNATURE = /^v0=[0-9a-f]{64}$/;
const TIMESTAMP = /^\d{1,12}$/;

/**
 * Runs in front of Bolt's receiver on the Slack endpoint. It never replaces
 * Bolt's HMAC check (which always runs after it); it adds what Bolt leaves
 * out: a body size cap (Bolt reads bodies without a limit), the `v0=` version
 * (Bolt signs whatever version the header claims), timestamps from the
 * future, and a 503 until the app has passed its startup token check so
 * Slack retries instead of losing events.
 */
export function slackRequestGuard(options: { maxBodyBytes: number; clock: Clock; isReady: () => boolean; logger: Logger }): RequestHandler[] {
  const readBody = express.raw({ type: () => true, limit: options.maxBodyBytes });
  const check: RequestHandler = (req, res, next) => {
    if (!options.isReady()) {
      res.status(503).set('Retry-After', '1').end();
      return;
    }
    if (!Buffer.isBuffer(req.body)) {
      // A JSON/urlencoded parser mounted before this router ate the raw body the signature covers.
      if (req.body !== undefined) options.logger.error('Slack request body was parsed before the Slack router; mount the Slack router before any body parser.');
      req.body = Buffer.alloc(0);
    }
    const signature = req.headers['x-slack-signature'];
    const timestamp = req.headers['x-slack-request-timestamp'];
    const nowSeconds = Math.floor(options.clock.now() / 1000);
    if (typeof signature !== 'string' || !SIGNATURE.test(signature) || typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) {
      reject(res, options.logger, 'missing or malformed signature headers');
      return;
    }
    if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) {
      reject(res, options.logger, 'timestamp outside the five-minute window');
      return;
    }
    // Bolt's ExpressReceiver verifies and parses `rawBody` when present.
    (req as typeof req & { rawBody?: Buffer }).rawBody = req.body as Buffer;
    next();
  };
  return [readBody, check];
}

function reject(res: express.Response, logger: Logger, why: string): void {
  logger.warn({ why }, 'Slack request refused');
  res.status(401).end();
}

/** Body errors (too large, bad encoding, aborted) answer 4xx; they are the sender's fault, not ours. */
export const slackBodyErrorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (err: { status?: unknown; statusCode?: unknown; type?: unknown }, _req, res, next) => {
    const status = typeof err.status === 'number' ? err.status : typeof err.statusCode === 'number' ? err.statusCode : undefined;
    if (res.headersSent) {
      next(err);
      return;
    }
    if (status !== undefined && status >= 400 && status < 500) {
      logger.warn({ status, type: typeof err.type === 'string' ? err.type : undefined }, 'Slack request body refused');
      res.status(status).end();
      return;
    }
    logger.error({ error: errorSummary(err) }, 'Slack request failed');
    res.status(500).end();
  };
