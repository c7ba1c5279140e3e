import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BreakglassError } from '../../bot/core/errors';
import { buildTeamsPackage, type TeamsPackageOptions } from './teams-package';

export const MANIFEST_TEAMS_USAGE =
  'breakglass manifest teams [--out app.zip] [--app-id <guid>] [--teams-app-id <guid>] [--version 1.0.0] [--developer <name>] [--website-url <https url>] [--privacy-url <https url>] [--terms-url <https url>]';

const FLAGS: Record<string, keyof TeamsPackageOptions | 'out'> = {
  '--out': 'out',
  '--app-id': 'appId',
  '--teams-app-id': 'teamsAppId',
  '--version': 'version',
  '--developer': 'developerName',
  '--website-url': 'websiteUrl',
  '--privacy-url': 'privacyUrl',
  '--terms-url': 'termsOfUseUrl',
};

/**
 * `breakglass manifest teams ...` (argv is what follows `teams`): writes the
 * uploadable Teams app package and returns the line to print. The bot app id
 * comes from --app-id or MICROSOFT_APP_ID.
 */
export async function runManifestTeamsCommand(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const given: Partial<Record<keyof TeamsPackageOptions | 'out', string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const key = FLAGS[flag];
    const value = inline ?? argv[++i];
    if (!key || value === undefined || value.startsWith('--')) {
      throw new BreakglassError('command.malformed', `Unexpected "${arg}". Usage: ${MANIFEST_TEAMS_USAGE}`);
    }
    given[key] = value;
  }
  const { out = 'breakglass-teams.zip', ...rest } = given;
  const appId = rest.appId ?? env.MICROSOFT_APP_ID ?? '';
  const zip = await buildTeamsPackage({ ...rest, appId });
  const target = path.resolve(out);
  await writeFile(target, zip);
  return `Wrote ${target} (${zip.length} bytes): upload it in Teams under Apps > Manage your apps > Upload an app.`;
}
