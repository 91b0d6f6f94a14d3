import type { BenchResults } from './report';
import { summaryOf } from './summary';
import { LatencySummary } from './stats';

const latency = (p99: number): LatencySummary => ({ count: 1, p50: p99, p90: p99, p99, max: p99 });

const phase = (rate: number, assignedP99: number, webhookP99: number) =>
  ({
    label: `latency-${rate}`,
    rate,
    submitToAssignedMs: latency(assignedP99),
    submitToWebhookMs: latency(webhookP99),
  }) as BenchResults['latency'][number];

const cpu = (label: string, targetMsPerReferral: number) =>
  ({ label, targetMsPerReferral }) as BenchResults['cpu'][number];

const results = (): BenchResults => ({
  startedAt: '2026-12-06T00:00:00Z',
  machine: 'test',
  settings: {},
  latency: [phase(10, 20, 40), phase(50, 30, 90)],
  cpu: [cpu('10/s', 40), cpu('50/s', 12.34)],
  deliveries: [
    { label: '10/s', referrals: 100, deliveries: 1500, perReferral: 15 },
    { label: '50/s', referrals: 500, deliveries: 8000, perReferral: 16 },
  ],
  drains: [],
  idle: { seconds: 60, percentOfCore: 3.5, byProcess: {} },
  memory: {
    referrals: { sampledPeakMb: 120, hwmMb: 130 },
    insights: { sampledPeakMb: 150, hwmMb: 161 },
  },
  baseline: { throughputPerSecond: 8000 } as BenchResults['baseline'],
  throughput: { bestRate: 100 } as BenchResults['throughput'],
  floor: {
    rate: 50,
    referrals: 500,
    deliveriesPerReferral: 16,
    byProcess: { 'floor-referrals': 2.5, 'postgresql (floor databases)': 1.5 },
    msPerReferral: 4,
    drained: true,
  },
});

describe('the summary of a benchmark run', () => {
  it('takes the latency, CPU and deliveries of the 50/s phase, the largest peak RSS, the idle CPU and the floor', () => {
    expect(summaryOf(results())).toEqual({
      sustainedReferralsPerSecond: 100,
      cpuMsPerProcessedReferral: 12.3,
      p99SubmitToAssignedMsAt50: 30,
      p99SubmitToWebhookMsAt50: 90,
      idleCpuPercentOfCore: 3.5,
      peakRssMb: 161,
      kafkaDeliveriesPerReferral: 16,
      // 16 deliveries × 100 referrals/s against 8,000 raw messages/s.
      pipelineToRawKafkaRatio: 0.2,
      floorCpuMsPerReferral: 4,
    });
  });

  it('says null for what the run did not measure', () => {
    const partial: BenchResults = { ...results(), latency: [], cpu: [], deliveries: [] };
    delete partial.throughput;
    delete partial.idle;
    delete partial.memory;
    delete partial.floor;
    expect(summaryOf(partial)).toEqual({
      sustainedReferralsPerSecond: null,
      cpuMsPerProcessedReferral: null,
      p99SubmitToAssignedMsAt50: null,
      p99SubmitToWebhookMsAt50: null,
      idleCpuPercentOfCore: null,
      peakRssMb: null,
      kafkaDeliveriesPerReferral: null,
      pipelineToRawKafkaRatio: null,
      floorCpuMsPerReferral: null,
    });
  });
});
