import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { BreakglassError } from '../../bot/core/errors';

/** manifests/teams: manifest.json with ${{PLACEHOLDERS}}, color.png, outline.png. */
export const TEAMS_MANIFEST_DIR = path.join(__dirname, '..', '..', 'manifests', 'teams');

export interface TeamsPackageOptions {
  /** The bot's Microsoft App ID (MICROSOFT_APP_ID). */
  appId: string;
  /** The Teams app's own id; defaults to the bot's app id. */
  teamsAppId?: string;
  /** Semver; bump it for every upload of a changed package. */
  version?: string;
  developerName?: string;
  websiteUrl?: string;
  privacyUrl?: string;
  termsOfUseUrl?: string;
}

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
/** Microsoft's guidance on emergency access accounts: the closest thing to a support page a self-hosted bot has. */
const DEFAULT_WEBSITE = 'https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access';
/** Zip entries carry a fixed date so the same inputs give the same package. */
const ENTRY_DATE = new Date('2026-01-01T00:00:00Z');

/** The manifest with every placeholder filled; values are checked first so the package uploads. */
export function teamsManifest(options: TeamsPackageOptions): Record<string, unknown> {
  const teamsAppId = options.teamsAppId ?? options.appId;
  if (!GUID.test(options.appId)) throw new BreakglassError('config.invalid', 'The Teams package needs the bot app id (MICROSOFT_APP_ID or --app-id), a GUID.');
  if (!GUID.test(teamsAppId)) throw new BreakglassError('config.invalid', 'The Teams app id (--teams-app-id) must be a GUID.');
  const version = options.version ?? '1.0.0';
  if (!SEMVER.test(version)) throw new BreakglassError('config.invalid', `The package version must look like 1.2.3, got "${version}".`);
  const websiteUrl = options.websiteUrl ?? DEFAULT_WEBSITE;
  const values: Record<string, string> = {
    APP_VERSION: version,
    TEAMS_APP_ID: teamsAppId.toLowerCase(),
    MICROSOFT_APP_ID: options.appId.toLowerCase(),
    DEVELOPER_NAME: (options.developerName ?? 'breakglass').slice(0, 32),
    WEBSITE_URL: websiteUrl,
    PRIVACY_URL: options.privacyUrl ?? websiteUrl,
    TERMS_OF_USE_URL: options.termsOfUseUrl ?? websiteUrl,
  };
  for (const key of ['WEBSITE_URL', 'PRIVACY_URL', 'TERMS_OF_USE_URL']) {
    if (!/^https:\/\/[^\s]+$/.test(values[key]!)) throw new BreakglassError('config.invalid', `Teams wants an https URL for ${key.toLowerCase().replace(/_/g, ' ')}.`);
  }
  const template: unknown = JSON.parse(readFileSync(path.join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8'));
  return fill(template, values) as Record<string, unknown>;
}

/** Placeholders are filled in parsed values, so no input can change the JSON's structure. */
function fill(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === 'string') {
    return node.replace(/\$\{\{([A-Z_]+)\}\}/g, (_m, name: string) => {
      const value = values[name];
      if (value === undefined) throw new Error(`manifest.json uses an unknown placeholder ${name}`);
      return value;
    });
  }
  if (Array.isArray(node)) return node.map((n) => fill(n, values));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, fill(v, values)]));
  return node;
}

/** The app package Teams uploads: manifest.json and both icons at the zip's root. */
export async function buildTeamsPackage(options: TeamsPackageOptions): Promise<Buffer> {
  const manifest = teamsManifest(options);
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date: ENTRY_DATE });
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, readFileSync(path.join(TEAMS_MANIFEST_DIR, icon)), { date: ENTRY_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
