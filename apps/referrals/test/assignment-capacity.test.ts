import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AUDIT_ENTITIES, AUDIT_MIGRATIONS } from '@concord/audit';
import { concordCatalogue } from '@concord/contracts';
import type { AgreementSnapshotV1, PartnerServiceV1 } from '@concord/contracts';
import { MESSAGING_ENTITIES, MessagingTables1763780000000, Outbox } from '@concord/messaging';
import { AssignmentDecision } from '../src/assignment/assignment-decision.entity';
import { AssignmentService } from '../src/assignment/assignment.service';
import { DirectoryService } from '../src/directory/directory.service';
import { REFERRALS_EVENTS } from '../src/events/referrals.events';
import { REFERRALS_MIGRATIONS } from '../src/migrations';
import { REFERRALS_ENTITIES } from '../src/referrals.entities';
import { DEVELOPMENT_MASTER_KEY } from '../src/personal-data/master-keyring';
import { PersonalDataBox } from '../src/personal-data/personal-data-box';
import { Referral } from '../src/referral/referral.entity';
import { ReferralSeal } from '../src/referral/referral-seal';
import {
  createTestDatabase,
  dropTestDatabase,
  eventually,
} from '../../../test/support/infrastructure';
import { DOWNTOWN } from '../../../test/support/fixtures';

const AGENCY = randomUUID();
const seal = new ReferralSeal(new PersonalDataBox([DEVELOPMENT_MASTER_KEY]));
const INITIATIVE = randomUUID();

const service = (capacity: number): PartnerServiceV1 => ({
  serviceId: randomUUID(),
  name: 'Mobile crisis',
  category: 'mental-health-crisis',
  area: DOWNTOWN as PartnerServiceV1['area'],
  capacity,
  hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
  eligibility: {},
});

const agreementWith = (partnerId: string): AgreementSnapshotV1 => ({
  agreementId: randomUUID(),
  agencyId: AGENCY,
  partnerId,
  initiativeId: INITIATIVE,
  version: 1,
  status: 'active',
  categories: ['mental-health-crisis'],
  sharedFields: [],
  acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
  effectiveFrom: '2026-01-01T00:00:00Z',
});

/**
 * The assignment engine against the real database, two transactions at once: capacity is kept
 * by locking the chosen service's open-case counter, not by serialising a whole category.
 */
describe('assignment under concurrency', () => {
  let url: string;
  let dataSource: DataSource;
  let assignment: AssignmentService;
  const small = service(1);
  const large = service(10);
  const agreements: AgreementSnapshotV1[] = [];
  const directory = new DirectoryService();

  beforeAll(async () => {
    url = await createTestDatabase('assignment');
    dataSource = await new DataSource({
      type: 'postgres',
      url,
      entities: [...MESSAGING_ENTITIES, ...AUDIT_ENTITIES, ...REFERRALS_ENTITIES],
      migrations: [MessagingTables1763780000000, ...AUDIT_MIGRATIONS, ...REFERRALS_MIGRATIONS],
      migrationsRun: true,
    }).initialize();
    assignment = new AssignmentService(
      new Outbox({
        service: 'referrals',
        manifest: REFERRALS_EVENTS,
        brokers: [],
        catalogue: concordCatalogue(),
      }),
      directory,
      seal,
    );
    await dataSource.transaction(async (manager) => {
      for (const [name, offered] of [
        ['Small Team', small],
        ['Large Team', large],
      ] as const) {
        const partnerId = randomUUID();
        await directory.recordOrganization(manager, {
          organizationId: partnerId,
          name,
          type: 'mental-health-provider',
          revision: 1,
          services: [offered],
        });
        agreements.push(agreementWith(partnerId));
        await directory.recordAgreement(manager, agreements[agreements.length - 1]);
      }
      // The large team is busier (1 in 10 against 0 in 1), so the small team ranks first.
      await manager.query(
        `INSERT INTO service_open_cases (service_id, open_cases) VALUES ($1, 1)`,
        [large.serviceId],
      );
    });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    if (url) await dropTestDatabase(url);
  });

  const newReferral = async (): Promise<string> => {
    const id = randomUUID();
    const now = new Date();
    await dataSource.manager.insert(Referral, {
      id,
      agencyId: AGENCY,
      submittedBy: 'dispatcher',
      incidentReference: `CAD-${id.slice(0, 8)}`,
      category: 'mental-health-crisis',
      urgency: 'routine',
      areaCode: 'c20fb',
      contactPreference: 'phone',
      ...seal.sealNew({
        latitude: 45.52,
        longitude: -122.68,
        address: null,
        person: { name: 'Test Person', age: 40 },
        consent: { obtained: true, method: 'verbal', obtainedBy: 'dispatcher' },
        narrative: 'test',
      }),
      status: 'awaiting-assignment',
      attempt: 0,
      partnerId: null,
      serviceId: null,
      agreementId: null,
      acceptBy: null,
      outcome: null,
      unsuccessfulReason: null,
      submittedAt: now,
      acceptedAt: null,
      contactedAt: null,
      closedAt: null,
      updatedAt: now,
    });
    return id;
  };

  const serviceOf = async (id: string) =>
    (await dataSource.manager.findOneByOrFail(Referral, { id })).serviceId;

  it('gives a service its last place once: the assignment that lost the race ranks again and goes elsewhere', async () => {
    const [first, second] = [await newReferral(), await newReferral()];
    let commitFirst = (): void => undefined;
    let firstHolds = (): void => undefined;
    const holding = new Promise<void>((resolve) => (firstHolds = resolve));
    const firstDone = dataSource.transaction(async (manager: EntityManager) => {
      await assignment.assign(manager, first);
      firstHolds();
      await new Promise<void>((resolve) => (commitFirst = resolve));
    });
    await holding;
    // The second reads the counts before the first commits: the small team looks free to it.
    const secondDone = dataSource.transaction((manager) => assignment.assign(manager, second));
    await eventually('the second assignment to wait for the small team’s counter', async () => {
      const [{ waiting }] = (await dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      )) as { waiting: number }[];
      return waiting === 1;
    });
    commitFirst();
    await Promise.all([firstDone, secondDone]);

    expect(await serviceOf(first)).toBe(small.serviceId);
    expect(await serviceOf(second)).toBe(large.serviceId);
    const counters = (await dataSource.query(
      `SELECT service_id, open_cases FROM service_open_cases ORDER BY open_cases`,
    )) as { service_id: string; open_cases: number }[];
    expect(counters).toEqual([
      { service_id: small.serviceId, open_cases: 1 },
      { service_id: large.serviceId, open_cases: 2 },
    ]);
  });

  it('routes with the directory as changed since its copy was loaded', async () => {
    await dataSource.transaction((manager) =>
      Promise.all(
        agreements.map((agreement) =>
          directory.recordAgreement(manager, { ...agreement, status: 'suspended' }),
        ),
      ),
    );
    const referralId = await newReferral();
    await dataSource.transaction((manager) => assignment.assign(manager, referralId));

    const [decision] = await dataSource.manager.findBy(AssignmentDecision, { referralId });
    expect(decision.result).toBe('unassignable');
    for (const entry of decision.trace) expect(entry.reasons).toContain('agreement-not-in-force');
    expect(decision.trace).toHaveLength(2);
  });
});
