import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../bot/core/logger';
import { errorSummary } from './error-summary';

/**
 * Bolt and the Web API client log through our pino logger, so their lines get
 * the same redaction and JSON shape. Bolt tries to set its own level; the
 * bot's LOG_LEVEL wins, so setLevel is ignored.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'slack' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...parts: unknown[]): void => {
      // The Web API client logs whole request bodies at debug: message text people typed stays out of our log.
      if (level === 'debug' && typeof parts[0] === 'string' && parts[0].startsWith('http request body')) return;
      const err = parts.find((p): p is Error => p instanceof Error);
      const text = parts
        .filter((p) => !(p instanceof Error))
        .map((p) => (typeof p === 'string' ? p : safeJson(p)))
        .join(' ');
      if (err) child[level]({ error: errorSummary(err) }, text || err.message);
      else child[level](text);
    };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => {
      const level = child.level;
      if (level === 'debug' || level === 'trace') return LogLevel.DEBUG;
      if (level === 'warn') return LogLevel.WARN;
      if (level === 'error' || level === 'fatal' || level === 'silent') return LogLevel.ERROR;
      return LogLevel.INFO;
    },
    setName: () => {},
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
