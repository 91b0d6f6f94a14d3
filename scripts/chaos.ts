/**
 * npm run chaos: plays each chaos scenario against an isolated Concord (its own broker, database
 * cluster and service processes), prints the table and writes docs/chaos.md and docs/chaos.json
 * (after each scenario, so that an interrupted run still leaves what it found).
 * Exits 1 if any acknowledged referral was lost, duplicated or left inconsistent.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chaosMarkdown, ChaosReport, resultTable } from './chaos/chaos-report';
import { ChaosRun, ScenarioResult } from './chaos/chaos-run';
import { SCENARIOS } from './chaos/faults';
import { chaosSettings } from './chaos/settings';

const root = resolve(__dirname, '..', '..');
const settings = chaosSettings();

function writeReport(
  results: ScenarioResult[],
  recheck: ChaosReport['recheckedAfterLastScenario'],
): void {
  const { firstHttpPort: _port, ...shown } = settings;
  const report: ChaosReport = {
    date: new Date().toISOString(),
    recheckedAfterLastScenario: recheck,
    settings: shown,
    machine: `${cpus().length} cores, Node ${process.version}`,
    results,
  };
  writeFileSync(join(root, 'docs/chaos.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'docs/chaos.md'), chaosMarkdown(report));
}

const failed = (result: ScenarioResult) =>
  result.lost + result.duplicated + result.inconsistent > 0 ||
  result.kpiFinding !== null ||
  result.settleSeconds === null ||
  (result.poison !== null && result.poison.deadLettered < result.poison.injected);

async function main(): Promise<number> {
  const run = new ChaosRun(root, settings);
  const results: ScenarioResult[] = [];
  try {
    await run.setUp();
    for (const name of settings.scenarios) {
      results.push(await run.play(SCENARIOS[name]));
      writeReport(results, 'not yet');
    }
    const recheckFailures = await run.recheck();
    writeReport(results, recheckFailures.length === 0 ? 'all reconcile' : recheckFailures);
    console.log(`\n${resultTable(results)}\n\nWritten to docs/chaos.md and docs/chaos.json.`);
    for (const { scenario, reconciliation } of recheckFailures)
      console.log(
        `Re-checked after the last scenario, ${scenario} no longer reconciles: ${JSON.stringify(reconciliation.problems.slice(0, 5))}`,
      );
    return recheckFailures.length > 0 || results.some(failed) ? 1 : 0;
  } finally {
    await run.tearDown();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
