import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { HOPS, PhaseResult } from './hand-off-phase';
import { BaselineResult } from './kafka-baseline';
import { LatencySummary } from './stats';
import { renderLineChart } from './svg-chart';
import type { GrowthResult } from './growth';
import type { ProfileResult } from './profile';
import type { ThroughputResult } from './throughput';
import type { Deliveries } from './accounted-phase';
import { BenchSummary, summaryOf } from './summary';
import { CpuUse, GENERATOR, IdleCpu } from './cpu-accounting';
import { Drain } from './drain';
import type { FloorResult } from './floor';

/** The headline figures beside the targets. */
function summaryTable(summary: BenchSummary): string {
  const shown = (value: number | null, unit = '') => (value === null ? '–' : `${value}${unit}`);
  return markdownTable(
    ['figure', 'measured', 'target'],
    [
      [
        'CPU per fully processed referral, all processes (at 50/s)',
        shown(summary.cpuMsPerProcessedReferral, ' ms'),
        '≤ 8 ms',
      ],
      [
        'sustained referrals/s, fully processed',
        shown(summary.sustainedReferralsPerSecond),
        '≥ 200',
      ],
      ['submit → assigned p99 at 50/s', shown(summary.p99SubmitToAssignedMsAt50, ' ms'), '≤ 50 ms'],
      [
        'submit → partner webhook p99 at 50/s',
        shown(summary.p99SubmitToWebhookMsAt50, ' ms'),
        '≤ 150 ms',
      ],
      [
        'idle CPU, whole system',
        shown(summary.idleCpuPercentOfCore, ' % of a core'),
        '≤ 2 % of a core',
      ],
      ['peak RSS, largest service', shown(summary.peakRssMb, ' MB'), '≤ 150 MB'],
      ['Kafka deliveries per referral (at 50/s)', shown(summary.kafkaDeliveriesPerReferral), '–'],
      ['pipeline deliveries/s ÷ raw kafkajs msg/s', shown(summary.pipelineToRawKafkaRatio), '–'],
      [
        'floor: do-nothing consumers of the same deliveries, CPU per referral',
        shown(summary.floorCpuMsPerReferral, ' ms'),
        '–',
      ],
    ],
  );
}

/** Everything one run measured; written as docs/benchmarks.json. */
export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  machine: string;
  settings: Record<string, unknown>;
  baseline?: BaselineResult;
  latency: PhaseResult[];
  throughput?: ThroughputResult;
  profile?: ProfileResult;
  growth?: GrowthResult;
  /** Backlogs left by the latency phases and the profile, and how long they took to work off. */
  drains: Drain[];
  /** CPU time per process during each latency phase, until its backlog was drained. */
  cpu: CpuUse[];
  /** Kafka deliveries during each latency phase, until its backlog was drained. */
  deliveries: Deliveries[];
  idle?: IdleCpu;
  /** The messaging library's floor, measured beside a phase at 50/s. */
  floor?: FloorResult;
  /** Peak memory of each service over the whole run. */
  memory?: Record<string, { sampledPeakMb: number; hwmMb: number }>;
  summary?: BenchSummary;
}

const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));
const triple = (summary: LatencySummary) =>
  `${ms(summary.p50)} / ${ms(summary.p90)} / ${ms(summary.p99)}`;

/** A Markdown table; also readable as plain text on a terminal. */
export function markdownTable(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

function latencyTable(results: BenchResults): string {
  return markdownTable(
    [
      'offered load (/s)',
      'accepted / fully processed',
      'submit → 201 p50/p90/p99 ms',
      'submit → assigned p50/p90/p99 ms',
      'submit → webhook p50/p90/p99 ms',
      'generator lag max ms',
    ],
    results.latency.map((phase) => [
      phase.rate,
      `${phase.accepted} / ${phase.completed}`,
      triple(phase.submitToAnsweredMs),
      triple(phase.submitToAssignedMs),
      triple(phase.submitToWebhookMs),
      phase.maxSendDelayMs,
    ]),
  );
}

function hopTable(phase: PhaseResult): string {
  return markdownTable(
    ['hop', 'p50 ms', 'p90 ms', 'p99 ms'],
    HOPS.map((hop) => [
      hop,
      ms(phase.hopsMs[hop].p50),
      ms(phase.hopsMs[hop].p90),
      ms(phase.hopsMs[hop].p99),
    ]),
  );
}

function baselineTable(baseline: BaselineResult): string {
  return markdownTable(
    ['raw kafkajs', 'messages', 'bytes each', 'throughput msg/s', 'latency p50/p90/p99 ms'],
    [
      [
        'saturated (batches of 100)',
        baseline.messages,
        baseline.messageBytes,
        baseline.throughputPerSecond,
        triple(baseline.saturatedLatencyMs),
      ],
      [
        `light (${baseline.lightRate}/s, one per send)`,
        '',
        baseline.messageBytes,
        '',
        triple(baseline.lightLatencyMs),
      ],
    ],
  );
}

function throughputTables(throughput: ThroughputResult, baseline?: BaselineResult): string {
  const steps = markdownTable(
    ['offered /s', 'seconds', 'accepted', 'fully processed', 'max lag', 'sustained', 'why'],
    throughput.steps.map((step) => [
      step.rate,
      step.seconds,
      step.accepted,
      step.completed,
      step.maxLag,
      step.sustained ? 'yes' : 'no',
      step.reason,
    ]),
  );
  const ratio =
    baseline && throughput.bestRate > 0
      ? `${((throughput.bestRate / baseline.throughputPerSecond) * 100).toFixed(1)} % of the raw baseline (${baseline.throughputPerSecond} msg/s)`
      : 'no ratio (baseline not run or nothing sustained)';
  const memory = markdownTable(
    ['service', 'peak RSS sampled MB', 'VmHWM MB'],
    Object.entries(throughput.memory).map(([service, peak]) => [
      service,
      peak.sampledPeakMb,
      peak.hwmMb,
    ]),
  );
  return `${steps}\n\nBest sustained: **${throughput.bestRate} referrals/s**, ${ratio}.\n\n${memory}`;
}

/** CPU milliseconds per fully processed referral of each process, per latency phase. */
function cpuTable(uses: CpuUse[]): string {
  const processes = (uses[0]?.shares.map((share) => share.process) ?? []).filter(
    (name) => name !== GENERATOR,
  );
  return markdownTable(
    [
      'offered load',
      'fully processed',
      ...processes.map((name) => `${name} ms`),
      'total ms',
      'load generator and watchers ms',
      'cores busy',
    ],
    uses.map((use) => [
      use.label,
      use.referrals,
      ...processes.map((name) =>
        (use.shares.find((share) => share.process === name)?.msPerReferral ?? 0).toFixed(1),
      ),
      use.targetMsPerReferral.toFixed(1),
      use.generatorMsPerReferral.toFixed(1),
      `${use.coresBusy.toFixed(2)} of ${use.cores}`,
    ]),
  );
}

function idleTable(idle: IdleCpu): string {
  return markdownTable(
    ['process', '% of a core'],
    [
      ...Object.entries(idle.byProcess).map(([process, percent]) => [process, percent]),
      ['**all**', `**${idle.percentOfCore}**`],
    ],
  );
}

function floorTable(floor: FloorResult): string {
  return markdownTable(
    ['process', 'CPU ms per referral'],
    [
      ...Object.entries(floor.byProcess).map(([process, msPerReferral]) => [
        process,
        msPerReferral,
      ]),
      ['**floor**', `**${floor.msPerReferral}**`],
    ],
  );
}

const FLOOR_METHOD = (floor: FloorResult) =>
  `Beside a phase at ${floor.rate}/s (${floor.referrals} referrals fully processed), one consumer per service in a group of its own (scripts/bench/floor/main.ts) read the same topics and handled exactly the service's event types with handlers that do nothing: the platform's consumer with its batches, dedup records and offset commits, and nothing else. Their processes' CPU and their databases' PostgreSQL backends, per referral, are the consumer side of what the messaging library costs before any domain work; the broker's share of it and the publishing side (outbox, relay) are not separable here and are not in it. They took ${floor.deliveriesPerReferral} messages per referral${floor.drained ? '' : ' (NOT drained within BENCH_DRAIN_SECONDS)'}.`;

function deliveriesTable(deliveries: Deliveries[]): string {
  return markdownTable(
    ['offered load', 'fully processed', 'Kafka deliveries', 'per referral'],
    deliveries.map((entry) => [entry.label, entry.referrals, entry.deliveries, entry.perReferral]),
  );
}

function memoryTable(memory: Record<string, { sampledPeakMb: number; hwmMb: number }>): string {
  return markdownTable(
    ['service', 'peak RSS sampled MB', 'VmHWM MB'],
    Object.entries(memory).map(([service, peak]) => [service, peak.sampledPeakMb, peak.hwmMb]),
  );
}

/** The backlog each overloaded part or step left, and how long the services took to work it off. */
function drainTable(drains: Drain[]): string {
  return markdownTable(
    ['after', 'backlog (messages)', 'worked off in s', 'drained'],
    drains
      .filter((drain) => drain.backlog > 0)
      .map((drain) => [
        drain.after,
        drain.backlog,
        drain.seconds.toFixed(0),
        drain.drained ? 'yes' : 'no (BENCH_DRAIN_SECONDS)',
      ]),
  );
}

function growthTable(growth: GrowthResult): string {
  const rollups = growth.sizes
    .map((size) => `${size.rollupSeconds} s at ${size.referrals}`)
    .join(', ');
  const table = markdownTable(
    ['referrals in the databases', 'call', 'p50 ms', 'p99 ms', 'calls'],
    growth.sizes.flatMap((size) =>
      size.calls.map((call) => [size.referrals, call.name, ms(call.p50), ms(call.p99), call.count]),
    ),
  );
  return `${table}\n\nInsights rolled the generated days up into referral_day_figures before the calls: ${rollups}.`;
}

function profileTables(profile: ProfileResult): string {
  const queries = markdownTable(
    ['database', 'share of active samples', 'samples', 'query'],
    profile.queries.map((query) => [
      query.database,
      `${(query.share * 100).toFixed(1)} %`,
      query.samples,
      `\`${query.query.replace(/\|/g, '\\|')}\``,
    ]),
  );
  return `${profile.method}\n\n${hopTable(profile.phase)}\n\n${queries}`;
}

/** Prints what was measured as tables on stdout. */
export function printResults(results: BenchResults): void {
  console.log(`\nConcord benchmark, ${results.machine}\n`);
  if (results.summary) console.log(`${summaryTable(results.summary)}\n`);
  if (results.baseline) console.log(`${baselineTable(results.baseline)}\n`);
  if (results.idle) console.log(`${idleTable(results.idle)}\n`);
  if (results.latency.length > 0) console.log(`${latencyTable(results)}\n`);
  if (results.cpu.length > 0) console.log(`${cpuTable(results.cpu)}\n`);
  if (results.deliveries.length > 0) console.log(`${deliveriesTable(results.deliveries)}\n`);
  if (results.floor) console.log(`${floorTable(results.floor)}\n`);
  if (results.memory) console.log(`${memoryTable(results.memory)}\n`);
  const drains = [...results.drains, ...(results.throughput?.drains ?? [])];
  if (drains.some((drain) => drain.backlog > 0)) console.log(`${drainTable(drains)}\n`);
  if (results.throughput)
    console.log(`${throughputTables(results.throughput, results.baseline)}\n`);
  if (results.profile) console.log(`${profileTables(results.profile)}\n`);
  if (results.growth) console.log(`${growthTable(results.growth)}\n`);
}

/** The latency chart: submit → assigned and → webhook, p50 and p99, against offered load. */
export function latencyChart(results: BenchResults): string {
  const series = (name: string, pick: (phase: PhaseResult) => number | null) => ({
    name,
    points: results.latency.flatMap((phase) => {
      const y = pick(phase);
      return y === null ? [] : [{ x: phase.rate, y }];
    }),
  });
  return renderLineChart({
    title: 'Hand-off latency against offered load (open loop)',
    xLabel: 'offered load, referrals per second (log scale)',
    yLabel: 'latency, ms',
    logX: true,
    series: [
      series('→ assigned p50', (phase) => phase.submitToAssignedMs.p50),
      series('→ assigned p99', (phase) => phase.submitToAssignedMs.p99),
      series('→ webhook p50', (phase) => phase.submitToWebhookMs.p50),
      series('→ webhook p99', (phase) => phase.submitToWebhookMs.p99),
    ],
  });
}

/** The figures part of docs/benchmarks.md, between its generated-section markers. */
export function resultsMarkdown(results: BenchResults): string {
  const parts = [
    `Run ${results.startedAt} → ${results.finishedAt ?? '?'} on ${results.machine}.`,
    `Settings: \`${JSON.stringify(results.settings)}\``,
  ];
  if (results.summary) parts.push('### Summary', summaryTable(results.summary));
  if (results.baseline) parts.push('### Raw Kafka baseline', baselineTable(results.baseline));
  if (results.idle) {
    parts.push(
      '### Idle',
      `CPU of the services, the broker and PostgreSQL over ${results.idle.seconds.toFixed(0)} s in which nothing was asked of them.`,
      idleTable(results.idle),
    );
  }
  if (results.latency.length > 0) {
    parts.push(
      '### Hand-off latency',
      latencyTable(results),
      '![Hand-off latency against offered load](benchmarks-latency.svg)',
    );
  }
  if (results.cpu.length > 0) {
    parts.push(
      '### CPU per referral',
      "CPU milliseconds per fully processed referral (assigned, funding reserved, partner notified) of each process, counted from the start of each latency phase until its backlog was drained (background work included: polls, heartbeats), from `/proc/<pid>/stat`; PostgreSQL is every server process. The total is the services, the broker and PostgreSQL; the benchmark's own load generator and watchers are shown on their own, outside it. Cores busy is the total divided by the wall time.",
      cpuTable(results.cpu),
    );
  }
  if (results.floor) {
    parts.push('### The floor', FLOOR_METHOD(results.floor), floorTable(results.floor));
  }
  if (results.deliveries.length > 0) {
    parts.push(
      '### Kafka deliveries',
      "Messages the services' consumer groups consumed during each latency phase, until its backlog was drained: every event once per service subscribed to its topic.",
      deliveriesTable(results.deliveries),
    );
  }
  if (results.memory) {
    parts.push(
      '### Memory',
      'Peak memory of each service over the whole run.',
      memoryTable(results.memory),
    );
  }
  const drains = [...results.drains, ...(results.throughput?.drains ?? [])];
  if (drains.some((drain) => drain.backlog > 0)) {
    parts.push(
      '### Backlogs',
      'What an overloaded phase or step left queued (consumer lag summed over the services), and how long the services took to work it off before the next part began.',
      drainTable(drains),
    );
  }
  if (results.throughput) {
    parts.push('### Throughput and memory', throughputTables(results.throughput, results.baseline));
  }
  if (results.profile) parts.push('### Where the time goes', profileTables(results.profile));
  if (results.growth) parts.push('### Growth', growthTable(results.growth));
  return parts.join('\n\n');
}

export const RESULTS_BEGIN = '<!-- bench:results:begin (npm run bench writes this part) -->';
export const RESULTS_END = '<!-- bench:results:end -->';

/** Formats a report file the way `npm run format` would, so the check in CI passes. */
async function formatted(path: string, text: string): Promise<string> {
  return format(text, { ...(await resolveConfig(path)), filepath: path });
}

/** Writes benchmarks.json, benchmarks-latency.svg and the results part of benchmarks.md. */
export async function writeReports(results: BenchResults, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = join(dir, 'benchmarks.json');
  const svg = join(dir, 'benchmarks-latency.svg');
  const md = join(dir, 'benchmarks.md');
  // The headline figures first, under one key.
  const ordered = { summary: results.summary ?? summaryOf(results), ...results };
  await writeFile(json, await formatted(json, JSON.stringify(ordered, null, 2)));
  await writeFile(svg, latencyChart(results));
  const existing = await readFile(md, 'utf8').catch(
    () => `# Benchmarks\n\n${RESULTS_BEGIN}\n${RESULTS_END}\n`,
  );
  const begin = existing.indexOf(RESULTS_BEGIN);
  const end = existing.indexOf(RESULTS_END);
  const generated = `${RESULTS_BEGIN}\n\n${resultsMarkdown(results)}\n\n${RESULTS_END}`;
  const next =
    begin >= 0 && end > begin
      ? `${existing.slice(0, begin)}${generated}${existing.slice(end + RESULTS_END.length)}`
      : `${existing.trimEnd()}\n\n${generated}\n`;
  await writeFile(md, await formatted(md, next));
  return [json, svg, md];
}
