import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Every import rule of `npm run check` rejects a fixture written to break it
 * (test/boundaries/fixtures), so a rule that stops biting is noticed. The repository itself is
 * checked by `npm run check`.
 */
const ROOT = resolve(__dirname, '../..');
const FIXTURES = resolve(__dirname, 'fixtures');
const bin = (name: string) => resolve(ROOT, 'node_modules/.bin', name);

/** Runs a checker on the fixtures; its JSON report on stdout. */
function runOnFixtures(command: string, args: string[]): string {
  const run = spawnSync(bin(command), args, { cwd: FIXTURES, encoding: 'utf8' });
  if (run.error) throw run.error;
  return run.stdout;
}

interface Violation {
  rule: string;
  from: string;
  to?: string;
}

function dependencyViolations(): Violation[] {
  const report = JSON.parse(
    runOnFixtures('depcruise', [
      '--config',
      resolve(ROOT, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
      'apps',
      'libs',
      'scripts',
    ]),
  ) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return report.summary.violations.map(({ rule, from, to }) => ({ rule: rule.name, from, to }));
}

function lintViolations(): Violation[] {
  const report = JSON.parse(
    runOnFixtures('eslint', [
      '--no-ignore',
      '--config',
      resolve(ROOT, 'eslint.config.mjs'),
      '--format',
      'json',
      'apps',
      'libs',
      'scripts',
    ]),
  ) as { filePath: string; messages: { ruleId: string | null; message: string }[] }[];
  return report.flatMap(({ filePath, messages }) =>
    messages.map((message) => ({
      rule: `${message.ruleId ?? 'parse'}: ${message.message}`,
      from: filePath.slice(FIXTURES.length + 1),
    })),
  );
}

describe('the import rules', () => {
  let dependencies: Violation[];
  let lint: Violation[];
  beforeAll(() => {
    dependencies = dependencyViolations();
    lint = lintViolations();
  });

  it('refuse an app that imports another app', () => {
    expect(dependencies).toContainEqual({
      rule: 'no-app-imports-another-app',
      from: 'apps/beta/src/reaches-into-alpha.ts',
      to: 'apps/alpha/src/alpha.ts',
    });
  });

  it('refuse a library that imports an app', () => {
    expect(dependencies).toContainEqual({
      rule: 'libs-never-import-apps',
      from: 'libs/gamma/src/imports-an-app.ts',
      to: 'apps/alpha/src/index.ts',
    });
  });

  it("refuse a script that reaches inside a service, and let it use the service's public module", () => {
    expect(dependencies.filter(({ from }) => from.startsWith('scripts/'))).toEqual([
      {
        rule: 'scripts-use-public-modules',
        from: 'scripts/reaches-inside-an-app.ts',
        to: 'apps/alpha/src/alpha.ts',
      },
    ]);
  });

  it('refuse TypeORM in a domain folder', () => {
    expect(lint).toContainEqual({
      rule: expect.stringMatching(/^no-restricted-imports: 'typeorm' import is restricted/),
      from: 'apps/alpha/src/domain/reads-the-database.ts',
    });
  });

  it('refuse a versioned event payload in a domain folder, and allow the shared vocabulary', () => {
    expect(lint.filter(({ from }) => from.endsWith('reads-a-payload.ts'))).toEqual([
      {
        rule: expect.stringMatching(
          /^no-restricted-imports: 'AgreementSnapshotV1' import from '@concord\/contracts' is restricted/,
        ),
        from: 'apps/alpha/src/domain/reads-a-payload.ts',
      },
    ]);
  });

  it('refuse a controller that takes a DataSource', () => {
    expect(lint).toContainEqual({
      rule: expect.stringMatching(/^no-restricted-imports: 'DataSource' import from 'typeorm'/),
      from: 'apps/alpha/src/alpha.controller.ts',
    });
  });

  it('lint plain JavaScript too', () => {
    expect(lint).toContainEqual({
      rule: "no-undef: 'undefinedSetting' is not defined.",
      from: 'apps/alpha/src/tooling.mjs',
    });
  });
});
