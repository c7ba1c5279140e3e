import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { readEnv } from '../../../bot/config/env';
import { createLogger, silentLogger } from '../../../bot/core/logger';
import { createBot, type Bot } from '../../../app/create-bot';
import { OffsetClock } from '../../../bot/ports/clock';
import { browserTestsEnabled, openBrowser, screenshot, textOnceShown, type Browser } from './browser';
import { PlaygroundPage } from './playground-page';

/**
 * The playground as a newcomer uses it, in headless Chromium: the whole bot
 * (SQLite, tenant simulator, outbox and timer loops) behind the page, driven
 * only through what a person sees and clicks.
 */
const describeInBrowser = browserTestsEnabled() ? describe : describe.skip;

describeInBrowser('playground in a browser', () => {
  let dir: string;
  let bot: Bot;
  let browser: Browser;
  let ui: PlaygroundPage;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'breakglass-playground-e2e-'));
    bot = await createBot({
      config: playgroundConfig(),
      env: readEnv({ BREAKGLASS_DB: join(dir, 'breakglass.db') }),
      logger: process.env.LOG_LEVEL ? createLogger() : silentLogger,
      clock: new OffsetClock(),
      playground: true,
      listen: { host: '127.0.0.1', port: 0 },
      loops: true,
      pollMs: 50,
      exportDir: join(dir, 'exports'),
    });
    browser = await openBrowser();
    browser.page.on('pageerror', (e) => pageErrors.push(e.message));
    ui = new PlaygroundPage(browser.page);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs an incident, a two-person checkout and an approved elevation to its expiry', async () => {
    const page = browser.page;
    /** The audit timeline says in a sentence who did what, by the name the page uses for them. */
    const auditShows = (sentence: string | RegExp) => textOnceShown(page.getByTestId('audit-panel').locator('li'), sentence);
    await ui.open(bot.server!.url);
    const banner = await page.getByTestId('sim-banner').innerText();
    expect(banner).toContain('SIMULATED TENANT');
    expect(banner).toMatch(/Database\s*SQLite .*breakglass\.db/);
    expect(banner).toMatch(/Graph\s*simulated tenant \(under-attack\)/);

    // Alice, a responder, opens the incident by typing in #incident-room.
    await ui.actAs('alice', 'Alice Admin');
    const opened = await ui.send('start Global admins locked out after CA change', /Incident BG-\S+ is open/);
    const incidentId = /Incident (BG-[A-Z0-9]+)/.exec(opened)?.[1];
    expect(incidentId).toBeDefined();
    const checklist = ui.channelMessage('Break glass: Global admins locked out after CA change');
    let text = await textOnceShown(checklist, '5. Review the sign-in reports — done');
    expect(text).toContain('3. Access a break-glass account — to do');
    expect(text).toContain(`Incident ${incidentId}`);
    await screenshot(page, '1-incident-opened');

    // She picks an emergency account; the card now waits for a second responder.
    await ui.click(checklist, 'Use bg-01@contoso.onmicrosoft.com');
    text = await textOnceShown(checklist, 'Alice Admin chose bg-01@contoso.onmicrosoft.com');
    expect(text).toContain('A different responder must confirm');
    expect(text).toContain('3. Access a break-glass account — in progress');
    // The two-person rule as Alice meets it: confirming her own choice is refused.
    await ui.click(checklist, 'Confirm bg-01@contoso.onmicrosoft.com');
    await ui.replyLine('The two-person rule needs a second responder: you chose bg-01@contoso.onmicrosoft.com, so someone else must confirm.');
    expect(await checklist.innerText()).toContain('3. Access a break-glass account — in progress');

    // Bob, the second responder, confirms it.
    await ui.actAs('bob', 'Bob Admin');
    await ui.click(ui.channelMessage('Break glass: Global admins locked out after CA change'), 'Confirm bg-01@contoso.onmicrosoft.com');
    text = await textOnceShown(ui.channelMessage('Break glass: Global admins locked out after CA change'), '3. Access a break-glass account — done');
    expect(text).toContain('bg-01@contoso.onmicrosoft.com in use since');
    expect(text).toContain('chosen by Alice Admin, confirmed by Bob Admin');
    expect(await ui.buttonsOn(ui.channelMessage('Break glass: Global admins locked out after CA change'))).not.toContain('Confirm bg-01@contoso.onmicrosoft.com');
    await textOnceShown(page.getByTestId('channel-messages'), 'The credential is kept at: Safe in the CISO office');
    await auditShows('Bob Admin confirmed the emergency account checkout.');
    await screenshot(page, '2-checkout-confirmed');

    // Alice asks for Global Administrator for 30 minutes.
    await ui.actAs('alice', 'Alice Admin');
    const requested = await ui.send('elevate GA for 30m because restore the conditional access policy ticket INC-4711', /Request EL-\S+ for Global Administrator is with the approvers/);
    const requestId = /Request (EL-[A-Z0-9]+)/.exec(requested)?.[1];
    expect(requestId).toBeDefined();
    await ui.openChannel('approvers');
    const aliceView = ui.channelMessage('Global Administrator for Alice Admin (30m)');
    expect(await textOnceShown(aliceView, 'Waiting for 1 more approval')).toContain(`Request ${requestId}`);
    // Requesters cannot approve themselves: her view of the card has no Approve button.
    expect(await ui.buttonsOn(aliceView)).not.toContain('Approve');

    // Carol, an approver, approves it on the card in #approvers.
    await ui.actAs('carol', 'Carol Admin');
    const approval = ui.channelMessage('Global Administrator for Alice Admin (30m)');
    text = await textOnceShown(approval, 'INC-4711');
    expect(text).toContain('restore the conditional access policy');
    await ui.click(approval, 'Approve');
    text = await textOnceShown(approval, /Approved by Carol Admin at \d\d:\d\d UTC; active until/);
    const activeUntil = /active until (\d\d:\d\d) UTC/.exec(text)?.[1];
    expect(activeUntil).toBeDefined();
    expect(await ui.buttonsOn(approval)).not.toContain('Approve');
    await auditShows(`Carol Admin approved request ${requestId}.`);
    await screenshot(page, '3-elevation-approved');

    // Alice has it, and is told so directly.
    await ui.actAs('alice', 'Alice Admin');
    text = await textOnceShown(ui.dmMessages(), 'You have Global Administrator');
    expect(text).toContain(`Approved by Carol Admin`);
    expect(text).toContain(`active until ${activeUntil} UTC`);

    // An hour of simulated time later the elevation has run out and the bot has checked it is gone.
    const before = await ui.clock();
    await page.getByTestId('advance-60').click();
    text = await textOnceShown(ui.dmMessages(), 'Your Global Administrator elevation has ended');
    expect(text).toContain(`Ended at ${activeUntil} UTC; Microsoft Graph confirms the role is gone`);
    expect((await ui.clock()) - before).toBeGreaterThanOrEqual(60 * 60_000);
    await ui.openChannel('approvers');
    await textOnceShown(page.getByTestId('channel-messages'), `Alice Admin's Global Administrator elevation expired at ${activeUntil} UTC`);
    await textOnceShown(ui.channelMessage('Global Administrator for Alice Admin (30m)'), 'Microsoft Graph confirms the role is gone');
    expect(await ui.buttonsOn(ui.channelMessage('Global Administrator for Alice Admin (30m)'))).toEqual([]);
    await screenshot(page, '4-elevation-expired');

    expect(pageErrors).toEqual([]);
  }, 180_000);
});
