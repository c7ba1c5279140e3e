import { isBreakglassError } from '../../bot/core/errors';

/**
 * What may be logged about an error from Slack's SDKs. Their error objects
 * carry request configs (Authorization headers, response_url capabilities)
 * and sockets; logging them whole would leak the bot token and flood the log.
 */
export function errorSummary(e: unknown, depth = 0): Record<string, unknown> {
  if (isBreakglassError(e)) {
    return { code: e.code, correlationId: e.correlationId, detail: e.detail, ...(e.cause !== undefined && depth < 2 ? { cause: errorSummary(e.cause, depth + 1) } : {}) };
  }
  if (e instanceof Error) {
    const x = e as Error & { code?: unknown; statusCode?: unknown; response?: { status?: unknown }; data?: { error?: unknown } };
    const status = typeof x.statusCode === 'number' ? x.statusCode : typeof x.response?.status === 'number' ? x.response.status : undefined;
    return {
      name: e.name,
      message: e.message.slice(0, 300),
      ...(typeof x.code === 'string' ? { code: x.code } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(typeof x.data?.error === 'string' ? { slackError: x.data.error } : {}),
    };
  }
  return { thrown: typeof e };
}
