import { randomUUID } from 'node:crypto';
import {
  crisisCall,
  DOWNTOWN,
  ELSEWHERE,
  HandOffSystem,
  squareAround,
} from '../support/hand-off-system';

/**
 * The hand-off from dispatch to a community partner, across the agreements and referrals
 * services as separate processes over the real broker.
 */
describe('handing a call to a community partner', () => {
  let system: HandOffSystem;

  beforeAll(async () => {
    system = await HandOffSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  const unique = (name: string) => `${name} ${randomUUID().slice(0, 6)}`;
  const dispatcher = (agencyId: string) => ({ role: 'dispatcher' as const, org: agencyId });
  const partner = (partnerId: string) => ({ role: 'partner' as const, org: partnerId });
  const admin = { role: 'admin' as const };

  /** An agency with partners "Alpha…" and "Bravo…" (in that order on ties), both in force. */
  async function twoEligiblePartners(options: { immediateMinutes?: number } = {}) {
    const agencyId = await system.agency();
    const alpha = await system.partner({ name: unique('Alpha Crisis Services') });
    const bravo = await system.partner({ name: unique('Bravo Behavioral Health') });
    const initiativeId = await system.initiative(agencyId, [alpha, bravo]);
    const deadlines = {
      immediate: options.immediateMinutes ?? 15,
      'same-day': 240,
      routine: 4320,
    };
    const agreements = {
      alpha: await system.agreementInForce(initiativeId, {
        partnerId: alpha,
        acceptWithinMinutes: deadlines,
      }),
      bravo: await system.agreementInForce(initiativeId, {
        partnerId: bravo,
        acceptWithinMinutes: deadlines,
      }),
    };
    return { agencyId, alpha, bravo, initiativeId, agreements };
  }

  async function submit(agencyId: string, body = crisisCall(), key?: string) {
    const answer = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      dispatcher(agencyId),
      body,
      key ? { 'Idempotency-Key': key } : {},
    );
    if (answer.status !== 201)
      throw new Error(`intake answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body.id as string;
  }

  const offeredTo = (view: Record<string, unknown>) =>
    (view.assignment as { partnerId: string } | null)?.partnerId;

  it('assigns a mental-health crisis call to the provider whose area covers it, which accepts, works and completes it', async () => {
    const agencyId = await system.agency();
    const downtown = await system.partner({ name: unique('Downtown Crisis Team') });
    const faraway = await system.partner({
      name: unique('Aaa Faraway Counselling'),
      area: squareAround(ELSEWHERE.latitude, ELSEWHERE.longitude),
    });
    const initiativeId = await system.initiative(agencyId, [downtown, faraway]);
    await system.agreementInForce(initiativeId, { partnerId: downtown });
    await system.agreementInForce(initiativeId, { partnerId: faraway });

    const id = await submit(agencyId);
    const offered = await system.referralReaches(agencyId, id, 'offered');
    expect(offeredTo(offered)).toBe(downtown);

    const queue = await system.call<{ items: { id: string; status: string }[] }>(
      system.referrals,
      'GET',
      '/referrals?status=offered',
      partner(downtown),
    );
    expect(queue.body.items.map((item) => item.id)).toContain(id);

    for (const [step, body] of [
      ['accept', undefined],
      ['contact', { note: 'Spoke with the family by phone.' }],
      ['complete', { outcome: 'successful' }],
    ] as const) {
      const answer = await system.call(
        system.referrals,
        'POST',
        `/referrals/${id}/${step}`,
        partner(downtown),
        body,
      );
      expect({ step, status: answer.status }).toEqual({ step, status: 200 });
    }
    const closed = await system.referralReaches(agencyId, id, 'completed');
    expect(closed.outcome).toMatchObject({ outcome: 'successful' });

    await system.events.waitFor(id, 'concord.referral.completed.v1');
    expect(system.events.typesAbout(id)).toEqual([
      'concord.referral.submitted.v1',
      'concord.referral.assigned.v1',
      'concord.referral.accepted.v1',
      'concord.referral.in-progress.v1',
      'concord.referral.completed.v1',
    ]);
  });

  it('puts no personal data on the broker', async () => {
    const { agencyId } = await twoEligiblePartners();
    const call = crisisCall({
      person: { name: 'Quintessa Marlowe-Ybarra', age: 51, phone: '+1 312 555 0147' },
      narrative: 'Narrative-marker-7731: neighbour reports shouting.',
      location: { ...DOWNTOWN, address: '9999 Unmistakable Ave' },
    });
    const id = await submit(agencyId, call);
    await system.events.waitFor(id, 'concord.referral.assigned.v1');
    const onTheWire = system.events
      .about(id)
      .map((message) => message.raw)
      .join('\n');
    for (const personal of [
      'Quintessa',
      '555 0147',
      'Narrative-marker-7731',
      'Unmistakable',
      '41.8781',
    ]) {
      expect(onTheWire).not.toContain(personal);
    }
  });

  it('sends a declined referral to the next eligible partner, and never back to the one that declined', async () => {
    const { agencyId, alpha, bravo } = await twoEligiblePartners();
    const id = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, id, 'offered'))).toBe(alpha);

    const declined = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/decline`,
      partner(alpha),
      {
        reason: 'no-capacity',
        note: 'Both clinicians are out on calls.',
      },
    );
    expect(declined.status).toBe(200);
    expect(declined.body.status).toBe('declined');

    await system.events.waitFor(id, 'concord.referral.declined.v1');
    await system.eventuallyOfferedTo(agencyId, id, bravo);

    await system.call(system.referrals, 'POST', `/referrals/${id}/decline`, partner(bravo), {
      reason: 'safety-concern',
    });
    const unassignable = await system.events.waitFor(id, 'concord.referral.unassignable.v1');
    const ruledOut = unassignable.data.ruledOut as { partnerId: string; reasons: string[] }[];
    expect(ruledOut.find((entry) => entry.partnerId === alpha)?.reasons).toContain(
      'declined-before',
    );
    expect(ruledOut.find((entry) => entry.partnerId === bravo)?.reasons).toContain(
      'declined-before',
    );
  });

  it('re-routes an offer that is not answered by the deadline of the agreement', async () => {
    const { agencyId, alpha, bravo } = await twoEligiblePartners({ immediateMinutes: 1 });
    const id = await submit(agencyId, crisisCall({ urgency: 'immediate' }));
    const offered = await system.referralReaches(agencyId, id, 'offered');
    expect(offeredTo(offered)).toBe(alpha);
    const acceptBy = Date.parse((offered.assignment as { acceptBy: string }).acceptBy);
    expect(acceptBy - Date.parse(offered.submittedAt as string)).toBeGreaterThanOrEqual(60_000);

    await system.events.waitFor(id, 'concord.referral.offer-expired.v1', 100_000);
    await system.eventuallyOfferedTo(agencyId, id, bravo);
    const alphaView = await system.call(
      system.referrals,
      'GET',
      `/referrals/${id}`,
      partner(alpha),
    );
    expect(alphaView.body.status).toBe('expired');
  }, 150_000);

  it('finds no eligible partner and gives, for each partner, why it was ruled out', async () => {
    const agencyId = await system.agency();
    const outside = await system.partner({
      name: unique('Outside Area Outreach'),
      area: squareAround(ELSEWHERE.latitude, ELSEWHERE.longitude),
    });
    const housingOnly = await system.partner({ name: unique('Housing Only Agreement') });
    const unsigned = await system.partner({ name: unique('Unsigned Partner') });
    const youth = await system.partner({
      name: unique('Youth Only Service'),
      type: 'youth-organization',
      category: 'youth',
    });
    const initiativeId = await system.initiative(agencyId, [outside, housingOnly, unsigned, youth]);
    await system.agreementInForce(initiativeId, { partnerId: outside });
    await system.agreementInForce(initiativeId, {
      partnerId: housingOnly,
      categories: ['homelessness'],
    });

    const id = await submit(agencyId);
    await system.referralReaches(agencyId, id, 'unassignable');

    const event = await system.events.waitFor(id, 'concord.referral.unassignable.v1');
    const reasonsOf = (partnerId: string) =>
      (event.data.ruledOut as { partnerId: string; reasons: string[] }[]).find(
        (entry) => entry.partnerId === partnerId,
      )?.reasons;
    expect(reasonsOf(outside)).toEqual(['outside-service-area']);
    expect(reasonsOf(housingOnly)).toEqual(['agreement-does-not-cover-category']);
    expect(reasonsOf(unsigned)).toEqual(['no-agreement']);
    expect(reasonsOf(youth)).toContain('no-service-for-category');

    const decisions = await system.call<
      { result: string; trace: { partnerId: string; reasons: string[] }[] }[]
    >(system.referrals, 'GET', `/referrals/${id}/decisions`, admin);
    expect(decisions.body).toHaveLength(1);
    expect(decisions.body[0].result).toBe('unassignable');
    expect(decisions.body[0].trace.find((entry) => entry.partnerId === outside)?.reasons).toEqual([
      'outside-service-area',
    ]);

    const adminQueue = await system.call<{ items: { id: string }[] }>(
      system.referrals,
      'GET',
      '/referrals?status=unassignable&limit=100',
      admin,
    );
    expect(adminQueue.body.items.map((item) => item.id)).toContain(id);
  });

  it('takes open offers from a partner whose agreement is terminated and re-routes them', async () => {
    const { agencyId, alpha, bravo, agreements } = await twoEligiblePartners();
    const id = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, id, 'offered'))).toBe(alpha);

    const terminated = await system.call(
      system.agreements,
      'POST',
      `/agreements/${agreements.alpha}/terminate`,
      admin,
      {
        reason: 'The partner closed its crisis line.',
      },
    );
    expect(terminated.status).toBe(200);

    const withdrawn = await system.events.waitFor(id, 'concord.referral.offer-withdrawn.v1');
    expect(withdrawn.data).toMatchObject({ partnerId: alpha, reason: 'agreement-terminated' });
    await system.eventuallyOfferedTo(agencyId, id, bravo);

    const later = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, later, 'offered'))).toBe(bravo);
  });

  it('gives the next referral to the least loaded partner', async () => {
    const { agencyId, alpha, bravo } = await twoEligiblePartners();
    const first = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, first, 'offered'))).toBe(alpha);
    const second = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, second, 'offered'))).toBe(bravo);
  });

  it('never offers a service more open cases than its capacity', async () => {
    const agencyId = await system.agency();
    const small = await system.partner({ name: unique('Small Team'), capacity: 1 });
    const initiativeId = await system.initiative(agencyId, [small]);
    await system.agreementInForce(initiativeId, { partnerId: small });
    const ids = await Promise.all([submit(agencyId), submit(agencyId), submit(agencyId)]);
    const settled = await Promise.all(
      ids.map(async (id) => {
        await system.events.waitFor(id, 'concord.referral.submitted.v1');
        await eventuallySettled(agencyId, id);
        return (
          await system.call(system.referrals, 'GET', `/referrals/${id}`, dispatcher(agencyId))
        ).body.status;
      }),
    );
    expect([...settled].sort()).toEqual(['offered', 'unassignable', 'unassignable']);
    const turnedAway = ids.filter((_, index) => settled[index] === 'unassignable');
    for (const id of turnedAway) {
      const event = await system.events.waitFor(id, 'concord.referral.unassignable.v1');
      expect(event.data.ruledOut).toContainEqual({ partnerId: small, reasons: ['at-capacity'] });
    }
  });

  async function eventuallySettled(agencyId: string, id: string) {
    for (let i = 0; i < 150; i++) {
      const { body } = await system.call(
        system.referrals,
        'GET',
        `/referrals/${id}`,
        dispatcher(agencyId),
      );
      if (body.status !== 'awaiting-assignment') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`referral ${id} was never assigned or found unassignable`);
  }

  it('takes a partner out of routing while its agreement is suspended, and back in when resumed', async () => {
    const { agencyId, alpha, bravo, agreements } = await twoEligiblePartners();
    const id = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, id, 'offered'))).toBe(alpha);

    const suspended = await system.call(
      system.agreements,
      'POST',
      `/agreements/${agreements.alpha}/suspend`,
      admin,
      {
        reason: 'Supervision review.',
      },
    );
    expect(suspended.status).toBe(200);
    const withdrawn = await system.events.waitFor(id, 'concord.referral.offer-withdrawn.v1');
    expect(withdrawn.data).toMatchObject({ partnerId: alpha, reason: 'agreement-suspended' });
    await system.eventuallyOfferedTo(agencyId, id, bravo);

    await system.call(system.agreements, 'POST', `/agreements/${agreements.alpha}/resume`, admin);
    await system.waitForRouting(agreements.alpha, 'active');
    const next = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, next, 'offered'))).toBe(alpha);
  });

  it('creates one referral when the same Idempotency-Key arrives ten times at once', async () => {
    const { agencyId } = await twoEligiblePartners();
    const key = randomUUID();
    const call = crisisCall();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        system.call(system.referrals, 'POST', '/referrals', dispatcher(agencyId), call, {
          'Idempotency-Key': key,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(201));
    expect(new Set(answers.map((answer) => answer.body.id)).size).toBe(1);
  });

  it('gives one referral for the same Idempotency-Key twice, and refuses the key for another request', async () => {
    const { agencyId } = await twoEligiblePartners();
    const key = randomUUID();
    const call = crisisCall();
    const first = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      dispatcher(agencyId),
      call,
      { 'Idempotency-Key': key },
    );
    const again = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      dispatcher(agencyId),
      call,
      { 'Idempotency-Key': key },
    );
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const other = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      dispatcher(agencyId),
      crisisCall({ incidentReference: 'CAD-OTHER' }),
      { 'Idempotency-Key': key },
    );
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const listed = await system.call<{ items: { incidentReference: string }[] }>(
      system.referrals,
      'GET',
      '/referrals?limit=100',
      dispatcher(agencyId),
    );
    expect(
      listed.body.items.filter((item) => item.incidentReference === call.incidentReference),
    ).toHaveLength(1);
  });

  it('answers an illegal step with a 409 that names the current state', async () => {
    const { agencyId, alpha } = await twoEligiblePartners();
    const id = await submit(agencyId);
    await system.referralReaches(agencyId, id, 'offered');

    const early = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/complete`,
      partner(alpha),
      { outcome: 'successful' },
    );
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'REFERRAL_TRANSITION_NOT_ALLOWED',
      message: `cannot complete referral ${id}: it is offered`,
    });

    await system.call(system.referrals, 'POST', `/referrals/${id}/cancel`, dispatcher(agencyId), {
      reason: 'Person went to hospital.',
    });
    const afterCancel = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/cancel`,
      dispatcher(agencyId),
      {
        reason: 'Again.',
      },
    );
    expect(afterCancel.status).toBe(409);
    expect(afterCancel.body.message).toBe(`cannot cancel referral ${id}: it is cancelled`);
  });

  it("keeps a partner from listing or reading another partner's referral, and shows it only the fields its agreement shares", async () => {
    const agencyId = await system.agency();
    const alpha = await system.partner({ name: unique('Alpha Sharing Test') });
    const bravo = await system.partner({ name: unique('Bravo Sharing Test') });
    const initiativeId = await system.initiative(agencyId, [alpha, bravo]);
    await system.agreementInForce(initiativeId, {
      partnerId: alpha,
      sharedFields: ['person.name', 'contactPreference'],
    });
    await system.agreementInForce(initiativeId, { partnerId: bravo });
    const id = await submit(agencyId);
    expect(offeredTo(await system.referralReaches(agencyId, id, 'offered'))).toBe(alpha);

    const seen = await system.call(system.referrals, 'GET', `/referrals/${id}`, partner(alpha));
    expect(seen.status).toBe(200);
    expect(seen.body.person).toEqual({ name: 'Jordan Reyes' });
    expect(seen.body.contactPreference).toBe('phone');
    for (const hidden of ['narrative', 'location', 'consent', 'incidentReference']) {
      expect(seen.body).not.toHaveProperty(hidden);
    }

    const other = await system.call(system.referrals, 'GET', `/referrals/${id}`, partner(bravo));
    expect(other.status).toBe(404);
    const otherQueue = await system.call<{ items: { id: string }[] }>(
      system.referrals,
      'GET',
      '/referrals',
      partner(bravo),
    );
    expect(otherQueue.body.items.map((item) => item.id)).not.toContain(id);
    const otherAccept = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/accept`,
      partner(bravo),
    );
    expect(otherAccept.status).toBe(404);

    const otherAgency = await system.agency();
    const foreignDispatch = await system.call(
      system.referrals,
      'GET',
      `/referrals/${id}`,
      dispatcher(otherAgency),
    );
    expect(foreignDispatch.status).toBe(404);
  });

  it('answers bad input with a 400 that names each field and rule', async () => {
    const agencyId = await system.agency();
    const answer = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      dispatcher(agencyId),
      crisisCall({
        category: 'alien-abduction',
        location: { latitude: 123, longitude: -87.6 },
        consent: { obtained: false },
      }),
    );
    expect(answer.status).toBe(400);
    const messages = (answer.body.message as string[]).join('\n');
    expect(messages).toMatch(/category must be one of/);
    expect(messages).toMatch(/location\.latitude must be a latitude/);
    expect(messages).toMatch(/consent\.override is required/);

    const badKey = await system.call(
      system.referrals,
      'POST',
      '/referrals',
      dispatcher(agencyId),
      crisisCall(),
      {
        'Idempotency-Key': 'x'.repeat(300),
      },
    );
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toEqual([
      'Idempotency-Key must be 1 to 200 visible ASCII characters',
    ]);

    const badId = await system.call(
      system.referrals,
      'POST',
      '/referrals/not-a-uuid/cancel',
      dispatcher(agencyId),
      {
        reason: 'Duplicate.',
      },
    );
    expect(badId.status).toBe(400);
    expect(badId.body.message).toEqual(['id must be a UUID']);

    const badCursor = await system.call(
      system.referrals,
      'GET',
      '/referrals?after=garbage&limit=500',
      dispatcher(agencyId),
    );
    expect(badCursor.status).toBe(400);
    expect((badCursor.body.message as string[]).join('\n')).toMatch(
      /limit must not be greater than 100/,
    );
  });

  it('needs an unsuccessful outcome to say why', async () => {
    const { agencyId, alpha } = await twoEligiblePartners();
    const id = await submit(agencyId);
    await system.referralReaches(agencyId, id, 'offered');
    await system.call(system.referrals, 'POST', `/referrals/${id}/accept`, partner(alpha));
    const vague = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/complete`,
      partner(alpha),
      { outcome: 'unsuccessful' },
    );
    expect(vague.status).toBe(400);
    expect((vague.body.message as string[]).join('\n')).toMatch(
      /unsuccessfulReason must be one of/,
    );

    const told = await system.call(
      system.referrals,
      'POST',
      `/referrals/${id}/complete`,
      partner(alpha),
      {
        outcome: 'unsuccessful',
        unsuccessfulReason: 'unable-to-contact',
      },
    );
    expect(told.status).toBe(200);
    const event = await system.events.waitFor(id, 'concord.referral.completed.v1');
    expect(event.data).toMatchObject({
      outcome: 'unsuccessful',
      unsuccessfulReason: 'unable-to-contact',
    });
  });

  it('pages through a queue with a cursor, newest first, without repeats', async () => {
    const { agencyId } = await twoEligiblePartners();
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await submit(agencyId));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; nextCursor: string | null } } =
        await system.call(
          system.referrals,
          'GET',
          `/referrals?limit=2${after ? `&after=${after}` : ''}`,
          dispatcher(agencyId),
        );
      seen.push(...page.body.items.map((item) => item.id));
      after = page.body.nextCursor;
    } while (after);
    expect(seen).toEqual([...ids].reverse());
  });

  it("filters a partner's queue by urgency and category, and counts it by the offers' status", async () => {
    const agencyId = await system.agency();
    const only = await system.partner({ name: unique('Only Crisis Team') });
    const initiativeId = await system.initiative(agencyId, [only]);
    await system.agreementInForce(initiativeId, { partnerId: only });
    const immediate = [
      await submit(agencyId, crisisCall({ urgency: 'immediate' })),
      await submit(agencyId, crisisCall({ urgency: 'immediate' })),
    ];
    const sameDay = await submit(agencyId, crisisCall({ urgency: 'same-day' }));
    for (const id of [...immediate, sameDay]) await system.referralReaches(agencyId, id, 'offered');
    await system.call(system.referrals, 'POST', `/referrals/${sameDay}/accept`, partner(only));
    const read = <B>(path: string, as: { role: 'partner' | 'dispatcher'; org: string }) =>
      system.call<B>(system.referrals, 'GET', path, as).then((answer) => answer.body);
    type Items = { items: { id: string }[] };

    const urgent = await read<Items>('/referrals?urgency=immediate', partner(only));
    const homelessness = await read<Items>('/referrals?category=homelessness', partner(only));
    const partnerCounts = await read('/referrals/counts', partner(only));
    const dispatchCounts = await read('/referrals/counts?urgency=immediate', dispatcher(agencyId));

    expect(urgent.items.map((item) => item.id).sort()).toEqual([...immediate].sort());
    expect(homelessness.items).toEqual([]);
    expect(partnerCounts).toEqual({ byStatus: { offered: 2, accepted: 1 }, total: 3 });
    expect(dispatchCounts).toEqual({ byStatus: { offered: 2 }, total: 2 });
  });
});
