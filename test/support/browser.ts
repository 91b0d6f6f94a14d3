import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, signInAs } from '../../scripts/support/chromium';
import { ROOT } from './service-process';

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

/** Headless Chromium (scripts/support/chromium.ts: Debian's, through executablePath). */
export const launchBrowser: () => Promise<Browser> = launchChromium;

/** A fresh browser profile (its own cookies) at the console's address. */
export function newPerson(
  browser: Browser,
  consoleUrl: string,
  viewport = DESKTOP,
): Promise<BrowserContext> {
  return browser.newContext({ baseURL: consoleUrl, viewport, locale: 'en-GB', timezoneId: 'UTC' });
}

export { signInAs };

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
