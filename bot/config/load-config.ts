import { existsSync, readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ZodIssue } from 'zod';
import { BreakglassError } from '../core/errors';
import { configSchema, type Config } from './schema';

const DEFAULT_PATHS = ['breakglass.config.yaml', 'breakglass.config.yml', 'breakglass.config.json'];

/**
 * Reads the config file named by BREAKGLASS_CONFIG (or the first default path
 * present; none is fine: every field has a playground default) and validates
 * it. Failures name the field and what was expected, never a stack trace.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): { config: Config; path?: string } {
  const explicit = env.BREAKGLASS_CONFIG;
  const path = explicit ?? DEFAULT_PATHS.map((p) => `${cwd}/${p}`).find((p) => existsSync(p));
  if (explicit && !existsSync(explicit)) {
    throw new BreakglassError('config.invalid', `The config file ${explicit} (from BREAKGLASS_CONFIG) does not exist.`);
  }
  const raw = path ? readConfigFile(path) : {};
  return { config: parseConfig(raw, path ?? 'defaults'), path };
}

function readConfigFile(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return extname(path) === '.json' ? JSON.parse(text) : (parseYaml(text) ?? {});
  } catch (e) {
    throw new BreakglassError('config.invalid', `The config file ${path} is not valid ${extname(path) === '.json' ? 'JSON' : 'YAML'}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
  }
}

export function parseConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  if (result.success) return checkReferences(result.data, source);
  const lines = result.error.issues.slice(0, 5).map(describeIssue);
  throw new BreakglassError('config.invalid', `${source} is invalid: ${lines.join('; ')}`, { detail: { issues: result.error.issues } });
}

function describeIssue(issue: ZodIssue): string {
  const field = issue.path.length ? issue.path.join('.') : '(top level)';
  if (issue.code === 'unrecognized_keys') return `${field === '(top level)' ? '' : `${field}: `}unknown field(s) ${issue.keys.join(', ')}`;
  if (issue.code === 'invalid_type') return `${field}: expected ${issue.expected}, got ${issue.received}`;
  return `${field}: ${issue.message}`;
}

/** Bindings that name a person must name one that exists, by an Entra object id. */
function checkReferences(config: Config, source: string): Config {
  const known = new Set(Object.keys(config.people));
  const bindings: Array<[string, string]> = [
    ...config.roles.responders.map((b, i): [string, string] => [`roles.responders.${i}`, b]),
    ...config.roles.approvers.map((b, i): [string, string] => [`roles.approvers.${i}`, b]),
    ...config.roles.securityOfficers.map((b, i): [string, string] => [`roles.securityOfficers.${i}`, b]),
    ...config.roles.admins.map((b, i): [string, string] => [`roles.admins.${i}`, b]),
    ...config.roles.managers.flatMap((level, l) => level.map((b, i): [string, string] => [`roles.managers.${l}.${i}`, b])),
  ];
  for (const [field, binding] of bindings) {
    if (!binding.includes(':') && !known.has(binding)) {
      throw new BreakglassError('config.invalid', `${source} is invalid: ${field}: "${binding}" is not a key of people and not a group:/entra:/slack:/teams: binding`);
    }
    // Roles are decided on the Entra object id: a binding that cannot name one would hold a role nobody can ever use,
    // or (by chat id) one a person could hold twice, once per platform.
    if (/^(slack|teams):/i.test(binding)) {
      throw new BreakglassError('config.invalid', `${source} is invalid: ${field}: "${binding}" binds a chat account, not a person; bind a key of people that has an entraObjectId, or entra:<object id>`);
    }
    if (known.has(binding) && !config.people[binding]?.entraObjectId) {
      throw new BreakglassError('config.invalid', `${source} is invalid: ${field}: ${binding} has no entraObjectId; set people.${binding}.entraObjectId (roles are decided on the Entra object id)`);
    }
  }
  return config;
}
