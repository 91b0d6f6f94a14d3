import { DataSource } from 'typeorm';
import { concordCatalogue, EventEnvelope } from '@concord/contracts';
import { INSIGHTS_ENTITIES } from '../src/insights.entities';
import { BudgetBalances1763780000300 } from '../src/migrations/1763780000300-budget-balances';
import { FundingRejections1763780000400 } from '../src/migrations/1763780000400-funding-rejections';
import { projectEvent } from '../src/read-model/insights.projection';
import { UNKNOWN_ID } from '../src/read-model/rollups';
import { dropInsightsDatabase, openInsightsDatabase } from './support/insights-database';
import { EventPublisher } from './support/insights-service';
import { publishKpiScenario } from './support/scenario';

const CATALOGUE = concordCatalogue();

/** A small seeded generator (mulberry32), so that a failing order can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * One order the consumer may see: Kafka keeps the order of each key (topic and aggregate id) and
 * nothing else, so the keys' sequences are merged at random.
 */
function deliveryOrder(events: readonly EventEnvelope[], seed: number): EventEnvelope[] {
  const byKey = new Map<string, EventEnvelope[]>();
  for (const event of events) {
    const key = `${CATALOGUE.find(event.type)?.topic}/${event.subject}`;
    byKey.set(key, [...(byKey.get(key) ?? []), event]);
  }
  const queues = [...byKey.values()];
  const next = random(seed);
  const order: EventEnvelope[] = [];
  while (queues.length > 0) {
    const index = Math.floor(next() * queues.length);
    order.push(queues[index].shift() as EventEnvelope);
    if (queues[index].length === 0) queues.splice(index, 1);
  }
  return order;
}

describe('the KPI projection', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openInsightsDatabase('insights_projection');
  });

  afterAll(async () => {
    await dropInsightsDatabase(dataSource);
  });

  async function readModelsAfter(events: readonly EventEnvelope[]) {
    const tables = INSIGHTS_ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
    await dataSource.query(`TRUNCATE ${tables.join(', ')}`);
    for (const event of events) {
      await dataSource.transaction((manager) => projectEvent(manager, event));
    }
    return {
      facts: await dataSource.query('SELECT * FROM referral_facts ORDER BY referral_id'),
      offers: await dataSource.query('SELECT * FROM referral_offers ORDER BY offer_id'),
      budgets: await dataSource.query('SELECT * FROM budget_states ORDER BY budget_id'),
      balances: await balances(),
      rejections: await dataSource.query('SELECT * FROM funding_rejections ORDER BY rejection_id'),
      weeks: await dataSource.query('SELECT * FROM weekly_figures ORDER BY 1, 2'),
      areas: await dataSource.query('SELECT * FROM area_figures ORDER BY 1'),
      carriers: await dataSource.query('SELECT * FROM area_carrier_figures ORDER BY 1, 2, 3, 4'),
    };
  }

  const balances = () => dataSource.query('SELECT * FROM budget_balances ORDER BY budget_id');

  it("gives the same read models whatever order the topics' events arrive in", async () => {
    const { events } = await publishKpiScenario(
      EventPublisher.offline(),
      new Date('2026-03-02T08:00:00Z'),
    );
    const published = await readModelsAfter(events);
    expect(published.facts).toHaveLength(12);
    // r8's charges, projected before anything of r8, moved to its initiative when it was offered.
    const initiatives = (published.weeks as { initiative_id: string }[]).map(
      (week) => week.initiative_id,
    );
    expect(initiatives).not.toContain(UNKNOWN_ID);
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const order = deliveryOrder(events, seed);
      expect(order.map((event) => event.id)).not.toEqual(events.map((event) => event.id));
      expect({ seed, ...(await readModelsAfter(order)) }).toEqual({ seed, ...published });
    }
  });

  it('the budget_balances and funding_rejections migrations fill them from the event log as the projection does', async () => {
    const { events } = await publishKpiScenario(
      EventPublisher.offline(),
      new Date('2026-03-02T08:00:00Z'),
    );
    const projected = await readModelsAfter(events);
    expect(projected.balances).toHaveLength(3);
    expect(projected.rejections).toHaveLength(1);
    const runner = dataSource.createQueryRunner();
    try {
      // Newest first, as a revert would go; then up again from the event log.
      const migrations = [new FundingRejections1763780000400(), new BudgetBalances1763780000300()];
      for (const migration of migrations) await migration.down(runner);
      for (const migration of migrations.reverse()) await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await readModelsAfterMigrations()).toEqual({
      balances: projected.balances,
      rejections: projected.rejections,
    });
  });

  const readModelsAfterMigrations = async () => ({
    balances: await balances(),
    rejections: await dataSource.query('SELECT * FROM funding_rejections ORDER BY rejection_id'),
  });
});
