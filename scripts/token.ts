/**
 * Prints a development bearer token signed by the local dev key, for calling services by hand:
 *   npm run token -- --role partner --org 6f1c2d3e-4a5b-4c6d-8e7f-901234567890
 * Only the token goes to stdout, so `TOKEN=$(npm run -s token -- ...)` works.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEV_AUDIENCE, DEV_ISSUER, ensureDevKeyPair, mintToken } from '../libs/auth/src/dev-keys';
import { parseTokenArgs } from '../libs/auth/src/token-cli';

/** Runs from scripts/ (ts) or dist/scripts/ (built), so the repository is found, not assumed. */
function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

async function main(): Promise<void> {
  const parsed = parseTokenArgs(process.argv.slice(2), process.env);
  if (!parsed.ok) {
    console.error(parsed.error);
    process.exitCode = 2;
    return;
  }
  const keysDir = join(repositoryRoot(__dirname), '.cache', 'dev-keys');
  const { privateKeyPem } = await ensureDevKeyPair(keysDir);
  const token = await mintToken(privateKeyPem, parsed.command.caller, {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    expiresIn: parsed.command.expiresIn,
  });
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
