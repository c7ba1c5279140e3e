import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { colorIconPng, outlineIconPng } from '../../../adapters/teams/app-icons';
import { runManifestTeamsCommand } from '../../../adapters/teams/manifest-command';
import { buildTeamsPackage, TEAMS_MANIFEST_DIR } from '../../../adapters/teams/teams-package';
import { isBreakglassError } from '../../../bot/core/errors';
import { COMMANDS } from '../../../bot/core/command-catalogue';

const APP_ID = '3f2a8c1e-5b7d-4e9a-8c6b-1d2e3f4a5b6c';
const SCHEMAS = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

const validators = new Map<string, ReturnType<Ajv['compile']>>();

/** Microsoft's published schema for the manifest's version, as bundled in @microsoft/app-manifest. */
function schemaValidator(manifestVersion: string) {
  const cached = validators.get(manifestVersion);
  if (cached) return cached;
  // The published schema has a `\a` in a regex that JavaScript rejects; Microsoft's own validator patches it the same way.
  const text = readFileSync(path.join(SCHEMAS, `v${manifestVersion}`, 'MicrosoftTeams.schema.json'), 'utf8').replace(/\\a/g, '\\x07');
  const ajv = new Ajv({ allErrors: true, strictTypes: false, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(text) as object);
  validators.set(manifestVersion, validate);
  return validate;
}

/** Reads a PNG as Teams would: signature, IHDR size and colour type, and the RGBA pixels (filter 0 rows). */
function readPng(bytes: Buffer): { width: number; height: number; colourType: number; pixels: Buffer } {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rows = Array.from({ length: height }, (_, y) => {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    return raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  });
  return { width, height, colourType, pixels: Buffer.concat(rows) };
}

describe('Teams app package', () => {
  let zip: JSZip;
  let manifest: Record<string, unknown>;

  beforeAll(async () => {
    zip = await JSZip.loadAsync(await buildTeamsPackage({ appId: APP_ID, version: '1.4.2' }));
    manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
  });

  test('holds exactly manifest.json and the two icons at the root', () => {
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  test("its manifest validates against Microsoft's published schema of a current version", () => {
    const version = String(manifest.manifestVersion);
    expect(Number(version.split('.')[1])).toBeGreaterThanOrEqual(24);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/en-us/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
    const validate = schemaValidator(version);
    expect(validate(manifest) ? [] : validate.errors).toEqual([]);
  });

  test('the schema check would catch a broken manifest', () => {
    const validate = schemaValidator(String(manifest.manifestVersion));
    expect(validate({ ...manifest, id: 'not-a-guid' })).toBe(false);
    expect(validate({ ...manifest, bots: [{ botId: APP_ID, scopes: ['everywhere'] }] })).toBe(false);
  });

  test('the bot is the configured app, in team, personal and group chat scopes, with its commands', () => {
    const [bot] = manifest.bots as Array<{ botId: string; scopes: string[]; commandLists: Array<{ scopes: string[]; commands: Array<{ title: string }> }> }>;
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe('1.4.2');
    expect(bot?.botId).toBe(APP_ID);
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const known = new Set(COMMANDS.map((c) => c.name));
    for (const list of bot?.commandLists ?? []) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) expect(known.has(command.title)).toBe(true);
    }
  });

  test('the colour icon is a 192x192 PNG and the outline a 32x32 white-on-transparent PNG', async () => {
    const color = readPng(await zip.file('color.png')!.async('nodebuffer'));
    const outline = readPng(await zip.file('outline.png')!.async('nodebuffer'));
    expect([color.width, color.height, color.colourType]).toEqual([192, 192, 6]);
    expect([outline.width, outline.height, outline.colourType]).toEqual([32, 32, 6]);
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else expect([r, g, b]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.3);
    expect(transparent).toBeLessThan(32 * 32);
  });

  test('the committed icons are the ones the generator draws', () => {
    expect(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'color.png')).equals(colorIconPng())).toBe(true);
    expect(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'outline.png')).equals(outlineIconPng())).toBe(true);
  });

  test('the same inputs give the same package', async () => {
    expect((await buildTeamsPackage({ appId: APP_ID, version: '1.4.2' })).equals(await buildTeamsPackage({ appId: APP_ID, version: '1.4.2' }))).toBe(true);
  });

  test.each([
    ['an app id that is not a GUID', { appId: 'breakglass' }],
    ['an empty app id', { appId: '' }],
    ['a version that is not semver', { appId: APP_ID, version: 'v2' }],
    ['an http website', { appId: APP_ID, websiteUrl: 'http://example.com' }],
  ])('refuses %s with a config error', async (_name, options) => {
    const error = await buildTeamsPackage(options).catch((e: unknown) => e);
    expect(isBreakglassError(error) && error.code).toBe('config.invalid');
  });

  test('text that looks like JSON in a setting stays a string', async () => {
    const built = await JSZip.loadAsync(await buildTeamsPackage({ appId: APP_ID, developerName: '","id":"x' }));
    const parsed = JSON.parse(await built.file('manifest.json')!.async('string')) as { id: string; developer: { name: string } };
    expect(parsed.id).toBe(APP_ID);
    expect(parsed.developer.name).toBe('","id":"x');
  });
});

describe('breakglass manifest teams', () => {
  test('--out writes the package; the app id comes from MICROSOFT_APP_ID', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bg-teams-'));
    try {
      const out = path.join(dir, 'app.zip');
      const line = await runManifestTeamsCommand(['--out', out, '--version=2.0.1'], { MICROSOFT_APP_ID: APP_ID });
      expect(line).toContain(out);
      const written = await JSZip.loadAsync(readFileSync(out));
      expect(JSON.parse(await written.file('manifest.json')!.async('string'))).toMatchObject({ id: APP_ID, version: '2.0.1' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an unknown flag is a usage error', async () => {
    await expect(runManifestTeamsCommand(['--bogus', 'x'], { MICROSOFT_APP_ID: APP_ID })).rejects.toMatchObject({ code: 'command.malformed' });
  });

  test('without an app id it says where to put one', async () => {
    await expect(runManifestTeamsCommand([], {})).rejects.toMatchObject({ code: 'config.invalid', userMessage: expect.stringContaining('MICROSOFT_APP_ID') });
  });
});
