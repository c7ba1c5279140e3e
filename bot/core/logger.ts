import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Field paths pino blanks out. Secret-looking values inside free text are
 * handled by redactSecrets() before anything is logged or stored.
 */
const REDACT_PATHS = [
  '*.password', '*.secret', '*.clientSecret', '*.token', '*.accessToken', '*.access_token',
  '*.authorization', '*.Authorization', 'headers.authorization', 'req.headers.authorization',
  '*.SLACK_BOT_TOKEN', '*.SLACK_SIGNING_SECRET', '*.SLACK_APP_TOKEN', '*.MICROSOFT_APP_PASSWORD', '*.AZURE_CLIENT_SECRET',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    { level: options.level ?? process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'breakglass' } },
    options.destination,
  );
}

/** A logger for tests and libraries that should stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });
