import { randomUUID } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Role } from '@concord/auth';
import { Topics } from '@concord/contracts';
import { createTestDatabase, dropTestDatabase, eventually, freePort } from './infrastructure';
import { ServiceProcess } from './service-process';
import { devToken } from './tokens';
import { TopicRecorder } from './topic-recorder';
import { scriptOf } from '@concord/testing';

export interface Answer<B = Record<string, unknown>> {
  status: number;
  body: B;
  headers: Headers;
}

/** A square around a point, as a GeoJSON Polygon: [longitude, latitude] positions. */
export function squareAround(latitude: number, longitude: number, halfSide = 0.05) {
  const [s, n, w, e] = [
    latitude - halfSide,
    latitude + halfSide,
    longitude - halfSide,
    longitude + halfSide,
  ];
  return {
    type: 'Polygon' as const,
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

/** Downtown, where the calls in these tests come from, and a place far from it. */
export const DOWNTOWN = { latitude: 41.8781, longitude: -87.6298 };
export const ELSEWHERE = { latitude: 40.7128, longitude: -74.006 };

export interface PartnerSpec {
  name: string;
  type?: string;
  category?: string;
  area?: ReturnType<typeof squareAround>;
  capacity?: number;
}

export interface AgreementSpec {
  partnerId: string;
  categories?: string[];
  sharedFields?: string[];
  sharedFieldsWithoutConsent?: string[];
  part2?: { redisclosureNotice: string };
  acceptWithinMinutes?: { immediate: number; 'same-day': number; routine: number };
}

/**
 * The agreements and referrals services, each its own process with its own new database, on
 * the real broker; with the calls a programme administrator, dispatch and partners make.
 */
export class HandOffSystem {
  readonly events: TopicRecorder;

  private constructor(
    readonly agreements: ServiceProcess,
    readonly referrals: ServiceProcess,
    private readonly databases: string[],
    kafka?: Kafka,
  ) {
    this.events = new TopicRecorder([Topics.referrals, Topics.agreements], kafka);
  }

  /**
   * `broker`: another broker than the suite's, with the settings that reach it (KAFKA_BROKERS,
   * KAFKA_SECURITY_PROTOCOL, ...) and a client of it for the recorder.
   */
  static async start(
    referralsEnv: Record<string, string> = {},
    broker?: { env: Record<string, string>; kafka: Kafka },
  ): Promise<HandOffSystem> {
    const agreementsDb = await createTestDatabase('handoff_agreements');
    const referralsDb = await createTestDatabase('handoff_referrals');
    const system = new HandOffSystem(
      new ServiceProcess(scriptOf('agreements'), {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: agreementsDb,
        ...broker?.env,
      }),
      new ServiceProcess(scriptOf('referrals'), {
        HTTP_PORT: String(await freePort()),
        DATABASE_URL: referralsDb,
        REFERRALS_DEADLINE_SWEEP_MS: '500',
        ...broker?.env,
        ...referralsEnv,
      }),
      [agreementsDb, referralsDb],
      broker?.kafka,
    );
    await Promise.all([system.agreements.startHealthy(), system.referrals.startHealthy()]);
    await system.events.start();
    return system;
  }

  async stop(): Promise<void> {
    await this.events.stop();
    await Promise.all([this.agreements.stop(), this.referrals.stop()]);
    await Promise.all(this.databases.map(dropTestDatabase));
  }

  async call<B = Record<string, unknown>>(
    service: ServiceProcess,
    method: string,
    path: string,
    as: { role: Role; org?: string },
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<B>> {
    const response = await fetch(`${service.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await devToken(as.role, as.org)}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as B,
      headers: response.headers,
    };
  }

  private async created(service: ServiceProcess, path: string, body: unknown): Promise<string> {
    const answer = await this.call(service, 'POST', path, { role: 'admin' }, body);
    if (answer.status !== 201) {
      throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    }
    return answer.body.id as string;
  }

  agency(name = `Police department ${randomUUID().slice(0, 8)}`): Promise<string> {
    return this.created(this.agreements, '/organizations', {
      name,
      type: 'police-agency',
      services: [],
    });
  }

  /** A partner with one service, open around the clock; waits until routing knows it. */
  async partner(spec: PartnerSpec): Promise<string> {
    const id = await this.created(this.agreements, '/organizations', {
      name: spec.name,
      type: spec.type ?? 'mental-health-provider',
      services: [
        {
          name: `${spec.name} crisis team`,
          category: spec.category ?? 'mental-health-crisis',
          area: spec.area ?? squareAround(DOWNTOWN.latitude, DOWNTOWN.longitude),
          capacity: spec.capacity ?? 10,
          hours: { alwaysOpen: true, timeZone: 'America/Chicago', weekly: [] },
          eligibility: {},
        },
      ],
    });
    await eventually(`routing to know partner ${spec.name}`, async () => {
      const known = await this.call(this.referrals, 'GET', `/routing/partners/${id}`, {
        role: 'admin',
      });
      return known.status === 200;
    });
    return id;
  }

  initiative(agencyId: string, partnerIds: string[]): Promise<string> {
    return this.created(this.agreements, '/initiatives', {
      name: `Behavioural-health co-response ${randomUUID().slice(0, 8)}`,
      leadAgencyId: agencyId,
      partnerIds,
      categories: ['mental-health-crisis', 'homelessness', 'substance-use'],
      periodFrom: '2026-01-01',
      periodTo: '2028-12-31',
      kpiTargets: [{ metric: 'median-minutes-to-accept', target: 30 }],
    });
  }

  /** An agreement signed by both parties, in force since yesterday; waits until routing has it. */
  async agreementInForce(initiativeId: string, spec: AgreementSpec): Promise<string> {
    const id = await this.created(this.agreements, '/agreements', {
      initiativeId,
      partnerId: spec.partnerId,
      categories: spec.categories ?? ['mental-health-crisis'],
      sharedFields: spec.sharedFields ?? ['person.name', 'person.phone', 'contactPreference'],
      ...(spec.sharedFieldsWithoutConsent
        ? { sharedFieldsWithoutConsent: spec.sharedFieldsWithoutConsent }
        : {}),
      ...(spec.part2 ? { part2: spec.part2 } : {}),
      acceptWithinMinutes: spec.acceptWithinMinutes ?? {
        immediate: 15,
        'same-day': 240,
        routine: 4320,
      },
      effectiveFrom: new Date(Date.now() - 86_400_000).toISOString(),
      effectiveTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
    });
    for (const party of ['agency', 'partner']) {
      const signed = await this.call(
        this.agreements,
        'POST',
        `/agreements/${id}/signatures`,
        { role: 'admin' },
        {
          party,
          name: `${party} signatory`,
          title: 'Director',
        },
      );
      if (signed.status >= 300)
        throw new Error(`signing answered ${signed.status}: ${JSON.stringify(signed.body)}`);
    }
    await this.waitForRouting(id, 'active');
    return id;
  }

  /** Waits until routing (the referrals service's copy of the agreement) has this status. */
  async waitForRouting(agreementId: string, status: string): Promise<void> {
    await eventually(`routing to see agreement ${agreementId} ${status}`, async () => {
      const { body } = await this.call(
        this.referrals,
        'GET',
        `/routing/agreements/${agreementId}`,
        {
          role: 'admin',
        },
      );
      return body.status === status && body.partnerKnown === true;
    });
  }

  /** Waits until the referral is offered to `partnerId`. */
  async eventuallyOfferedTo(
    agencyId: string,
    referralId: string,
    partnerId: string,
  ): Promise<void> {
    await eventually(`referral ${referralId} to be offered to ${partnerId}`, async () => {
      const { body } = await this.call(this.referrals, 'GET', `/referrals/${referralId}`, {
        role: 'dispatcher',
        org: agencyId,
      });
      const assignment = body.assignment as { partnerId: string } | null;
      return body.status === 'offered' && assignment?.partnerId === partnerId;
    });
  }

  /** Waits until the referral reaches `status` as dispatch sees it, and returns that view. */
  async referralReaches(
    agencyId: string,
    referralId: string,
    status: string,
    timeoutMs = 30_000,
  ): Promise<Record<string, unknown>> {
    let last: Record<string, unknown> = {};
    await eventually(
      `referral ${referralId} to be ${status}`,
      async () => {
        last = (
          await this.call(this.referrals, 'GET', `/referrals/${referralId}`, {
            role: 'dispatcher',
            org: agencyId,
          })
        ).body;
        return last.status === status;
      },
      timeoutMs,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${JSON.stringify(last)}`);
    });
    return last;
  }
}

/** A mental-health crisis call as CAD sends it. */
export function crisisCall(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    incidentReference: `CAD-${randomUUID().slice(0, 8)}`,
    category: 'mental-health-crisis',
    urgency: 'same-day',
    location: { ...DOWNTOWN, address: '233 S Wacker Dr, Chicago, IL' },
    person: { name: 'Jordan Reyes', age: 34, phone: '+1 312 555 0199', language: 'es' },
    contactPreference: 'phone',
    consent: { obtained: true, method: 'verbal', obtainedBy: 'Officer K. Diaz #4411' },
    narrative: 'Caller reports her brother is in distress and has not slept for days.',
    ...overrides,
  };
}
