import { randomUUID } from 'node:crypto';
import { ChaosApi } from './chaos-api';
import { pollUntil } from './poll';
import { ASSIGNED_EVENT } from './reconciliation';
import { CALL_LOCATION } from '../support/crisis-call';

export interface ChaosFixtures {
  agencyId: string;
  /** Offered first on ties ("Alpha…"), then Bravo after Alpha declines. */
  partners: { alpha: string; bravo: string };
  initiativeId: string;
}

const admin = { role: 'admin' as const };
const id = (body: Record<string, unknown>) => body.id as string;
const ROUTING_TIMEOUT_MS = 120_000;

function partnerBody(name: string) {
  const { latitude, longitude } = CALL_LOCATION;
  const [s, n, w, e] = [latitude - 0.05, latitude + 0.05, longitude - 0.05, longitude + 0.05];
  return {
    name,
    type: 'mental-health-provider',
    services: [
      {
        name: `${name} crisis team`,
        category: 'mental-health-crisis',
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [w, s],
              [e, s],
              [e, n],
              [w, n],
              [w, s],
            ],
          ],
        },
        // No partner runs out of room in a run: capacity is not what chaos tests.
        capacity: 100_000,
        hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
        eligibility: {},
      },
    ],
  };
}

/**
 * A programme set up over the HTTP APIs as an administrator would: an agency, two partners with
 * agreements in force, a grant funding a budget for each, and each partner's webhook subscription
 * to referral.assigned pointing at the chaos receiver.
 */
export async function setUpProgramme(api: ChaosApi, receiverUrl: string): Promise<ChaosFixtures> {
  const run = randomUUID().slice(0, 8);
  const agencyId = id(
    await api.expectOk(admin, 'agreements', 'POST', '/organizations', {
      name: `Chaos police department ${run}`,
      type: 'police-agency',
      services: [],
    }),
  );
  const alpha = id(
    await api.expectOk(admin, 'agreements', 'POST', '/organizations', partnerBody(`Alpha ${run}`)),
  );
  const bravo = id(
    await api.expectOk(admin, 'agreements', 'POST', '/organizations', partnerBody(`Bravo ${run}`)),
  );
  const initiativeId = id(
    await api.expectOk(admin, 'agreements', 'POST', '/initiatives', {
      name: `Chaos co-response ${run}`,
      leadAgencyId: agencyId,
      partnerIds: [alpha, bravo],
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [{ metric: 'median-minutes-to-accept', target: 30 }],
    }),
  );
  const grant = id(
    await api.expectOk(admin, 'funding', 'POST', '/funding-sources', {
      name: `Chaos grant ${run}`,
      funder: 'US DOJ COPS Office',
      kind: 'federal-grant',
      awardCents: 1_000_000_000,
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
    }),
  );
  for (const [partnerId, cost] of [
    [alpha, 250],
    [bravo, 400],
  ] as const) {
    await agreementInForce(api, initiativeId, partnerId);
    await api.expectOk(admin, 'funding', 'POST', '/budgets', {
      initiativeId,
      partnerId,
      costPerCaseCents: cost,
      allocations: [{ sourceId: grant, amountCents: 400_000_000 }],
    });
    await api.expectOk(
      { role: 'partner', org: partnerId },
      'notifications',
      'POST',
      '/subscriptions',
      {
        eventTypes: [ASSIGNED_EVENT],
        channel: 'webhook',
        webhook: {
          url: `${receiverUrl}/partners/${partnerId}`,
          secret: randomUUID() + randomUUID(),
        },
      },
    );
  }
  return { agencyId, partners: { alpha, bravo }, initiativeId };
}

async function agreementInForce(api: ChaosApi, initiativeId: string, partnerId: string) {
  const agreementId = id(
    await api.expectOk(admin, 'agreements', 'POST', '/agreements', {
      initiativeId,
      partnerId,
      categories: ['mental-health-crisis'],
      sharedFields: ['person.name', 'person.phone', 'contactPreference'],
      acceptWithinMinutes: { immediate: 600, 'same-day': 1440, routine: 4320 },
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
      effectiveTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    }),
  );
  for (const party of ['agency', 'partner'])
    await api.expectOk(admin, 'agreements', 'POST', `/agreements/${agreementId}/signatures`, {
      party,
      name: `${party} signatory`,
      title: 'Director',
    });
  await pollUntil(`routing to know agreement ${agreementId}`, ROUTING_TIMEOUT_MS, async () => {
    const known = await api.call(admin, 'referrals', 'GET', `/routing/agreements/${agreementId}`);
    return known.body.status === 'active' && known.body.partnerKnown === true;
  });
}
