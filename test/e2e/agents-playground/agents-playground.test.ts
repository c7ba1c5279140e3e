import { browserTestsEnabled, openBrowser, screenshot, type Browser } from '../playground/browser';
import { startAgentsPlaygroundWorld, type AgentsPlaygroundWorld } from './support/agents-playground-world';
import { PlaygroundClient } from './support/playground-client';

/**
 * The bot in Microsoft's own local Teams client, Microsoft 365 Agents
 * Playground, driven in Chromium the way a responder would use it. The
 * playground renders replies and cards with Teams' renderer and sends
 * invokes as Teams does, so this catches what our fakes cannot (text that
 * Teams shows as one paragraph, updates that never arrive).
 */
const describeInBrowser = browserTestsEnabled() ? describe : describe.skip;

describeInBrowser('breakglass in Microsoft 365 Agents Playground', () => {
  jest.setTimeout(180_000);
  let world: AgentsPlaygroundWorld;
  let browser: Browser;
  let client: PlaygroundClient;

  beforeAll(async () => {
    world = await startAgentsPlaygroundWorld();
    browser = await openBrowser();
    client = new PlaygroundClient(browser.page);
    await browser.page.goto(world.clientUrl);
    await client.openChannel('Security - Incidents');
  });

  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  afterEach(async () => {
    const name = expect.getState().currentTestName?.replace(/\W+/g, '-') ?? 'test';
    await screenshot(browser.page, `agents-playground-${name}`).catch(() => undefined);
  });

  it('help shows one command per line', async () => {
    await client.postToBot('help');
    const help = await client.cardShowing('revoke <request-id>');
    const lines = (await help.innerText()).split('\n').map((line) => line.trim()).filter(Boolean);
    for (const command of ['help [command]', 'start [--drill]', 'status', 'elevate <role>', 'revoke <request-id>', 'posture']) {
      expect(lines.filter((line) => line.startsWith(command))).toHaveLength(1);
    }
  });

  it('start posts the checklist, a step button updates it, and the sign-in summary appears', async () => {
    await client.postToBot('start Admin access broken');
    const checklist = await client.cardShowing('Break glass: Admin access broken');
    await expect(checklist.innerText()).resolves.toMatch(/2\. Review the attack playbook.*to do/);
    await client.cardShowing(/Sign-in review \(step 5\)[\s\S]*failed/);

    await client.click(checklist, 'Playbook reviewed');
    await client.cardShowing(/2\. Review the attack playbook.*done/);
    // Updated in place: still one checklist in the channel.
    expect(await client.botCards().filter({ hasText: 'Break glass: Admin access broken' }).count()).toBe(1);
  });
});
