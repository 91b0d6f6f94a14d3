import { randomBytes, randomUUID } from 'node:crypto';
import { ReferralEvents } from '@concord/contracts';
import {
  Actor,
  eventually,
  headerOf,
  Json,
  Programme,
  setUpProgramme,
  WebhookReceiver,
} from '@concord/testing';
import { AssignerProtocol } from 'kafkajs';
import { ConcordSystem } from '../support/concord-system';
import { kafka } from '../support/infrastructure';
import { DOWNTOWN } from '../support/fixtures';

const REFERRALS = 40;
const admin: Actor = { role: 'admin' };

/**
 * Scale-out is Kafka's answer: more instances in one consumer group share the partitions. Two
 * instances each of referrals, funding and notifications, on one broker and their databases,
 * handle every referral exactly once: one assignment run, one reservation, one webhook.
 */
describe('two instances each of referrals, funding and notifications', () => {
  jest.setTimeout(600_000);

  let system: ConcordSystem;
  let receiver: WebhookReceiver;
  let programme: Programme;
  const secret = randomBytes(24).toString('hex');
  const referralIds: string[] = [];

  beforeAll(async () => {
    receiver = await WebhookReceiver.start({ status: 200 });
    system = await ConcordSystem.start({
      instances: { referrals: 2, funding: 2, notifications: 2 },
    });
    const tag = randomUUID().slice(0, 6);
    programme = await setUpProgramme(system.client, {
      agency: `Scale-out Police ${tag}`,
      initiative: {
        name: `Scale-out initiative ${tag}`,
        categories: ['mental-health-crisis'],
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      },
      sources: {
        grant: {
          name: `Scale-out grant ${tag}`,
          funder: 'US DOJ COPS Office',
          kind: 'federal-grant',
          awardCents: 10_000_000,
          periodFrom: '2026-01-01',
          periodTo: '2028-12-31',
        },
      },
      partners: [
        {
          name: `Scale-out Crisis Team ${tag}`,
          services: [
            {
              name: 'Crisis team',
              category: 'mental-health-crisis',
              area: DOWNTOWN,
              capacity: 1000,
              hours: { alwaysOpen: true, timeZone: 'America/Los_Angeles', weekly: [] },
              eligibility: {},
            },
          ],
          agreement: {
            categories: ['mental-health-crisis'],
            sharedFields: ['person.name'],
            acceptWithinMinutes: { immediate: 600, 'same-day': 600, routine: 6000 },
            effectiveFrom: new Date(Date.now() - 60_000).toISOString(),
            effectiveTo: '2028-12-31T00:00:00Z',
          },
          budget: {
            costPerCaseCents: 1_000,
            allocations: [{ source: 'grant', amountCents: 1_000_000 }],
          },
          webhook: {
            eventTypes: [ReferralEvents.assigned.type],
            url: (partnerId) => receiver.urlFor(`/partners/${partnerId}`),
            secret,
          },
        },
      ],
    });
    const dispatcher: Actor = { role: 'dispatcher', org: programme.agencyId };
    for (let index = 0; index < REFERRALS; index += 1) {
      const referral = await system.client.call(dispatcher, 'referrals', 'POST', '/referrals', {
        incidentReference: `RPD-SCALE-${tag}-${index}`,
        category: 'mental-health-crisis',
        urgency: 'routine',
        location: { latitude: 45.519, longitude: -122.679 },
        person: { name: `Person ${index}` },
        contactPreference: 'phone',
        consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer L. Park #2271' },
        narrative: 'A test of two instances.',
      });
      referralIds.push(referral.id as string);
    }
    const webhooksFor = () =>
      new Set(receiver.accepted().map((call) => (JSON.parse(call.rawBody) as Json).subject));
    await eventually(
      `a webhook for each of the ${REFERRALS} referrals`,
      async () => referralIds.every((id) => webhooksFor().has(id)),
      180_000,
      250,
    );
    await eventually(
      `funding to reserve for each of the ${REFERRALS} referrals`,
      async () => {
        const ledger = await system.client.call<Json[]>(
          admin,
          'funding',
          'GET',
          `/budgets/${programme.partners[0].budgetId}/ledger`,
        );
        return ledger.filter((entry) => entry.kind === 'reserve').length >= REFERRALS;
      },
      180_000,
      250,
    );
  });

  afterAll(async () => {
    await system?.stop();
    await receiver?.stop();
  });

  it('each referral was assigned by exactly one run of the engine', async () => {
    const runs = await Promise.all(
      referralIds.map(
        async (id) =>
          (
            await system.client.call<Json[]>(
              admin,
              'referrals',
              'GET',
              `/referrals/${id}/decisions`,
            )
          ).length,
      ),
    );
    expect(runs).toEqual(referralIds.map(() => 1));
  });

  it('funding reserved the case cost of each referral exactly once', async () => {
    const ledger = await system.client.call<Json[]>(
      admin,
      'funding',
      'GET',
      `/budgets/${programme.partners[0].budgetId}/ledger`,
    );
    const reserved = ledger.filter((entry) => entry.kind === 'reserve').map((e) => e.referralId);
    expect([...reserved].sort()).toEqual([...referralIds].sort());
  });

  it("the partner's webhook was called once per referral, each event once", () => {
    const eventIds = receiver.accepted().map((call) => headerOf(call.headers, 'Concord-Event-Id'));
    expect(eventIds).toHaveLength(REFERRALS);
    expect(new Set(eventIds).size).toBe(REFERRALS);
  });

  it("both instances of each scaled service share its consumer group's partitions", async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      for (const service of ['referrals', 'funding', 'notifications'] as const) {
        const groupId = system.processes[service].env.KAFKA_GROUP_ID;
        const { groups } = await admin.describeGroups([groupId]);
        const partitionsPerMember = groups[0].members.map((member) => {
          const assignment = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
          return Object.values(assignment?.assignment ?? {}).flat().length;
        });
        expect({ service, members: partitionsPerMember.length }).toEqual({ service, members: 2 });
        expect(partitionsPerMember.every((count) => count > 0)).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
  });
});
