import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openSqlStorage } from '../../../adapters/storage/open-storage';
import { silentLogger } from '../../../bot/core/logger';
import { createLogExportEffect } from '../../../bot/effects/log-export';
import type { EffectContext } from '../../../bot/runtime/effect-handler';
import { startSimulatedGraph, WEDNESDAY_AFTERNOON } from '../../fakes/graph-sim-harness';

/**
 * The first ten minutes: what a newcomer types in a fresh clone with nothing
 * configured. The clone is the worktree's tracked files (what `git clone` gives)
 * with node_modules linked in, and the child gets no credentials, no
 * NODE_EXTRA_CA_CERTS and no BREAKGLASS_* settings: only PATH and a fresh HOME.
 */
const ROOT = path.join(__dirname, '..', '..', '..');

let clone: string;
let home: string;

beforeAll(() => {
  clone = mkdtempSync(path.join(tmpdir(), 'bg-clone-'));
  home = mkdtempSync(path.join(tmpdir(), 'bg-home-'));
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const file of tracked) {
    const from = path.join(ROOT, file);
    if (!existsSync(from)) continue; // deleted in the working tree, not yet committed
    mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
    copyFileSync(from, path.join(clone, file));
  }
  symlinkSync(realpathSync(path.join(ROOT, 'node_modules')), path.join(clone, 'node_modules'));
});

afterAll(() => {
  rmSync(clone, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

/** `npx breakglass …` in the clone, as a user types it (npm resolves the project's own bin). */
function npx(args: string[], cwd = clone): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'breakglass', ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

test('npx breakglass posture runs against the simulated tenant and the built-in config, and says so', async () => {
  const run = await npx(['posture']);
  expect(run.stderr).toContain('Using the simulated tenant (under-attack) and the built-in playground config, as npm start does');
  expect(run.stderr).not.toMatch(/sign-in token|tenant id/i);
  // The under-attack scenario has findings, so posture reports them (exit 1), it does not fail to connect (exit 2).
  expect(run.stdout).toMatch(/FAIL|WARN|PASS/);
  expect(run.status).toBe(1);
}, 120_000);

test('npx breakglass doctor checks the simulated Graph it would use, and a fresh clone has no database yet', async () => {
  const run = await npx(['doctor']);
  expect(run.stdout).toContain('Using the simulated tenant');
  expect(run.stdout).toMatch(/PASS\s+Graph\s+app token: https:\/\/127\.0\.0\.1:\d+/);
  expect(run.stdout).toMatch(/PASS\s+Graph\s+read sign-in logs/);
  expect(run.stdout).toMatch(/SKIP\s+Database\s+SQLite file: .*does not exist yet/);
  expect(run.stdout).not.toContain('FAIL');
  expect(run.status).toBe(0);
}, 120_000);

test("an incident's step-8 export passes npx breakglass audit verify --export and sha256sum -c", async () => {
  const graph = await startSimulatedGraph({ scenario: 'under-attack' });
  const db = path.join(home, 'export.db');
  const storage = await openSqlStorage({ sqlitePath: db });
  const exportDir = path.join(home, 'exports');
  try {
    await storage.migrate();
    await storage.appendAudit({ at: WEDNESDAY_AFTERNOON, type: 'incident.started', workflowId: 'BG-1', data: { by: 'alice' } });
    await storage.appendAudit({ at: WEDNESDAY_AFTERNOON + 1000, type: 'note.added', workflowId: 'BG-1', data: { text: 'looking' } });
    const run = createLogExportEffect({ graph: graph.port, storage, clock: graph.clock, logger: silentLogger, exportDir });
    const since = new Date(WEDNESDAY_AFTERNOON - 3_600_000).toISOString();
    const until = new Date(WEDNESDAY_AFTERNOON).toISOString();
    // Only the ids are read; the outbox row belongs to the runtime that normally calls the handler.
    const ctx = { idempotencyKey: 'BG-1:7', workflowId: 'BG-1', seq: 7, attempt: 1 } as EffectContext;
    const result = await run({ type: 'logs.export', params: { since, until } }, ctx);
    expect(result).toMatchObject({ type: 'export.succeeded' });
  } finally {
    await storage.close();
    await graph.close();
  }
  const [dir] = execFileSync('ls', [exportDir], { encoding: 'utf8' }).split('\n');
  const folder = path.join(exportDir, dir as string);

  const verify = await npx(['audit', 'verify', '--export', folder]);
  expect(verify.stdout).toContain('Export intact: incident BG-1 evidence, 3 files match manifest.json');
  expect(verify.status).toBe(0);
  // Bare names: coreutils checks the same folder with no breakglass at all.
  expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' })).toBe('incident-audit.jsonl: OK\nsignins.jsonl: OK\ndirectory-audits.jsonl: OK\n');
}, 120_000);
