import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { teamsManifestValidator } from './support/teams-manifest-schema';

/** `breakglass manifest teams --out app.zip`, run as a user runs it: the published bin in a child process. */
const ROOT = path.join(__dirname, '..', '..', '..');
const APP_ID = '5d1c7a2e-3f4b-4a6c-9d8e-7f6a5b4c3d2e';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'bg-manifest-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function breakglass(args: string[], env: Record<string, string> = {}) {
  const { PATH, HOME } = process.env;
  return spawnSync(process.execPath, [path.join(ROOT, 'bin', 'breakglass.js'), ...args], { cwd: dir, env: { PATH, HOME, ...env }, encoding: 'utf8', timeout: 30_000 });
}

test('writes an app package whose manifest validates against the published schema', async () => {
  const run = breakglass(['manifest', 'teams', '--out', 'app.zip', '--version', '1.2.0'], { MICROSOFT_APP_ID: APP_ID });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain(path.join(dir, 'app.zip'));

  const zip = await JSZip.loadAsync(readFileSync(path.join(dir, 'app.zip')));
  expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as { manifestVersion: string; id: string; version: string; bots: Array<{ botId: string }> };
  const validate = teamsManifestValidator(manifest.manifestVersion);
  expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  expect(manifest).toMatchObject({ id: APP_ID, version: '1.2.0', bots: [{ botId: APP_ID }] });
});

test('without an app id it fails with one sentence saying where to set it, and writes nothing', () => {
  const run = breakglass(['manifest', 'teams', '--out', 'none.zip']);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^breakglass: .*MICROSOFT_APP_ID.*\n$/);
  expect(() => readFileSync(path.join(dir, 'none.zip'))).toThrow();
});
