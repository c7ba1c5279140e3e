import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SLACK_EVENTS_PATH } from '../../../adapters/slack/slack-receiver';
import { EVENT_SCOPES, METHOD_SCOPES, requiredBotScopes } from '../../../adapters/slack/slack-scopes';

const root = join(__dirname, '../../..');

interface SlackManifest {
  display_information: { name: string; description: string; long_description?: string; background_color?: string };
  features: { bot_user: { display_name: string }; slash_commands: Array<{ command: string; url: string; description: string; should_escape?: boolean }> };
  oauth_config: { scopes: { bot: string[]; user?: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = parse(readFileSync(join(root, 'manifests/slack/manifest.yaml'), 'utf8')) as SlackManifest;

/** Every `client.<group>.<method>(` the Slack adapter makes, read from its source. */
function webApiMethodsCalled(): string[] {
  const dir = join(root, 'adapters/slack');
  const methods = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(join(dir, file), 'utf8');
    expect({ file, usesApiCall: /\.apiCall\(/.test(source) }).toEqual({ file, usesApiCall: false });
    for (const m of source.matchAll(/\bclient\.(\w+)\.(\w+)\(/g)) methods.add(`${m[1]}.${m[2]}`);
  }
  return [...methods].sort();
}

describe('Slack app manifest', () => {
  it('asks for exactly the bot scopes the code needs, and no user scopes', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(requiredBotScopes());
    expect(manifest.oauth_config.scopes.user ?? []).toEqual([]);
  });

  it('has a scope decision for every Web API method the adapter calls, and none for methods it no longer calls', () => {
    expect(webApiMethodsCalled()).toEqual(Object.keys(METHOD_SCOPES).sort());
  });

  it('subscribes to exactly the events the receiver listens for', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(Object.keys(EVENT_SCOPES).sort());
    const receiver = readFileSync(join(root, 'adapters/slack/slack-receiver.ts'), 'utf8');
    expect(receiver).toContain("app.event('app_mention'");
    expect(receiver).toContain("app.event('message'");
  });

  it('sends the slash command, interactivity and events to the one endpoint the receiver serves', () => {
    const urls = [manifest.features.slash_commands[0]!.url, manifest.settings.interactivity.request_url, manifest.settings.event_subscriptions.request_url];
    for (const url of urls) expect(url).toBe(`https://YOUR-HOST${SLACK_EVENTS_PATH}`);
    expect(manifest.features.slash_commands).toHaveLength(1);
    expect(manifest.features.slash_commands[0]).toMatchObject({ command: '/breakglass', should_escape: true });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
  });

  it('defaults to HTTP delivery, not Socket Mode', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('fits Slack’s display limits', () => {
    const info = manifest.display_information;
    expect(info.name.length).toBeLessThanOrEqual(35);
    expect(info.description.length).toBeLessThanOrEqual(140);
    expect(info.long_description!.length).toBeGreaterThanOrEqual(175);
    expect(info.long_description!.length).toBeLessThanOrEqual(4000);
    expect(info.background_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(manifest.features.bot_user.display_name.length).toBeLessThanOrEqual(80);
  });
});
