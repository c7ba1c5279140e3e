import { userInfo } from 'node:os';
import { BreakglassError } from '../../bot/core/errors';

/** The pieces of DATABASE_URL that are safe to show: never the password. */
export interface PgTarget {
  url: string;
  /** host:port (or the socket directory) for messages. */
  where: string;
  database: string;
}

export interface PgUrlOptions {
  /** Schema to use (search_path), e.g. one per test file. */
  schema?: string;
  /** Every transaction read-only: for tools that only read. */
  readOnly?: boolean;
}

/**
 * Completes DATABASE_URL the way libpq would (user defaults to PGUSER or the OS
 * user) and adds session settings as `options`.
 */
export function resolvePgTarget(databaseUrl: string, options: PgUrlOptions = {}): PgTarget {
  let u: URL;
  try {
    u = new URL(databaseUrl);
  } catch {
    throw new BreakglassError('config.invalid', 'DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database.');
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') {
    throw new BreakglassError('config.invalid', `DATABASE_URL must start with postgres://, not ${u.protocol}//.`);
  }
  if (!u.username) u.username = encodeURIComponent(process.env.PGUSER || osUser());
  if (options.schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.schema)) {
    throw new BreakglassError('config.invalid', `The schema name ${JSON.stringify(options.schema)} may only hold letters, digits and underscores.`);
  }
  const settings = [
    u.searchParams.get('options'),
    options.schema ? `-c search_path=${options.schema}` : null,
    options.readOnly ? '-c default_transaction_read_only=on' : null,
  ].filter((s): s is string => Boolean(s));
  if (settings.length > 0) u.searchParams.set('options', settings.join(' '));

  const socketDir = u.searchParams.get('host');
  const where = u.hostname ? `${u.hostname}:${u.port || '5432'}` : `${socketDir ?? 'localhost'}:${u.port || '5432'}`;
  return { url: u.toString(), where, database: decodeURIComponent(u.pathname.replace(/^\//, '')) || 'postgres' };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'postgres';
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', '57P01', '57P02', '57P03', '28P01', '28000', '3D000']);

/** True when `e` means the database cannot be reached or used at all (not a bad query). */
export function isPgConnectionError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  const message = e instanceof Error ? e.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(message);
}

export function pgUnavailable(target: PgTarget, cause: unknown): BreakglassError {
  return new BreakglassError(
    'storage.unavailable',
    `Cannot use the PostgreSQL database ${target.database} at ${target.where}: ${reason(cause)}; check DATABASE_URL and that PostgreSQL is running.`,
    { cause, detail: { where: target.where, database: target.database, code: (cause as { code?: unknown } | null)?.code } },
  );
}

function reason(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'the server refused the connection';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'the server did not answer';
    case '28P01':
    case '28000':
      return 'the server rejected the user name or password';
    case '3D000':
      return 'the database does not exist';
    default:
      return e instanceof Error && /timeout/i.test(e.message) ? 'the server did not answer in time' : 'the connection failed or was lost';
  }
}
