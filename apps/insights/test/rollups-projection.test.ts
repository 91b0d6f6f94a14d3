import { DataSource } from 'typeorm';
import { EventEnvelope } from '@concord/contracts';
import { INSIGHTS_ENTITIES } from '../src/insights.entities';
import { Rollups1763780000500 } from '../src/migrations/1763780000500-rollups';
import { projectEvent } from '../src/read-model/insights.projection';
import { dropInsightsDatabase, openInsightsDatabase } from './support/insights-database';
import { EventPublisher } from './support/insights-service';
import {
  publishAreaScenario,
  publishWeeklyScenario,
  randomPastMonday,
} from './support/rollup-scenario';
import { publishKpiScenario } from './support/scenario';

const ROLLUPS = ['weekly_figures', 'area_figures', 'area_carrier_figures'];

describe('the rollups in the projection', () => {
  let dataSource: DataSource;
  let events: EventEnvelope[];

  beforeAll(async () => {
    dataSource = await openInsightsDatabase('insights_rollups');
    const publisher = EventPublisher.offline();
    await publishKpiScenario(publisher, new Date('2026-03-02T08:00:00Z'));
    await publishWeeklyScenario(publisher, randomPastMonday());
    await publishAreaScenario(publisher, new Date('2026-03-04T10:00:00Z'));
    events = publisher.published;
  });

  afterAll(async () => {
    await dropInsightsDatabase(dataSource);
  });

  const rollups = async () =>
    Object.fromEntries(
      await Promise.all(
        ROLLUPS.map(async (table) => [
          table,
          await dataSource.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3, 4`),
        ]),
      ),
    ) as Record<string, unknown[]>;

  async function projectAll(): Promise<void> {
    const tables = INSIGHTS_ENTITIES.map((entity) => dataSource.getMetadata(entity).tableName);
    await dataSource.query(`TRUNCATE ${tables.join(', ')}`);
    for (const event of events) {
      await dataSource.transaction((manager) => projectEvent(manager, event));
    }
  }

  it('a redelivered event counts once: projectEvent refuses it before it adds to a rollup', async () => {
    await projectAll();
    const once = await rollups();
    const repeated = events.filter((event) =>
      ['referral.submitted', 'referral.assigned', 'referral.accepted', 'funding.charged'].some(
        (name) => event.type === `concord.${name}.v1`,
      ),
    );
    expect(repeated.length).toBeGreaterThan(20);
    for (const event of repeated) {
      await expect(
        dataSource.transaction((manager) => projectEvent(manager, event)),
      ).rejects.toThrow(/duplicate key value violates unique constraint/);
    }
    expect(await rollups()).toEqual(once);
  });

  it('the rollups migration fills them from the read models and the event log as the projection does', async () => {
    await projectAll();
    const projected = await rollups();
    expect(projected.weekly_figures.length).toBeGreaterThan(4);
    expect(projected.area_carrier_figures.length).toBeGreaterThan(4);
    const runner = dataSource.createQueryRunner();
    try {
      const migration = new Rollups1763780000500();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await rollups()).toEqual(projected);
  });
});
