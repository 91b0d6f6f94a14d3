import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { ROOT } from './service-process';

/** Debian's Chromium (`apt-get install -y chromium`); CHROMIUM_PATH names another. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

/** Headless Chromium driven by Playwright; fails with the command that installs it. */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/** A fresh browser profile (its own cookies) at the console's address. */
export function newPerson(
  browser: Browser,
  consoleUrl: string,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: consoleUrl, viewport, locale: 'en-GB', timezoneId: 'UTC' });
}

/** Signs in through the development "Sign in as" page, as a person would. */
export async function signInAs(
  page: Page,
  role: 'Partner case worker' | 'Dispatcher' | 'Programme administrator' | 'Auditor',
  organisation?: string,
): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Role').selectOption({ label: role });
  if (organisation) await page.getByLabel('Organisation').selectOption({ label: organisation });
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** The serious and critical violations axe finds on the page as it is (no rule disabled). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .map((node) => node.target.join(' '))
          .join(', ')}`,
    );
}

/** Saves a screenshot under docs/console/, the README's pictures. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const folder = resolve(ROOT, 'docs/console');
  mkdirSync(folder, { recursive: true });
  await page.screenshot({ path: resolve(folder, `${name}.png`), fullPage: true });
}
