import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

/** Runs the real CLI in its own process, stdout a pipe read slowly, as `breakglass ... | jq` does. */
function runThroughSlowPipe(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((done, failed) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'app/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // A slow reader: take a chunk, then stop reading for a moment, so the pipe is full while the CLI finishes.
    child.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 3);
    });
    child.on('error', failed);
    child.on('close', (code) => done({ code, out: Buffer.concat(chunks).toString('utf8'), err }));
  });
}

describe('breakglass signins analyze --json through a pipe', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bg-pipe-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers a ~10 MB answer whole to a slow reader, then exits with the findings code', async () => {
    const file = join(dir, 'big.jsonl');
    const lines: string[] = [];
    // Each admin blocked by Conditional Access from an unapproved country: one group of findings per account.
    for (let i = 0; i < 13_000; i++) {
      lines.push(
        JSON.stringify({
          id: `r-${i}`,
          createdDateTime: `2026-03-03T02:${String(i % 60).padStart(2, '0')}:00Z`,
          userPrincipalName: `adm-u${i}@contoso.com`,
          userId: `u${i}`,
          ipAddress: `198.51.100.${i % 250}`,
          clientAppUsed: 'Browser',
          conditionalAccessStatus: 'failure',
          status: { errorCode: 53003, failureReason: 'Access has been blocked by Conditional Access policies.' },
          location: { city: 'Moscow', countryOrRegion: 'RU' },
        }),
      );
    }
    writeFileSync(file, `${lines.join('\n')}\n`);

    const { code, out, err } = await runThroughSlowPipe(['signins', 'analyze', file, '--json']);
    expect(err).toBe('');
    expect(out.length).toBeGreaterThan(9_000_000);
    const answer = JSON.parse(out) as { signIns: number; findings: number; groups: unknown[] };
    expect(answer.signIns).toBe(13_000);
    expect(answer.groups.length).toBeGreaterThanOrEqual(13_000);
    expect(code).toBe(1);
  }, 60_000);
});
