import { ErrorCode, type ExpressReceiverOptions } from '@slack/bolt';
import type { Logger } from '../../bot/core/logger';
import { errorSummary } from './error-summary';

type ProcessEventErrorHandler = NonNullable<ExpressReceiverOptions['processEventErrorHandler']>;

/**
 * Bolt answers 500 when it cannot read a verified payload (a click without
 * `actions`, `user: null`): Slack would retry the same broken request. Our
 * listeners ack first and catch their own failures, so an error that reaches
 * Bolt before any ack is the payload's fault: answer 400 and log it as such.
 */
export function malformedPayloadHandler(logger: Logger): ProcessEventErrorHandler {
  return async ({ error, response }) => {
    if (response.headersSent) {
      logger.error({ error: errorSummary(error) }, 'Slack event failed after it was acknowledged');
      return false;
    }
    const authorization = (error as { code?: unknown }).code === ErrorCode.AuthorizationError;
    logger.warn({ error: errorSummary(error) }, authorization ? 'Slack request not authorized; answered 401' : 'Slack payload could not be read; answered 400');
    response.writeHead(authorization ? 401 : 400);
    response.end();
    return false;
  };
}
