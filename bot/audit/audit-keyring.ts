import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { BreakglassError } from '../core/errors';
import type { AuditKey } from './audit-hash';

/** The key new entries are chained with, and every key (current and retired) verify accepts, by id. */
export interface AuditKeyring {
  current?: AuditKey;
  keys: ReadonlyMap<string, AuditKey>;
  /** Where the current key came from, for the start-up log (never the key itself). */
  source: 'env' | 'file' | 'dev-file' | 'none';
}

const KEY_ID = /^[A-Za-z0-9._-]{1,32}$/;
/** 128 bits at least; the generated dev key and the README's recipe give 256. */
const MIN_SECRET_LENGTH = 32;
export const DEV_KEY_ID = 'dev';
export const DEV_KEY_FILE = 'audit.key';

function parseSecret(text: string, name: string): Buffer {
  const secret = text.trim();
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new BreakglassError('config.invalid', `${name} is too short: use at least ${MIN_SECRET_LENGTH} characters (e.g. openssl rand -hex 32).`);
  }
  return Buffer.from(secret, 'utf8');
}

function keyId(text: string, name: string): string {
  if (!KEY_ID.test(text)) throw new BreakglassError('config.invalid', `${name} must be 1 to 32 letters, digits, dots, dashes or underscores.`);
  return text;
}

/**
 * Reads BREAKGLASS_AUDIT_KEY (or BREAKGLASS_AUDIT_KEY_FILE) with BREAKGLASS_AUDIT_KEY_ID, and
 * BREAKGLASS_AUDIT_RETIRED_KEYS ("id=secret,id=secret") for entries chained before a rotation.
 * Without a configured key, a dev key file next to the SQLite database is used if present.
 */
export function readAuditKeyring(env: NodeJS.ProcessEnv, sqlitePath?: string): AuditKeyring {
  const keys = new Map<string, AuditKey>();
  for (const part of (env.BREAKGLASS_AUDIT_RETIRED_KEYS ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new BreakglassError('config.invalid', 'BREAKGLASS_AUDIT_RETIRED_KEYS must be a comma-separated list of id=secret.');
    const id = keyId(part.slice(0, eq), 'Each BREAKGLASS_AUDIT_RETIRED_KEYS id');
    keys.set(id, { id, secret: parseSecret(part.slice(eq + 1), `Retired audit key ${id}`) });
  }
  if (env.BREAKGLASS_AUDIT_KEY && env.BREAKGLASS_AUDIT_KEY_FILE) {
    throw new BreakglassError('config.invalid', 'Set BREAKGLASS_AUDIT_KEY or BREAKGLASS_AUDIT_KEY_FILE, not both.');
  }
  let current: AuditKey | undefined;
  let source: AuditKeyring['source'] = 'none';
  const id = keyId(env.BREAKGLASS_AUDIT_KEY_ID || 'k1', 'BREAKGLASS_AUDIT_KEY_ID');
  if (env.BREAKGLASS_AUDIT_KEY) {
    current = { id, secret: parseSecret(env.BREAKGLASS_AUDIT_KEY, 'BREAKGLASS_AUDIT_KEY') };
    source = 'env';
  } else if (env.BREAKGLASS_AUDIT_KEY_FILE) {
    current = { id, secret: parseSecret(readKeyFile(env.BREAKGLASS_AUDIT_KEY_FILE, 'BREAKGLASS_AUDIT_KEY_FILE'), 'The key in BREAKGLASS_AUDIT_KEY_FILE') };
    source = 'file';
  } else if (sqlitePath && existsSync(devKeyPath(sqlitePath))) {
    current = { id: DEV_KEY_ID, secret: parseSecret(readKeyFile(devKeyPath(sqlitePath), 'The dev audit key'), 'The dev audit key') };
    source = 'dev-file';
  }
  if (current) {
    const retired = keys.get(current.id);
    if (retired && !retired.secret.equals(current.secret)) {
      throw new BreakglassError('config.invalid', `Audit key id ${current.id} is both current and retired with a different secret; give the new key a new BREAKGLASS_AUDIT_KEY_ID.`);
    }
    keys.set(current.id, current);
  }
  return { ...(current ? { current } : {}), keys, source };
}

export function devKeyPath(sqlitePath: string): string {
  return join(dirname(sqlitePath), DEV_KEY_FILE);
}

/** The playground's key: created once next to the SQLite file (mode 0600), reused after. */
export function ensureDevAuditKey(sqlitePath: string): string {
  const path = devKeyPath(sqlitePath);
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return path;
}

function readKeyFile(path: string, name: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new BreakglassError('config.invalid', `${name} ${path} cannot be read (${(e as { code?: string }).code ?? 'error'}).`);
  }
}
