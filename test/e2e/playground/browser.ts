import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

/** Debian's `chromium` package; `.ci/run` installs it when missing. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Screenshots land here (gitignored), for a human to look at after a run. */
export const ARTIFACT_DIR = resolve(__dirname, '../../../test-artifacts/playground');

/**
 * Whether the browser tests run: always under CI=true (a missing Chromium then
 * fails the run), otherwise only where Chromium is installed.
 */
export function browserTestsEnabled(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') return true;
  console.log(`playground browser test skipped: ${CHROMIUM_PATH} is not installed (apt-get install chromium; under CI=true it is required).`);
  return false;
}

export interface Browser {
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile that talks to nothing but 127.0.0.1. */
export async function openBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium is required under CI=true but ${CHROMIUM_PATH} does not exist; install Debian's chromium package.`);
  const profile = mkdtempSync(join(tmpdir(), 'breakglass-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACT_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACT_DIR, `${name}.png`) });
}

/** Waits (the page polls its state once a second) until the locator shows `text`, then returns its text. */
export async function textOnceShown(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<string> {
  const match = locator.filter({ hasText: text }).first();
  try {
    await match.waitFor({ timeout });
  } catch {
    const shown = await locator.allInnerTexts().catch(() => []);
    throw new Error(`Waited ${timeout} ms for ${String(text)}; the page shows:\n${shown.join('\n---\n').slice(0, 4000)}`);
  }
  return match.innerText();
}
