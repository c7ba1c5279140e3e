import { isBreakglassError } from '../core/errors';
import { fail, pass, skip, type CheckLine } from './check-line';

export interface DatabaseProbe {
  kind: 'sqlite' | 'postgres';
  /** Where, for the report: a file path, or a URL without its password. */
  describe: string;
  /** A SQLite file at the default path that does not exist yet: a fresh clone, which the first start creates. */
  notCreatedYet?: boolean;
  /** Connects and reads the applied schema versions; throws when the database cannot be reached. */
  schemaVersions(): Promise<{ applied: number[]; known: number[] }>;
}

const PART = 'Database';

/** Reachable, and migrated to exactly the schema this version of the bot expects. */
export async function checkDatabase(probe: DatabaseProbe): Promise<CheckLine[]> {
  const name = probe.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  if (probe.notCreatedYet) return [skip(PART, `${name} file`, `${probe.describe} does not exist yet: the bot creates and migrates it on its first start`)];
  let versions: { applied: number[]; known: number[] };
  try {
    versions = await probe.schemaVersions();
  } catch (e) {
    const why = isBreakglassError(e) ? e.userMessage : `${name} did not answer.`;
    const fix =
      probe.kind === 'postgres'
        ? 'Check DATABASE_URL (host, port, user, password, database name) and that PostgreSQL is running and accepts connections from this host.'
        : 'Set BREAKGLASS_DB to the file the bot uses, or start the bot once so it creates and migrates the database.';
    return [fail(PART, `${name} reachable`, `${probe.describe}: ${why}`, fix)];
  }
  const lines = [pass(PART, `${name} reachable`, probe.describe)];
  const newestKnown = Math.max(0, ...versions.known);
  const applied = new Set(versions.applied);
  const missing = versions.known.filter((v) => !applied.has(v));
  const newer = versions.applied.filter((v) => v > newestKnown);
  if (newer.length > 0) {
    lines.push(
      fail(PART, 'schema', `migrated by a newer breakglass (version ${Math.max(...newer)}; this one knows up to ${newestKnown})`, 'Run the newer breakglass version against this database, or restore a backup that matches this version.'),
    );
  } else if (missing.length > 0) {
    const state = versions.applied.length === 0 ? 'not migrated at all' : `migrations ${missing.join(', ')} not applied`;
    lines.push(fail(PART, 'schema', `${state} (this version needs ${newestKnown})`, 'Start the bot once: it applies the missing migrations at start (back the database up first).'));
  } else {
    lines.push(pass(PART, 'schema', `migrated to version ${newestKnown}`));
  }
  return lines;
}
