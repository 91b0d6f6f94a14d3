/**
 * npm run chaos: plays each chaos scenario against an isolated Concord (its own broker, database
 * cluster and service processes), prints the table and writes docs/chaos.md and docs/chaos.json.
 * Exits 1 if any acknowledged referral was lost, duplicated or left inconsistent.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { chaosMarkdown, ChaosReport, resultTable } from './chaos/chaos-report';
import { ChaosRun, ScenarioResult } from './chaos/chaos-run';
import { SCENARIOS } from './chaos/faults';
import { ChaosSettings, chaosSettings } from './chaos/settings';

/** Sets the chaos system up, plays each scenario, re-checks them all, and always tears down. */
async function playAll(run: ChaosRun, settings: ChaosSettings) {
  try {
    await run.setUp();
    const results: ScenarioResult[] = [];
    for (const name of settings.scenarios) results.push(await run.play(SCENARIOS[name]));
    return { results, recheckFailures: await run.recheck() };
  } finally {
    await run.tearDown();
  }
}

async function main(): Promise<number> {
  const root = resolve(__dirname, '..', '..');
  const settings = chaosSettings();
  const { results, recheckFailures } = await playAll(new ChaosRun(root, settings), settings);
  const { firstHttpPort: _port, ...shown } = settings;
  const report: ChaosReport = {
    date: new Date().toISOString(),
    recheckedAfterLastScenario: recheckFailures.length === 0 ? 'all reconcile' : recheckFailures,
    settings: shown,
    machine: `${cpus().length} cores, Node ${process.version}`,
    results,
  };
  writeFileSync(join(root, 'docs/chaos.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'docs/chaos.md'), chaosMarkdown(report));
  console.log(`\n${resultTable(results)}\n\nWritten to docs/chaos.md and docs/chaos.json.`);
  for (const { scenario, reconciliation } of recheckFailures)
    console.log(
      `Re-checked after the last scenario, ${scenario} no longer reconciles: ${JSON.stringify(reconciliation.problems.slice(0, 5))}`,
    );
  const failed =
    recheckFailures.length > 0 ||
    results.some(
      (result) =>
        result.lost + result.duplicated + result.inconsistent > 0 ||
        result.kpiFinding !== null ||
        result.settleSeconds === null,
    );
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
