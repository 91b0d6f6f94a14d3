import type { BenchResults } from './report';

/** The headline figures of a run (docs/benchmarks.json `summary`); null where not measured. */
export interface BenchSummary {
  /** The highest offered rate the throughput search sustained, fully processed. */
  sustainedReferralsPerSecond: number | null;
  /** At 50/s: the services, the broker and PostgreSQL, counted until the backlog drained. */
  cpuMsPerProcessedReferral: number | null;
  p99SubmitToAssignedMsAt50: number | null;
  p99SubmitToWebhookMsAt50: number | null;
  idleCpuPercentOfCore: number | null;
  /** The largest peak RSS (VmHWM) over the services, over the whole run. */
  peakRssMb: number | null;
  /** At 50/s: events consumed per referral, each once per service subscribed to its topic. */
  kafkaDeliveriesPerReferral: number | null;
  /** Pipeline deliveries per second at the sustained rate, over the raw kafkajs baseline's msg/s. */
  pipelineToRawKafkaRatio: number | null;
  /**
   * The floor beside the CPU figure: do-nothing consumers of the same deliveries and their
   * dedup records (their processes and database backends; not the broker, not publishing).
   */
  floorCpuMsPerReferral: number | null;
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The summary of what a run measured. */
export function summaryOf(results: BenchResults): BenchSummary {
  const at50 = results.latency.find((phase) => phase.rate === 50);
  const cpuAt50 = results.cpu.find((use) => use.label === '50/s');
  const deliveriesAt50 = results.deliveries.find((entry) => entry.label === '50/s');
  const sustained = results.throughput?.bestRate ?? null;
  const peaks = Object.values(results.memory ?? {}).map((peak) => peak.hwmMb);
  const ratio =
    sustained && deliveriesAt50 && results.baseline
      ? round((deliveriesAt50.perReferral * sustained) / results.baseline.throughputPerSecond, 3)
      : null;
  return {
    sustainedReferralsPerSecond: sustained,
    cpuMsPerProcessedReferral: cpuAt50 ? round(cpuAt50.targetMsPerReferral) : null,
    p99SubmitToAssignedMsAt50: at50?.submitToAssignedMs.p99 ?? null,
    p99SubmitToWebhookMsAt50: at50?.submitToWebhookMs.p99 ?? null,
    idleCpuPercentOfCore: results.idle?.percentOfCore ?? null,
    peakRssMb: peaks.length > 0 ? Math.max(...peaks) : null,
    kafkaDeliveriesPerReferral: deliveriesAt50?.perReferral ?? null,
    pipelineToRawKafkaRatio: ratio,
    floorCpuMsPerReferral: results.floor?.msPerReferral ?? null,
  };
}
