import pino, { type Logger } from 'pino';
import { prettyDestination } from './pretty-log';
import { redactSecrets } from './secret-detector';

export type { Logger };

/**
 * Field paths pino blanks out. Secret-looking values inside free text are
 * handled by redactSecrets() before anything is logged or stored.
 */
const REDACT_PATHS = [
  '*.password', '*.secret', '*.clientSecret', '*.token', '*.accessToken', '*.access_token',
  '*.authorization', '*.Authorization', 'headers.authorization', 'req.headers.authorization',
  '*.SLACK_BOT_TOKEN', '*.SLACK_SIGNING_SECRET', '*.SLACK_APP_TOKEN', '*.MICROSOFT_APP_PASSWORD', '*.AZURE_CLIENT_SECRET',
  // The same names at the top level of a log call: `*.x` only matches one level down.
  'password', 'secret', 'clientSecret', 'token', 'accessToken', 'access_token', 'authorization',
];

/** Fields that may carry what a person typed; their strings go through redactSecrets(). */
const USER_TEXT_KEYS = new Set(['text', 'message', 'reason', 'justification', 'summary', 'note', 'input', 'inputs', 'body', 'detail']);

function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, depth + 1)]));
}

/**
 * Last line of defence: a pasted secret that slipped into a log call as the
 * message or a user-text field is cut here, whatever the caller forgot.
 */
const formatters = {
  log(object: Record<string, unknown>): Record<string, unknown> {
    let out = object;
    for (const key of Object.keys(object)) {
      if (USER_TEXT_KEYS.has(key)) out = { ...out, [key]: redactDeep(object[key]) };
    }
    return out;
  },
};

const hooks = {
  logMethod(this: Logger, args: Parameters<pino.LogFn>, method: pino.LogFn): void {
    const redacted = args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)) as Parameters<pino.LogFn>;
    method.apply(this, redacted);
  },
};

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    { level: options.level ?? process.env.LOG_LEVEL ?? 'info', redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'breakglass' }, formatters, hooks },
    options.destination ?? defaultDestination(),
  );
}

/** JSON for machines (pipes, files, log collectors); readable lines on a terminal unless LOG_FORMAT=json. */
export function defaultDestination(stdout: NodeJS.WriteStream = process.stdout, env: NodeJS.ProcessEnv = process.env): pino.DestinationStream | undefined {
  const format = env.LOG_FORMAT?.toLowerCase();
  if (format === 'json' || (format !== 'pretty' && !stdout.isTTY)) return undefined;
  return prettyDestination(stdout, !!stdout.isTTY && !env.NO_COLOR);
}

/** A logger for tests and libraries that should stay quiet. */
export const silentLogger: Logger = pino({ level: 'silent' });
