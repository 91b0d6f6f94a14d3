import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from '../support/service-process';

const WEB = resolve(ROOT, 'dist/apps/console/web');
const BUDGET_BYTES = 200 * 1024;

/**
 * The JavaScript a browser loads before the first screen: the entry script and the chunks
 * index.html preloads. Every screen's own chunk comes later, when it is first visited.
 */
function initialScripts(): string[] {
  const html = readFileSync(resolve(WEB, 'index.html'), 'utf8');
  const sources = [
    ...html.matchAll(/<script[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ];
  return sources.map((match) => match[1]);
}

describe("the console's built application (npm run build)", () => {
  it('loads at most 200 kB of JavaScript, gzipped, before the first screen', () => {
    const scripts = initialScripts();
    const bytes = scripts.reduce(
      (sum, src) => sum + gzipSync(readFileSync(resolve(WEB, `.${src}`))).length,
      0,
    );
    console.log(
      `initial JavaScript: ${scripts.length} file(s), ${(bytes / 1024).toFixed(1)} kB gzipped`,
    );

    expect(scripts.length).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('loads each screen lazily, in a chunk of its own', () => {
    const html = readFileSync(resolve(WEB, 'index.html'), 'utf8');
    for (const screen of ['queue', 'referral', 'new-referral', 'referrals', 'sign-in']) {
      expect({ screen, inInitialPage: new RegExp(`/assets/${screen}-`).test(html) }).toEqual({
        screen,
        inInitialPage: false,
      });
    }
  });
});
