import { randomUUID } from 'node:crypto';
import { ChaosApi } from './chaos-api';
import {
  ConcordCaller,
  PartnerSpec,
  setUpProgramme as setUpConcordProgramme,
} from '@concord/testing';
import { ASSIGNED_EVENT } from './reconciliation';
import { CALL_LOCATION } from '../support/crisis-call';

export interface ChaosFixtures {
  agencyId: string;
  /** Offered first on ties ("Alpha…"), then Bravo after Alpha declines. */
  partners: { alpha: string; bravo: string };
  initiativeId: string;
}

function crisisTeam(name: string, costPerCaseCents: number, receiverUrl: string): PartnerSpec {
  const { latitude, longitude } = CALL_LOCATION;
  const [s, n, w, e] = [latitude - 0.05, latitude + 0.05, longitude - 0.05, longitude + 0.05];
  return {
    name,
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
    agreement: {
      categories: ['mental-health-crisis'],
      sharedFields: ['person.name', 'person.phone', 'contactPreference'],
      acceptWithinMinutes: { immediate: 600, 'same-day': 1440, routine: 4320 },
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
      effectiveTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    },
    budget: { costPerCaseCents, allocations: [{ source: 'grant', amountCents: 400_000_000 }] },
    webhook: {
      eventTypes: [ASSIGNED_EVENT],
      url: (partnerId) => `${receiverUrl}/${partnerId}`,
      secret: randomUUID() + randomUUID(),
    },
  };
}

/**
 * A programme set up over the HTTP APIs as an administrator would (libs/testing's
 * setUpProgramme): an agency, two partners with agreements in force, a grant funding a budget for
 * each, and each partner's webhook subscription to referral.assigned pointing at the chaos
 * receiver.
 */
export async function setUpProgramme(api: ChaosApi, receiverUrl: string): Promise<ChaosFixtures> {
  const run = randomUUID().slice(0, 8);
  const caller: ConcordCaller = {
    call: <T>(...[as, service, method, path, body]: Parameters<ConcordCaller['call']>) =>
      api.expectOk(as, service, method, path, body) as Promise<T>,
  };
  const programme = await setUpConcordProgramme(caller, {
    agency: `Chaos police department ${run}`,
    initiative: {
      name: `Chaos co-response ${run}`,
      categories: ['mental-health-crisis'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [{ metric: 'median-minutes-to-accept', target: 30 }],
    },
    sources: {
      grant: {
        name: `Chaos grant ${run}`,
        funder: 'US DOJ COPS Office',
        kind: 'federal-grant',
        awardCents: 1_000_000_000,
        periodFrom: '2026-01-01',
        periodTo: '2028-12-31',
      },
    },
    partners: [
      crisisTeam(`Alpha ${run}`, 250, receiverUrl),
      crisisTeam(`Bravo ${run}`, 400, receiverUrl),
    ],
  });
  const [alpha, bravo] = programme.partners.map(({ id }) => id);
  return {
    agencyId: programme.agencyId,
    partners: { alpha, bravo },
    initiativeId: programme.initiativeId,
  };
}
