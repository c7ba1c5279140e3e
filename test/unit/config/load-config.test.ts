import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../../bot/config/load-config';
import { readEnv } from '../../../bot/config/env';

describe('config', () => {
  it('accepts an empty file with playground defaults', () => {
    const config = parseConfig({});
    expect(config.server.port).toBe(3978);
    expect(config.elevation.policies[0]).toMatchObject({ role: 'Global Administrator', maxDuration: '1h' });
  });

  it('names the field and what was expected', () => {
    expect(() => parseConfig({ breakGlass: { ackTimeout: 'soon' } }, 'breakglass.config.yaml')).toThrow(
      'breakglass.config.yaml is invalid: breakGlass.ackTimeout: a duration like 30m, 1h or 2h30m',
    );
    expect(() => parseConfig({ server: { port: 'eighty' } })).toThrow('server.port: expected number, got string');
    expect(() => parseConfig({ colour: 'red' })).toThrow('unknown field(s) colour');
  });

  it('refuses a role binding to a person who does not exist', () => {
    expect(() => parseConfig({ roles: { approvers: ['nobody'] } })).toThrow('roles.approvers.0: "nobody" is not a key of people');
  });

  it('reads YAML from BREAKGLASS_CONFIG and reports bad YAML in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-config-'));
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'people:\n  alex: { name: Alex, slack: U0ALEX }\nroles:\n  responders: [alex]\n');
    expect(loadConfig({ BREAKGLASS_CONFIG: good }).config.roles.responders).toEqual(['alex']);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'people: [unclosed');
    expect(() => loadConfig({ BREAKGLASS_CONFIG: bad })).toThrow(/is not valid YAML/);
    expect(() => loadConfig({ BREAKGLASS_CONFIG: join(dir, 'missing.yaml') })).toThrow('does not exist');
  });

  it('the committed sample config is valid', () => {
    expect(() => loadConfig({ BREAKGLASS_CONFIG: 'breakglass.config.sample.yaml' })).not.toThrow();
  });

  it('refuses half-configured secrets', () => {
    expect(() => readEnv({ SLACK_BOT_TOKEN: 'xoxb-1' })).toThrow('Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN');
    expect(() => readEnv({ PORT: 'x' })).toThrow('PORT must be a port number');
    expect(readEnv({}).sqlitePath).toBe('./data/breakglass.db');
  });
});
