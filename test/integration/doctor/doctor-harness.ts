import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../adapters/storage/open-storage';
import { runDoctorCommand } from '../../../app/cli';

/**
 * `breakglass doctor` as an operator runs it: environment variables and a
 * config file in, printed lines and an exit code out.
 */
export interface DoctorRun {
  code: number;
  output: string;
  /** The printed line that reports `part` / `what`, with the fix line under it when there is one. */
  line(part: string, what: string | RegExp): string;
}

export interface DoctorWorkspace {
  dir: string;
  /** A SQLite file the bot has already created and migrated. */
  migratedDb: string;
  writeConfig(config: unknown): string;
  run(vars: Record<string, string>): Promise<DoctorRun>;
  dispose(): void;
}

export async function doctorWorkspace(): Promise<DoctorWorkspace> {
  const dir = mkdtempSync(join(tmpdir(), 'breakglass-doctor-'));
  const migratedDb = join(dir, 'breakglass.db');
  const storage = await openStorage({ sqlitePath: migratedDb });
  await storage.migrate();
  await storage.close();
  let configs = 0;
  return {
    dir,
    migratedDb,
    writeConfig(config) {
      const path = join(dir, `breakglass.config.${++configs}.json`);
      writeFileSync(path, JSON.stringify(config));
      return path;
    },
    async run(vars) {
      const printed: string[] = [];
      const code = await runDoctorCommand({ BREAKGLASS_DB: migratedDb, ...vars }, (l) => printed.push(l));
      const output = printed.join('\n');
      return {
        code,
        output,
        line(part, what) {
          const lines = output.split('\n');
          const i = lines.findIndex((l) => new RegExp(`^(PASS|FAIL|SKIP)\\s+${part}\\s+`).test(l) && (typeof what === 'string' ? l.includes(`${what}:`) : what.test(l)));
          if (i < 0) throw new Error(`No ${part} line for ${String(what)} in:\n${output}`);
          const fix = lines[i + 1]?.trimStart().startsWith('fix:') ? `\n${lines[i + 1]}` : '';
          return `${lines[i]}${fix}`;
        },
      };
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { unusedPort } from '../../support/unused-port';
