/**
 * `npm run bench`: brings up the broker, fresh databases and the five services, sets up fixtures
 * over the HTTP APIs, then measures the raw Kafka baseline, hand-off latency at fixed offered
 * loads, the highest sustained throughput with the services' memory, where the time goes, and
 * how reads grow with the data; prints a table and writes docs/benchmarks.{json,md}.
 * Settings: docs/benchmarks.md.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { measureGrowth } from './bench/growth';
import { runKafkaBaseline } from './bench/kafka-baseline';
import { profileHandOff } from './bench/profile';
import { runAccountedPhase } from './bench/accounted-phase';
import { runHandOffPhase } from './bench/hand-off-phase';
import { BenchResults, printResults, writeReports } from './bench/report';
import { summaryOf } from './bench/summary';
import { loadSettings } from './bench/settings';
import { startBenchSystem } from './bench/system';
import { findSustainedThroughput } from './bench/throughput';
import { measureIdleCpu } from './bench/cpu-accounting';
import { drainBacklog } from './bench/drain';
import { measureFloor } from './bench/floor';
import { sampleMemory } from './bench/services';

function repositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

const log = (line: string) => console.log(`[bench] ${line}`);

async function main(): Promise<void> {
  const settings = loadSettings();
  const root = repositoryRoot(__dirname);
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    settings: {
      phaseSeconds: settings.phaseSeconds,
      latencyRates: settings.latencyRates,
      idleSeconds: settings.idleSeconds,
      engineInstances: settings.engineInstances,
      tracing: settings.tracing,
      throughputSeconds: settings.throughputSeconds,
      growthSizes: settings.growthSizes,
      baselineMessages: settings.baselineMessages,
      parts: [...settings.parts],
    },
    machine: machineDescription(),
    latency: [],
    drains: [],
    cpu: [],
    deliveries: [],
  };
  const system = await startBenchSystem(settings, root, log);
  const memory = sampleMemory(system.services);
  try {
    const grace = settings.graceSeconds * 1000;
    if (settings.parts.has('baseline')) {
      log(`raw Kafka baseline: ${settings.baselineMessages} messages`);
      results.baseline = await runKafkaBaseline(
        system.kafka,
        settings.baselineMessages,
        50,
        Math.min(settings.phaseSeconds, 10),
      );
    }
    if (settings.parts.has('idle')) {
      await drainBacklog(system, 'fixtures');
      log(`idle CPU of the whole system over ${settings.idleSeconds} s`);
      results.idle = await measureIdleCpu(system.services, settings.idleSeconds);
    }
    if (settings.parts.has('latency')) {
      // A short warm-up: JIT, connection pools and consumer fetch sessions.
      await runHandOffPhase(system.target, system.tracker, 'warmup', 20, 3, grace);
      await drainBacklog(system, 'warm-up');
      for (const rate of settings.latencyRates) {
        log(`hand-off latency at ${rate}/s for ${settings.phaseSeconds} s (open loop)`);
        // CPU and deliveries are counted until the backlog is drained (the next phase, or
        // part, then measures its own load, not this one's queue).
        const accounted = await runAccountedPhase(system, rate, settings.phaseSeconds);
        results.latency.push(accounted.phase);
        results.cpu.push(accounted.cpu);
        results.drains.push(accounted.drain);
        results.deliveries.push(accounted.deliveries);
      }
    }
    if (settings.parts.has('floor')) {
      const rate = settings.latencyRates.includes(50) ? 50 : settings.latencyRates[0];
      log(`floor: do-nothing consumers beside the services at ${rate}/s`);
      results.floor = await measureFloor(system, rate, settings.phaseSeconds);
      results.drains.push(await drainBacklog(system, `floor ${rate}/s`));
    }
    if (settings.parts.has('profile')) {
      const rate = settings.latencyRates.includes(50) ? 50 : settings.latencyRates[0];
      log(`profile of the hand-off at ${rate}/s for ${settings.phaseSeconds} s`);
      results.profile = await profileHandOff(system, rate, settings.phaseSeconds);
      results.drains.push(await drainBacklog(system, `profile ${rate}/s`));
    }
    // Growth before throughput: the 10k size needs fewer referrals than a throughput run makes.
    if (settings.parts.has('growth')) {
      log(`growth: reads at ${settings.growthSizes.join(', ')} referrals`);
      results.growth = await measureGrowth(system);
    }
    if (settings.parts.has('throughput')) {
      log('throughput: stepping the offered rate');
      results.throughput = await findSustainedThroughput(system);
    }
    results.memory = await memory.stop();
  } finally {
    await system.stop();
  }
  results.finishedAt = new Date().toISOString();
  results.summary = summaryOf(results);
  printResults(results);
  if (settings.outputDir) {
    const written = await writeReports(results, join(root, settings.outputDir));
    log(`wrote ${written.join(', ')}`);
  }
}

function machineDescription(): string {
  const load = loadavg().map((value) => value.toFixed(2));
  return `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load average ${load.join(' ')} at start, Node ${process.version}`;
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
