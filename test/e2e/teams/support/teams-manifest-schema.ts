import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SCHEMAS = path.join(path.dirname(require.resolve('@microsoft/app-manifest/package.json')), 'build', 'json-schemas', 'teams');

/**
 * Microsoft's published Teams manifest schema for `manifestVersion`, as
 * bundled in @microsoft/app-manifest (the same check as
 * test/unit/teams/teams-package.test.ts makes).
 */
export function teamsManifestValidator(manifestVersion: string) {
  // The published schema has a `\a` in a regex that JavaScript rejects; Microsoft's own validator patches it the same way.
  const text = readFileSync(path.join(SCHEMAS, `v${manifestVersion}`, 'MicrosoftTeams.schema.json'), 'utf8').replace(/\\a/g, '\\x07');
  const ajv = new Ajv({ allErrors: true, strictTypes: false, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(text) as object);
}
