import { randomUUID } from 'node:crypto';
import { ChaosApi } from './chaos-api';
import { ChaosSystem } from './chaos-system';
import { deadLetterTopicOf } from '../../libs/contracts/src/topics';
import { FaultContext, Scenario } from './faults';
import { crisisCall } from '../support/crisis-call';
import { ChaosFixtures, setUpProgramme } from './fixtures';
import { submitReferrals } from './load-generator';
import { observe } from './observe';
import { PartnerWorkers } from './partner-worker';
import { eventually } from '@concord/testing';
import { sleep } from './poll';
import { Acknowledgement, Reconciliation, reconcile } from './reconciliation';
import { ChaosSettings } from './settings';
import { WebhookReceiver } from '@concord/testing';
import { receiptsOf, startWebhookReceiver } from './webhook-receiver';

/** One row of the chaos table. */
export interface ScenarioResult {
  scenario: string;
  property: string;
  sent: number;
  acknowledged: number;
  reconciled: number;
  lost: number;
  duplicated: number;
  inconsistent: number;
  /** From the end of the load and faults until every acknowledged referral reconciled; null if never. */
  settleSeconds: number | null;
  /** Set when the KPI report's count of the scenario's referrals was not the referrals service's. */
  kpiFinding: string | null;
  /** Up to 20 referrals that did not reconcile, with why; and submissions never acknowledged. */
  problems: { referralId: string; verdict: string; findings: string[] }[];
  unacknowledged: { idempotencyKey: string; last: string }[];
  /** For a scenario that injected poison: how many messages, and how many reached a DLQ. */
  poison: { injected: number; deadLettered: number } | null;
}

/** How long the dead-letter topics are read for the poison a scenario injected. */
const DLQ_READ_TIMEOUT_MS = 60_000;

const RECONCILE_EVERY_MS = 2000;

/**
 * A chaos run: the isolated system, the programme it serves, the partners at work and the
 * receiver of their webhooks; scenarios are played on it one after the other.
 */
export class ChaosRun {
  readonly system: ChaosSystem;
  private webhooks?: WebhookReceiver;
  private readonly api: ChaosApi;
  private workers?: PartnerWorkers;
  private fixtures?: ChaosFixtures;
  private readonly runId = randomUUID().slice(0, 8);
  /** What each scenario played so far submitted, for the final re-check. */
  private readonly played: { scenario: string; incidentPrefix: string; acks: Acknowledgement[] }[] =
    [];

  constructor(
    root: string,
    readonly settings: ChaosSettings,
    private readonly log: (line: string) => void = (line) => console.log(`[chaos] ${line}`),
  ) {
    this.system = new ChaosSystem(root, settings);
    this.api = new ChaosApi(this.system);
  }

  /** The partners' webhook endpoint, once set up. */
  get receiver(): WebhookReceiver {
    if (!this.webhooks) throw new Error('the chaos run is not set up');
    return this.webhooks;
  }

  async setUp(): Promise<void> {
    await this.system.start(this.log);
    this.webhooks = await startWebhookReceiver();
    this.fixtures = await setUpProgramme(this.api, this.receiver.urlFor('/partners'));
    this.workers = new PartnerWorkers(this.api, this.fixtures.partners);
    this.workers.start();
    await this.warmUp(this.fixtures.agencyId);
    this.log(
      `programme  agency, two partners in force and funded, webhooks to ${this.receiver.urlFor('/partners')}`,
    );
  }

  /** One referral through to an offer: routing knows the agreements and the budgets. */
  private async warmUp(agencyId: string): Promise<void> {
    const submitted = await this.api.expectOk(
      { role: 'dispatcher', org: agencyId },
      'referrals',
      'POST',
      '/referrals',
      crisisCall(`CHAOS-${this.runId}-warm-up`),
    );
    await eventually(
      'the warm-up referral to be offered',
      async () => {
        const view = await this.api.call(
          { role: 'dispatcher', org: agencyId },
          'referrals',
          'GET',
          `/referrals/${String(submitted.id)}`,
        );
        return view.body.status !== 'awaiting-assignment';
      },
      120_000,
      250,
    );
  }

  async play(scenario: Scenario): Promise<ScenarioResult> {
    if (!this.fixtures) throw new Error('setUp() first');
    const { referralsPerScenario: count, rate } = this.settings;
    const incidentPrefix = `CHAOS-${this.runId}-${scenario.name}`;
    this.log(`${scenario.name}: ${count} referrals at ${rate}/s`);
    const loadMs = (count / rate) * 1000;
    const loadStarted = Date.now();
    const poisoned: FaultContext['poisoned'] = [];
    const [load] = await Promise.all([
      submitReferrals(this.api, this.fixtures.agencyId, { count, rate, incidentPrefix }),
      scenario.fault({
        system: this.system,
        receiver: this.receiver,
        loadMs,
        log: (line) => this.log(`${scenario.name}: ${line}`),
        poisoned,
      }),
    ]);
    this.played.push({ scenario: scenario.name, incidentPrefix, acks: load.acknowledged });
    this.log(`${scenario.name}: ${load.acknowledged.length}/${load.sent} acknowledged; settling`);
    const settleStarted = Date.now();
    const kpiFrom = new Date(loadStarted).toISOString();
    let last: Reconciliation | undefined;
    let settleSeconds: number | null = null;
    let checks = 0;
    const deadline = settleStarted + this.settings.settleTimeoutMs;
    while (Date.now() < deadline) {
      const state = await observe(
        this.system.postgres,
        incidentPrefix,
        load.acknowledged,
        receiptsOf(this.receiver),
      ).catch(() => undefined);
      const kpiSubmitted = await this.kpiSubmitted(kpiFrom);
      if (state && kpiSubmitted !== undefined) {
        last = reconcile(load.acknowledged, { ...state, kpiSubmitted });
        if (
          last.reconciled === last.acknowledged &&
          last.problems.length === 0 &&
          last.kpiFinding === null
        ) {
          settleSeconds = Math.round((Date.now() - settleStarted) / 100) / 10;
          break;
        }
        if (++checks % 5 === 0)
          this.log(
            `${scenario.name}: settling, ${last.reconciled}/${last.acknowledged} reconciled; e.g. ${last.problems[0]?.findings.join('; ') ?? last.kpiFinding ?? ''}`,
          );
      }
      await sleep(RECONCILE_EVERY_MS);
    }
    const result: ScenarioResult = {
      scenario: scenario.name,
      property: scenario.property,
      sent: load.sent,
      acknowledged: load.acknowledged.length,
      reconciled: last?.reconciled ?? 0,
      lost: last?.lost ?? 0,
      duplicated: last?.duplicated ?? 0,
      inconsistent: last?.inconsistent ?? 0,
      settleSeconds,
      kpiFinding: last?.kpiFinding ?? null,
      problems: (last?.problems ?? []).slice(0, 20),
      unacknowledged: load.unacknowledged.slice(0, 20),
      poison: await this.deadLettered(poisoned),
    };
    this.log(
      `${scenario.name}: reconciled ${result.reconciled}, lost ${result.lost}, duplicated ${result.duplicated}, inconsistent ${result.inconsistent}, settled in ${settleSeconds ?? 'never'} s`,
    );
    for (const problem of result.problems.slice(0, 5))
      this.log(
        `${scenario.name}: ${problem.verdict} ${problem.referralId}: ${problem.findings.join('; ')}`,
      );
    return result;
  }

  /** How many of the poison messages injected reached the dead-letter topic of their topic. */
  private async deadLettered(
    poisoned: FaultContext['poisoned'],
  ): Promise<ScenarioResult['poison']> {
    if (poisoned.length === 0) return null;
    const topics = [...new Set(poisoned.map(({ topic }) => deadLetterTopicOf(topic)))];
    const found = await this.system.broker.findMessageIds(
      topics,
      new Set(poisoned.map(({ id }) => id)),
      DLQ_READ_TIMEOUT_MS,
    );
    return { injected: poisoned.length, deadLettered: found.size };
  }

  /**
   * Reconciles the referrals of every scenario played so far once more, after the last one: what
   * a late redelivery or a later fault did to them shows here. Returns the scenarios with problems.
   */
  async recheck(): Promise<{ scenario: string; reconciliation: Reconciliation }[]> {
    const failures: { scenario: string; reconciliation: Reconciliation }[] = [];
    for (const { scenario, incidentPrefix, acks } of this.played) {
      const state = await observe(
        this.system.postgres,
        incidentPrefix,
        acks,
        receiptsOf(this.receiver),
      );
      const reconciliation = reconcile(acks, state);
      if (
        reconciliation.reconciled !== reconciliation.acknowledged ||
        reconciliation.problems.length
      )
        failures.push({ scenario, reconciliation });
    }
    return failures;
  }

  /** The KPI report's count of referrals submitted since `from`; undefined while insights is down. */
  private async kpiSubmitted(from: string): Promise<number | undefined> {
    const answer = await this.api
      .call({ role: 'admin' }, 'insights', 'GET', `/kpis?from=${encodeURIComponent(from)}`)
      .catch(() => undefined);
    const referrals = answer?.status === 200 ? answer.body.referrals : undefined;
    return (referrals as { submitted?: number } | undefined)?.submitted;
  }

  async tearDown(): Promise<void> {
    await this.workers?.stop();
    await this.webhooks?.stop();
    await this.system.stop();
  }
}
