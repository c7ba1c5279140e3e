import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { readEnv } from '../../../bot/config/env';
import { createLogger, silentLogger } from '../../../bot/core/logger';
import { createBot } from '../../../app/create-bot';
import { ResettablePlayground } from '../../../app/resettable-playground';
import { OffsetClock } from '../../../bot/ports/clock';
import { unusedPort } from '../../support/unused-port';
import { browserTestsEnabled, openBrowser, screenshot, textOnceShown, type Browser } from './browser';
import { PlaygroundPage } from './playground-page';
import type { Locator } from 'playwright-core';

/**
 * A newcomer's first visit, at the narrowest width the page supports (900 px):
 * the guided tour walks start → choose bg-01 → switch to the second responder
 * → confirm → +15 min → elevate → approve, ticking each step only when the
 * bot's audit trail shows it happened; then Reset empties the playground.
 */
const describeInBrowser = browserTestsEnabled() ? describe : describe.skip;

describeInBrowser('playground guided tour, reset and narrow layout', () => {
  jest.setTimeout(180_000);
  let dir: string;
  let session: ResettablePlayground;
  let browser: Browser;
  let ui: PlaygroundPage;
  let url: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'breakglass-guided-tour-'));
    const port = await unusedPort();
    const logger = process.env.LOG_LEVEL ? createLogger() : silentLogger;
    const env = readEnv({ BREAKGLASS_DB: join(dir, 'breakglass.db') });
    session = await ResettablePlayground.start(
      (onReset) => createBot({ config: playgroundConfig(), env, logger, clock: new OffsetClock(), playground: true, listen: { host: '127.0.0.1', port }, loops: true, pollMs: 50, exportDir: join(dir, 'exports'), onReset }),
      env.sqlitePath,
      logger,
    );
    url = session.bot.server!.url;
    browser = await openBrowser();
    await browser.page.setViewportSize({ width: 900, height: 800 });
    browser.page.on('pageerror', (e) => pageErrors.push(e.message));
    browser.page.on('dialog', (dialog) => void dialog.accept());
    ui = new PlaygroundPage(browser.page);
    await ui.open(url);
  });

  afterAll(async () => {
    await browser?.close();
    await session?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const step = (id: string) => browser.page.getByTestId(`guide-step-${id}`);
  async function expectStep(id: string, state: 'done' | 'current'): Promise<void> {
    await browser.page.locator(`[data-testid="guide-step-${id}"][data-state="${state}"]`).waitFor({ timeout: 20_000 });
  }
  const guideAction = () => browser.page.getByTestId('guide-action');
  const checklist = () => ui.channelMessage(/Break glass: Global admins locked out/);

  it('fits 900 px: no sideways scrolling, and long button titles wrap inside their card', async () => {
    const page = browser.page;
    await expectStep('start', 'current');
    await screenshot(page, 'tour-0-first-load-900px');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);

    await guideAction().click();
    expect(await page.getByTestId('command-input').inputValue()).toBe('start Global admins locked out after CA change');
    await page.getByTestId('command-send').click();
    await expectStep('start', 'done');
    await expectStep('choose', 'current');
    const use = checklist().getByRole('button', { name: 'Use bg-01@contoso.onmicrosoft.com', exact: true });
    await use.waitFor();
    // The checklist is re-rendered as updates arrive (pages, the sign-in summary): measure a settled copy.
    const [button, card] = await boxesOf([use, checklist()]);
    expect(button!.x + button!.width).toBeLessThanOrEqual(card!.x + card!.width + 1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    await screenshot(page, 'tour-1-incident-900px');
  });

  it('walks the guided path to the end, ticking each step from what the bot recorded', async () => {
    await ui.click(checklist(), 'Use bg-01@contoso.onmicrosoft.com');
    await expectStep('choose', 'done');
    await expectStep('switch', 'current');

    await guideAction().click(); // act as the second responder
    await textOnceShown(browser.page.getByTestId('dm-pane'), 'Direct messages · Bob Admin');
    await expectStep('switch', 'done');
    await ui.click(checklist(), 'Confirm bg-01@contoso.onmicrosoft.com');
    await expectStep('confirm', 'done');

    const before = await ui.clock();
    await guideAction().click(); // +15 min
    await expectStep('advance', 'done');
    expect((await ui.clock()) - before).toBeGreaterThanOrEqual(15 * 60_000);

    await guideAction().click(); // act as the commander and type the elevate command
    await textOnceShown(browser.page.getByTestId('dm-pane'), 'Direct messages · Alice Admin');
    await browser.page.getByTestId('command-send').click();
    await expectStep('elevate', 'done');

    await guideAction().click(); // act as the approver in #approvers
    await textOnceShown(browser.page.getByTestId('dm-pane'), 'Direct messages · Carol Admin');
    await ui.click(ui.channelMessage('Global Administrator for Alice Admin (30m)'), 'Approve');
    await expectStep('approve', 'done');
    await textOnceShown(browser.page.getByTestId('guide'), 'You have walked the whole path');
    await screenshot(browser.page, 'tour-2-path-walked-900px');
  });

  it('reads the audit timeline as sentences, with the plumbing behind a toggle', async () => {
    const audit = browser.page.getByTestId('audit-panel');
    await textOnceShown(audit.locator('li'), 'Bob Admin confirmed the emergency account checkout.');
    await textOnceShown(audit.locator('li'), /Alice Admin asked for Global Administrator for 30 min\./);
    expect(await audit.innerText()).not.toContain('effect.done');
    await browser.page.getByTestId('audit-plumbing').check();
    await textOnceShown(audit.locator('li'), 'effect.done');
    await browser.page.getByTestId('audit-plumbing').uncheck();
  });

  it('opens a long reply at its first line, and stops typing at the server limit with a notice', async () => {
    const page = browser.page;
    await ui.openChannel('incident-room');
    await ui.send('help', 'help [command]');
    const opensAtTop = await page.evaluate(() => {
      const strip = document.getElementById('channel-whispers')!;
      const lines = strip.querySelectorAll('[data-testid="reply-line"]');
      const newest = lines[lines.length - 1] as HTMLElement;
      return newest.offsetTop === strip.scrollTop || strip.scrollHeight <= strip.clientHeight;
    });
    expect(opensAtTop).toBe(true);

    await page.getByTestId('command-input').fill('note '.padEnd(4100, 'x'));
    expect((await page.getByTestId('command-input').inputValue()).length).toBe(4000);
    await page.getByTestId('command-input').press('x');
    await textOnceShown(page.getByTestId('command-limit'), 'Commands are limited to 4,000 characters');
    await page.getByTestId('command-input').fill('');
  });

  it('answers a bad request with JSON: one sentence and a reference, never a stack', async () => {
    const response = await fetch(`${url}/playground/api/command`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"as": "alice", "text": ' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await response.json()) as { error: string; ref: string };
    expect(body.error).toMatch(/^That request is not valid JSON\. \(ref [0-9a-f]{8}\)$/);
    expect(JSON.stringify(body)).not.toMatch(/\bat \S+ \(|node_modules|SyntaxError/);
    const missing = await fetch(`${url}/playground/api/nothing-here`);
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: string }).error).toBe('There is no such playground request.');
  });

  it('Reset empties the playground and starts the tour again', async () => {
    const page = browser.page;
    const database = join(dir, 'breakglass.db');
    await page.getByTestId('reset').click();
    await expectStep('start', 'current');
    await textOnceShown(page.getByTestId('audit-panel'), 'Nothing audited yet.');
    await textOnceShown(page.getByTestId('channel-messages'), 'No messages in #');
    expect(existsSync(database)).toBe(true); // a new, empty database in the same place
    expect(await step('choose').getAttribute('data-state')).toBe('todo');
    await screenshot(page, 'tour-3-after-reset-900px');
    expect(pageErrors).toEqual([]);
  });
});

/** Bounding boxes of elements that may be replaced while read: tried again until all are on the page at once. */
async function boxesOf(locators: Locator[], timeoutMs = 10_000): Promise<Array<{ x: number; y: number; width: number; height: number }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const boxes = await Promise.all(locators.map((l) => l.boundingBox()));
    if (boxes.every((b) => b !== null)) return boxes as Array<{ x: number; y: number; width: number; height: number }>;
    if (Date.now() > deadline) throw new Error('the elements never stood still long enough to measure');
    await new Promise((r) => setTimeout(r, 50));
  }
}
