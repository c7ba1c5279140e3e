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

  // One person is one principal: a role held by a chat account could be held twice (once per platform) or never used.
  it.each([
    ['a Slack account', { roles: { approvers: ['slack:U0PRIYA'] } }, 'roles.approvers.0: "slack:U0PRIYA" binds a chat account, not a person'],
    ['a Teams account', { roles: { managers: [['teams:29:abc']] } }, 'roles.managers.0.0: "teams:29:abc" binds a chat account, not a person'],
    ['a person without an Entra id', { people: { sam: { name: 'Sam', slack: 'U0SAM', teams: '29:sam' } }, roles: { responders: ['sam'] } }, 'roles.responders.0: sam has no entraObjectId; set people.sam.entraObjectId'],
  ])('refuses at start a role bound to %s, naming the field', (_what, raw, message) => {
    expect(() => parseConfig(raw)).toThrow(message);
  });

  it('accepts roles bound by Entra id, group or a person who has one', () => {
    const entra = '22222222-2222-4222-8222-222222222222';
    expect(() => parseConfig({ people: { sam: { name: 'Sam', entraObjectId: entra } }, roles: { responders: ['sam', `entra:${entra}`], approvers: ['group:66666666-6666-4666-8666-666666666666'] } })).not.toThrow();
  });

  it('reads YAML from BREAKGLASS_CONFIG and reports bad YAML in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bg-config-'));
    const good = join(dir, 'good.yaml');
    writeFileSync(good, 'people:\n  alex: { name: Alex, slack: U0ALEX, entraObjectId: 11111111-1111-4111-8111-111111111111 }\nroles:\n  responders: [alex]\n');
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
