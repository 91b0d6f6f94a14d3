import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

interface LockedPackage {
  version?: string;
  optionalDependencies?: Record<string, string>;
}

const ROOT = resolve(__dirname, '../..');
const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, LockedPackage>;
};

/** Where Node would find `name` from the package at `path`: its own node_modules, then upwards. */
function resolvesFrom(path: string, name: string): boolean {
  let from = path;
  for (;;) {
    if (lock.packages[`${from ? `${from}/` : ''}node_modules/${name}`]) return true;
    if (!from) return false;
    const parent = from.lastIndexOf('/node_modules/');
    from = parent < 0 ? '' : from.slice(0, parent);
  }
}

/**
 * `npm ci` refuses a lock file that lacks an entry for any optional dependency, including the
 * binaries of platforms other than the one installing ("Missing: @swc/core-darwin-x64 from lock
 * file"). npm writes such a lock when it updates the lock from an existing node_modules
 * (npm/cli#4828); `npm install --package-lock-only` puts the entries back.
 */
describe('the committed package-lock.json', () => {
  it('has an entry for every optional dependency of every package, for every platform', () => {
    const missing = Object.entries(lock.packages).flatMap(([path, locked]) =>
      Object.keys(locked.optionalDependencies ?? {})
        .filter((name) => !resolvesFrom(path, name))
        .map((name) => `${name} (optional for ${path || 'the root'})`),
    );

    expect(missing).toEqual([]);
  });
});
