import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ensureDevKeyPair } from '../../libs/auth/src/dev-keys';

/**
 * Before any test: compile the services (tests start them as separate processes from dist/) and
 * bring up the local broker and databases if they are not running yet; make the development key
 * pair the services trust. All idempotent.
 */
export default async function globalSetup(): Promise<void> {
  const root = resolve(__dirname, '../..');
  const run = (command: string, args: string[]) =>
    execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  run('npm', ['run', '--silent', 'build']);
  run('bash', ['deploy/local/up.sh']);
  await ensureDevKeyPair(resolve(root, '.cache/dev-keys'));
}
