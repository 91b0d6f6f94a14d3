import { existsSync } from 'node:fs';
import { Browser, chromium, Page } from 'playwright-core';

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

/**
 * Headless Chromium driven by Playwright (playwright-core, which brings no browser of its own:
 * PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 is not even needed); fails with the command that installs it.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH)`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS });
}

/** Signs in through the console's development "Sign in as" page, as a person would. */
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
