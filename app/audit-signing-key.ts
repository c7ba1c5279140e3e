import type { EnvSettings } from '../bot/config/env';
import type { AuditKey } from '../bot/audit/audit-hash';
import { ensureDevAuditKey, readAuditKeyring } from '../bot/audit/audit-keyring';
import type { Logger } from '../bot/core/logger';

/**
 * The audit HMAC key lives outside the database. With none configured, a SQLite (dev/playground)
 * bot makes a key file next to the database; main() refuses to start a production config without one.
 */
export function auditSigningKey(env: EnvSettings, logger: Logger): AuditKey | undefined {
  // An in-memory database has no folder to keep a key in (dirname(':memory:') is the working directory).
  const keyBeside = env.databaseUrl || env.sqlitePath === ':memory:' ? undefined : env.sqlitePath;
  let ring = readAuditKeyring(process.env, keyBeside);
  if (!ring.current && keyBeside) {
    const path = ensureDevAuditKey(keyBeside);
    ring = readAuditKeyring(process.env, keyBeside);
    logger.warn({ keyFile: path }, `AUDIT KEY: none configured, so the audit log is chained with a development key kept in ${path}. Set BREAKGLASS_AUDIT_KEY (or BREAKGLASS_AUDIT_KEY_FILE) outside the database for real use.`);
  }
  if (!ring.current) logger.warn('AUDIT KEY: none configured; new audit entries are chained without a key and can be recomputed by anyone who can write the database.');
  else logger.info({ auditKeyId: ring.current.id, source: ring.source }, 'audit entries are chained with an HMAC key');
  return ring.current;
}

/**
 * A production config (a database server or any real chat/Graph credential) should name its audit
 * key. For now this is a loud warning, not a refusal, so existing deployments keep starting; the
 * chain is then sha256-only and `audit verify` says so.
 */
export function warnWithoutAuditKeyInProduction(env: EnvSettings, logger: Logger): void {
  const production = Boolean(env.databaseUrl || env.slack || env.teams?.appPassword || env.azure);
  if (production && !readAuditKeyring(process.env).current) {
    logger.warn('AUDIT KEY: BREAKGLASS_AUDIT_KEY (or BREAKGLASS_AUDIT_KEY_FILE) is not set, so the audit log can be recomputed by anyone who can write the database. Set it for real use.');
  }
}
