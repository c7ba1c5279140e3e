import { parseConfig } from '../../../bot/config/load-config';
import { slackConfig } from './slack-e2e-config';
import { startSlackE2E } from './slack-e2e-harness';

/**
 * Monitoring with no security channel on any connected platform would drop
 * every alert; the bot refuses to start and names the field instead.
 */
it('refuses to start with monitoring on and no channels.security for a connected platform', async () => {
  const base = slackConfig();
  const config = parseConfig({ ...base, channels: { ...base.channels, security: { teams: '19:only-on-teams@thread.tacv2' } }, monitoring: { ...base.monitoring, enabled: true } }, 'no security channel');
  await expect(startSlackE2E({ config })).rejects.toThrow(/monitoring\.enabled is true but no security channel is set for slack: set channels\.security\.slack/);
});

it('starts with monitoring off and no security channel', async () => {
  const base = slackConfig();
  const config = parseConfig({ ...base, channels: { ...base.channels, security: {} }, monitoring: { ...base.monitoring, enabled: false } }, 'monitoring off');
  const e2e = await startSlackE2E({ config });
  await e2e.stop();
});
