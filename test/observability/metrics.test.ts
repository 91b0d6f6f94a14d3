import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SERVICES, WebhookReceiver } from '@concord/testing';
import { Riverton, seedRiverton, walkCrisisReferral } from '../../scripts/demo/riverton';
import { ConcordSystem } from '../support/concord-system';
import { freePort } from '../support/infrastructure';
import { MetricFamily, parsePrometheusText } from '../support/prometheus-text';
import { ROOT, ServiceProcess } from '../support/service-process';

type Scrape = Map<string, MetricFamily>;

/**
 * Every service, the console included, exposes Prometheus metrics at GET /metrics, and every
 * metric that deploy/observability's Grafana dashboard and alert rules read is in what they
 * expose. The system handles one crisis call first, with a partner's webhook subscribed, so that
 * the counters have something to count.
 */
describe('Prometheus metrics of every service', () => {
  jest.setTimeout(300_000);

  let system: ConcordSystem;
  let webhooks: WebhookReceiver;
  let city: Riverton;
  let metricsPort: number;
  const scrapes = new Map<string, Scrape>();

  const processOf = (name: string): ServiceProcess =>
    name === 'console' ? system.console! : system.processes[name as (typeof SERVICES)[number]];
  const metricsUrlOf = (name: string): string =>
    name === 'funding'
      ? `http://127.0.0.1:${metricsPort}/metrics`
      : `${processOf(name).url}/metrics`;
  const scrape = async (name: string): Promise<Scrape> => {
    const response = await fetch(metricsUrlOf(name));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const families = parsePrometheusText(await response.text());
    scrapes.set(name, families);
    return families;
  };
  const samples = (families: Scrape, name: string, labels: Record<string, string> = {}) =>
    [...families.values()]
      .flatMap((family) => family.samples)
      .filter(
        (sample) =>
          sample.name === name &&
          Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
      );
  const total = (families: Scrape, name: string, labels: Record<string, string> = {}) =>
    samples(families, name, labels).reduce((sum, sample) => sum + sample.value, 0);

  beforeAll(async () => {
    webhooks = await WebhookReceiver.start();
    metricsPort = await freePort();
    // Funding serves its metrics on a port of their own; the others on their HTTP port (test mode).
    system = await ConcordSystem.start({
      console: true,
      env: { funding: { METRICS_PORT: String(metricsPort) } },
    });
    city = await seedRiverton(system.client);
    const dispatcher = { role: 'dispatcher' as const, org: city.agencyId };
    await system.client.call(dispatcher, 'notifications', 'POST', '/subscriptions', {
      eventTypes: ['concord.referral.assigned.v1'],
      channel: 'webhook',
      webhook: { url: webhooks.urlFor(), secret: 'metrics-test-secret-'.padEnd(40, 'x') },
    });
    await walkCrisisReferral(system.client, city);
    await system.client.until('the webhook to be delivered', async () =>
      webhooks.accepted().length > 0 ? true : undefined,
    );
    for (const name of [...SERVICES, 'console']) await scrape(name);
  });

  afterAll(async () => {
    await system?.stop();
    await webhooks?.stop();
  });

  it('serves every service and the console in the Prometheus text format', () => {
    expect([...scrapes.keys()].sort()).toEqual([...SERVICES, 'console'].sort());
    for (const families of scrapes.values()) {
      expect(families.get('concord_http_request_duration_seconds')?.type).toBe('histogram');
    }
  });

  it('exports every metric the Grafana dashboard and the alert rules read', () => {
    const dashboard = readFileSync(
      resolve(ROOT, 'deploy/observability/concord-dashboard.json'),
      'utf8',
    );
    const rules = parseYaml(
      readFileSync(resolve(ROOT, 'deploy/observability/concord-alerts.yaml'), 'utf8'),
    ) as { groups: { rules: { expr: string }[] }[] };
    const expressions = [
      ...(JSON.parse(dashboard) as { panels: { targets: { expr: string }[] }[] }).panels.flatMap(
        (panel) => panel.targets.map((target) => target.expr),
      ),
      ...rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr)),
    ];
    const named = new Set(
      expressions.flatMap((expr) => expr.match(/\b(concord|process|nodejs)_[a-z0-9_]+/g) ?? []),
    );
    const exported = new Set(
      [...scrapes.values()].flatMap((families) =>
        [...families.values()].flatMap((family) => [
          family.name,
          ...family.samples.map((sample) => sample.name),
        ]),
      ),
    );
    expect(named.size).toBeGreaterThan(10);
    expect([...named].filter((name) => !exported.has(name))).toEqual([]);
  });

  it('times requests by method, route template and status', () => {
    const referrals = scrapes.get('referrals')!;
    expect(
      total(referrals, 'concord_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/referrals/:id/accept',
        status: '200',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(referrals, 'concord_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/referrals',
        status: '201',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts the events each service handled, by type', () => {
    expect(
      total(scrapes.get('funding')!, 'concord_events_handled_total', {
        type: 'concord.referral.assigned.v1',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(scrapes.get('insights')!, 'concord_events_handled_total', {
        type: 'concord.referral.completed.v1',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('counts the events the relay produced, by topic', async () => {
    // Submitted, assigned, accepted, in progress and completed; the last may still be on its way.
    const produced = await system.client.until('the relay to produce all five', async () => {
      const count = total(await scrape('referrals'), 'concord_events_published_total', {
        topic: 'concord.referrals.v1',
      });
      return count >= 5 ? count : undefined;
    });
    expect(produced).toBe(5);
  });

  it('reports consumer lag for every partition of every topic a service consumes, none once caught up', async () => {
    const lag = await system.client.until('funding to catch up', async () => {
      const found = samples(await scrape('funding'), 'concord_consumer_lag', {
        topic: 'concord.referrals.v1',
      });
      return found.length > 0 && found.every((sample) => sample.value === 0) ? found : undefined;
    });
    expect(lag.map((sample) => sample.labels.partition).sort()).toEqual(['0', '1', '2']);
  });

  it('reports what the dead-letter topics of its topics hold', () => {
    expect(
      samples(scrapes.get('funding')!, 'concord_dead_letter_messages', {
        topic: 'concord.referrals.v1.dlq',
      }),
    ).toEqual([expect.objectContaining({ value: 0 })]);
  });

  it('reports the outbox depth and the age of its oldest row, nothing waiting once relayed', async () => {
    const families = await system.client.until('the outbox to be empty', async () => {
      const found = await scrape('referrals');
      return total(found, 'concord_outbox_depth') === 0 ? found : undefined;
    });
    expect(samples(families, 'concord_outbox_oldest_age_seconds')).toEqual([
      expect.objectContaining({ value: 0 }),
    ]);
  });

  it('counts webhook delivery attempts and outcomes', () => {
    const notifications = scrapes.get('notifications')!;
    expect(
      total(notifications, 'concord_notification_delivery_attempts_total', {
        channel: 'webhook',
        outcome: 'delivered',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      total(notifications, 'concord_notifications_finished_total', {
        channel: 'webhook',
        outcome: 'delivered',
      }),
    ).toBeGreaterThanOrEqual(1);
  });

  it('reports the database pool: connections by state and the most it opens', () => {
    const referrals = scrapes.get('referrals')!;
    expect(total(referrals, 'concord_db_pool_connections', { state: 'total' })).toBeGreaterThan(0);
    expect(total(referrals, 'concord_db_pool_max')).toBe(10);
  });

  it('labels every sample with its service', () => {
    for (const [name, families] of scrapes) {
      const http = samples(families, 'concord_http_request_duration_seconds_count');
      expect(new Set(http.map((sample) => sample.labels.service))).toEqual(new Set([name]));
    }
  });

  it('serves metrics on METRICS_PORT only, when it is set', async () => {
    const publicPort = await fetch(`${system.processes.funding.url}/metrics`);
    expect(publicPort.status).toBe(404);
    const elsewhere = await fetch(`http://127.0.0.1:${metricsPort}/health`);
    expect(elsewhere.status).toBe(404);
  });
});
