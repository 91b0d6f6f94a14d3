import { AgreementEvents } from '@concord/contracts';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  adminToken,
  Api,
  PublishedEvents,
  secondsFromNow,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';
import { agreementTerms, programme, registerPartner, signBoth } from './support/fixtures';

const SCHEDULER_INTERVAL_MS = 200;

describe('agreements', () => {
  let service: ServiceProcess;
  let events: PublishedEvents;
  let admin: Api;

  beforeAll(async () => {
    [service, events] = await Promise.all([
      startAgreementsService({ AGREEMENTS_SCHEDULER_INTERVAL_MS: String(SCHEDULER_INTERVAL_MS) }),
      PublishedEvents.start(),
    ]);
    admin = new Api(service, await devToken('admin'));
  });

  afterAll(async () => {
    await events?.stop();
    if (service) await stopAgreementsService(service);
  });

  /** A draft agreement of a new programme, with `overrides` of its terms. */
  async function draft(overrides: Record<string, unknown> = {}) {
    const { initiativeId, partnerId, agencyId } = await programme(admin);
    const agreement = await admin.expect(201, 'POST', '/agreements', {
      ...agreementTerms(initiativeId, partnerId),
      ...overrides,
    });
    return { agreement, initiativeId, partnerId, agencyId };
  }

  it('an agreement becomes active only once both parties have signed and its start has come', async () => {
    const { agreement, agencyId } = await draft();
    expect(agreement).toMatchObject({ status: 'draft', version: 1, agencyId });

    const oneSignature = await admin.expect(201, 'POST', `/agreements/${agreement.id}/signatures`, {
      party: 'partner',
      name: 'Sam Poe',
      title: 'Executive Director',
    });
    expect(oneSignature.status).toBe('draft');
    // A signed agreement whose start comes a moment later: once the scheduler has activated it,
    // it has had its chance to activate the half-signed one too.
    const marker = await draft({ effectiveFrom: secondsFromNow(1) });
    expect((await signBoth(admin, marker.agreement.id)).status).toBe('draft');
    await events.waitFor(marker.agreement.id, AgreementEvents.activated.type);
    expect((await admin.expect(200, 'GET', `/agreements/${agreement.id}`)).status).toBe('draft');

    const signed = await admin.expect(201, 'POST', `/agreements/${agreement.id}/signatures`, {
      party: 'agency',
      name: 'Jane Roe',
      title: 'Chief of Police',
    });
    expect(signed.status).toBe('active');
    expect(signed.signatures.map((signature: { party: string }) => signature.party)).toEqual([
      'partner',
      'agency',
    ]);
    const [activated] = await events.waitFor(agreement.id, AgreementEvents.activated.type);
    expect(activated.data).toEqual({
      agreementId: agreement.id,
      agencyId,
      partnerId: agreement.partnerId,
      initiativeId: agreement.initiativeId,
      version: 1,
      status: 'active',
      categories: ['mental-health-crisis'],
      sharedFields: ['person.name', 'person.phone', 'consent'],
      sharedFieldsWithoutConsent: [],
      acceptWithinMinutes: { immediate: 10, 'same-day': 240, routine: 2880 },
      effectiveFrom: agreement.effectiveFrom,
    });
    expect(events.of(agreement.id)).toHaveLength(1);
  });

  it('a signed draft whose start is still ahead is activated by the scheduler when the start comes', async () => {
    const start = secondsFromNow(3);
    const { agreement } = await draft({ effectiveFrom: start });

    expect((await signBoth(admin, agreement.id)).status).toBe('draft');
    const [activated] = await events.waitFor(agreement.id, AgreementEvents.activated.type);

    expect(Date.parse(activated.time)).toBeGreaterThanOrEqual(Date.parse(start));
    expect(activated.data).toMatchObject({ status: 'active', effectiveFrom: start });
    expect((await admin.expect(200, 'GET', `/agreements/${agreement.id}`)).status).toBe('active');
  });

  it('an illegal transition is a 409 naming the current status', async () => {
    const { agreement } = await draft();

    const resume = await admin.send('POST', `/agreements/${agreement.id}/resume`);
    expect(resume).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        code: 'AGREEMENT_TRANSITION_NOT_ALLOWED',
        message: `cannot resume agreement ${agreement.id}: it is draft`,
      },
    });
    await admin.expect(200, 'POST', `/agreements/${agreement.id}/terminate`, {
      reason: 'withdrawn before signing',
    });
    const amend = await admin.send('POST', `/agreements/${agreement.id}/amendments`, {
      reason: 'too late',
      sharedFields: [],
    });
    expect(amend.status).toBe(409);
    expect(amend.body.message).toBe(`cannot amend agreement ${agreement.id}: it is terminated`);
  });

  it('signing for the same party twice is a 409', async () => {
    const { agreement } = await draft({ effectiveFrom: secondsFromNow(3600) });
    const signature = { party: 'agency', name: 'Jane Roe', title: 'Chief of Police' };
    await admin.expect(201, 'POST', `/agreements/${agreement.id}/signatures`, signature);
    const again = await admin.send('POST', `/agreements/${agreement.id}/signatures`, signature);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('AGREEMENT_ALREADY_SIGNED');
  });

  it('suspend, resume and terminate publish their events with the full snapshot', async () => {
    const { agreement } = await draft();
    await signBoth(admin, agreement.id);

    const suspended = await admin.expect(200, 'POST', `/agreements/${agreement.id}/suspend`, {
      reason: 'data-sharing breach under review',
    });
    expect(suspended).toMatchObject({
      status: 'suspended',
      statusReason: 'data-sharing breach under review',
    });
    await admin.expect(200, 'POST', `/agreements/${agreement.id}/resume`);
    await admin.expect(200, 'POST', `/agreements/${agreement.id}/terminate`, {
      reason: 'programme ended',
    });

    await events.waitFor(agreement.id, AgreementEvents.terminated.type);
    const published = events.of(agreement.id);
    expect(
      published.map((event) => [event.type, (event.data as { status: string }).status]),
    ).toEqual([
      [AgreementEvents.activated.type, 'active'],
      [AgreementEvents.suspended.type, 'suspended'],
      [AgreementEvents.activated.type, 'active'],
      [AgreementEvents.terminated.type, 'terminated'],
    ]);
    for (const event of published) {
      expect(event.data).toMatchObject({
        agreementId: agreement.id,
        partnerId: agreement.partnerId,
        agencyId: agreement.agencyId,
        initiativeId: agreement.initiativeId,
        version: 1,
        categories: agreement.categories,
        sharedFields: agreement.sharedFields,
        acceptWithinMinutes: agreement.acceptWithinMinutes,
        effectiveFrom: agreement.effectiveFrom,
      });
    }
  });

  it('keeps every status change of an agreement with its reason and who made it, oldest first', async () => {
    const { agreement } = await draft();
    const supervisor = admin.as(await adminToken('admin-supervisor'));
    await signBoth(admin, agreement.id);
    await supervisor.expect(200, 'POST', `/agreements/${agreement.id}/suspend`, {
      reason: 'data-sharing breach under review',
    });
    await admin.expect(200, 'POST', `/agreements/${agreement.id}/resume`);
    const terminated = await supervisor.expect(
      200,
      'POST',
      `/agreements/${agreement.id}/terminate`,
      { reason: 'programme ended' },
    );

    const read = await admin
      .as(await devToken('auditor'))
      .expect(200, 'GET', `/agreements/${agreement.id}`);
    expect(read.statusHistory).toEqual([
      {
        status: 'draft',
        previousStatus: null,
        reason: null,
        changedAt: agreement.createdAt,
        changedBy: 'test-admin',
      },
      {
        status: 'active',
        previousStatus: 'draft',
        reason: null,
        changedAt: expect.any(String),
        changedBy: 'test-admin',
      },
      {
        status: 'suspended',
        previousStatus: 'active',
        reason: 'data-sharing breach under review',
        changedAt: expect.any(String),
        changedBy: 'admin-supervisor',
      },
      {
        status: 'active',
        previousStatus: 'suspended',
        reason: null,
        changedAt: expect.any(String),
        changedBy: 'test-admin',
      },
      {
        status: 'terminated',
        previousStatus: 'active',
        reason: 'programme ended',
        changedAt: terminated.statusChangedAt,
        changedBy: 'admin-supervisor',
      },
    ]);
    const times = read.statusHistory.map(({ changedAt }: { changedAt: string }) =>
      Date.parse(changedAt),
    );
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(terminated.statusHistory).toEqual(read.statusHistory);
  });

  it('an agreement whose end passes is announced as expiring once, then expired by the scheduler', async () => {
    const end = secondsFromNow(4);
    const { agreement } = await draft({ effectiveTo: end });
    expect((await signBoth(admin, agreement.id)).status).toBe('active');

    const [expiring] = await events.waitFor(agreement.id, AgreementEvents.expiring.type);
    expect(expiring.data).toEqual({
      agreementId: agreement.id,
      partnerId: agreement.partnerId,
      expiresAt: end,
    });
    const [expired] = await events.waitFor(agreement.id, AgreementEvents.expired.type);
    expect(expired.data).toMatchObject({ status: 'expired', effectiveTo: end });
    expect(Date.parse(expired.time)).toBeGreaterThanOrEqual(Date.parse(end));
    expect(events.of(agreement.id, AgreementEvents.expiring.type)).toHaveLength(1);
    expect((await admin.expect(200, 'GET', `/agreements/${agreement.id}`)).status).toBe('expired');
  });

  it('an amendment makes version 2 and keeps version 1', async () => {
    const { agreement } = await draft({ effectiveTo: secondsFromNow(365 * 24 * 3600) });
    await signBoth(admin, agreement.id);

    const amended = await admin.expect(201, 'POST', `/agreements/${agreement.id}/amendments`, {
      reason: 'partner no longer receives phone numbers',
      sharedFields: ['person.name', 'consent'],
      acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
    });

    expect(amended).toMatchObject({ version: 2, status: 'active' });
    expect(amended.versions).toEqual([
      expect.objectContaining({
        version: 1,
        reason: null,
        sharedFields: ['person.name', 'person.phone', 'consent'],
        acceptWithinMinutes: { immediate: 10, 'same-day': 240, routine: 2880 },
      }),
      expect.objectContaining({
        version: 2,
        reason: 'partner no longer receives phone numbers',
        sharedFields: ['person.name', 'consent'],
        acceptWithinMinutes: { immediate: 15, 'same-day': 240, routine: 2880 },
        categories: agreement.categories,
        effectiveTo: agreement.effectiveTo,
      }),
    ]);
    const [event] = await events.waitFor(agreement.id, AgreementEvents.amended.type);
    expect(event.data).toMatchObject({
      version: 2,
      status: 'active',
      sharedFields: ['person.name', 'consent'],
    });
  });

  it("a partner reads its own agreements and gets 404 for another partner's", async () => {
    const { agreement, initiativeId, partnerId } = await draft();
    const stranger = await registerPartner(admin, 'Unrelated partner');
    const own = admin.as(await devToken('partner', partnerId));
    const other = admin.as(await devToken('partner', stranger.id));

    expect((await own.expect(200, 'GET', `/agreements/${agreement.id}`)).id).toBe(agreement.id);
    const answer = await other.send('GET', `/agreements/${agreement.id}`);
    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('AGREEMENT_NOT_FOUND');

    expect(await own.expect(200, 'GET', '/agreements')).toEqual([
      expect.objectContaining({ id: agreement.id, initiativeId }),
    ]);
    expect(await other.expect(200, 'GET', `/agreements?partnerId=${partnerId}`)).toEqual([]);
    const all = await admin
      .as(await devToken('auditor'))
      .expect(200, 'GET', '/agreements?status=draft');
    expect(all.map((listed: { id: string }) => listed.id)).toContain(agreement.id);
  });

  it('an agreement with a partner outside the initiative, or categories it does not cover, is refused with 422', async () => {
    const { initiativeId, partnerId } = await programme(admin);
    const outsider = await registerPartner(admin, 'Not in the initiative');

    const notAPartner = await admin.send(
      'POST',
      '/agreements',
      agreementTerms(initiativeId, outsider.id),
    );
    expect(notAPartner.status).toBe(422);
    expect(notAPartner.body.code).toBe('AGREEMENT_PARTNER_NOT_IN_INITIATIVE');

    const outsideScope = await admin.send('POST', '/agreements', {
      ...agreementTerms(initiativeId, partnerId),
      categories: ['mental-health-crisis', 'youth'],
    });
    expect(outsideScope.status).toBe(422);
    expect(outsideScope.body.code).toBe('AGREEMENT_CATEGORIES_OUTSIDE_INITIATIVE');
    expect(outsideScope.body.message).toContain('youth');
  });

  const HOUR = 3600;

  it('a second agreement for the same partner, initiative and category over an overlapping period is a 409 naming the one already there', async () => {
    const {
      agreement: first,
      initiativeId,
      partnerId,
    } = await draft({
      effectiveTo: secondsFromNow(24 * HOUR),
    });
    await signBoth(admin, first.id);
    const terms = agreementTerms(initiativeId, partnerId);

    const overlapping = await admin.send('POST', '/agreements', {
      ...terms,
      categories: ['welfare-check', 'mental-health-crisis'],
      effectiveFrom: secondsFromNow(HOUR),
    });

    expect(overlapping).toEqual({
      status: 409,
      body: {
        statusCode: 409,
        error: 'Conflict',
        code: 'AGREEMENT_OVERLAPS',
        message: expect.stringContaining(`agreement ${first.id} (active)`),
      },
    });
    expect(overlapping.body.message).toContain('mental-health-crisis');
    expect(overlapping.body.message).not.toContain('welfare-check');
  });

  it('agreements of one partner and initiative may follow each other or cover other categories', async () => {
    const end = secondsFromNow(24 * HOUR);
    const { agreement: first, initiativeId, partnerId } = await draft({ effectiveTo: end });
    await signBoth(admin, first.id);
    const terms = agreementTerms(initiativeId, partnerId);

    await admin.expect(201, 'POST', '/agreements', { ...terms, effectiveFrom: end });
    await admin.expect(201, 'POST', '/agreements', { ...terms, categories: ['welfare-check'] });
  });

  it('a draft holds its period too, and an agreement that ended holds none', async () => {
    const {
      agreement: planned,
      initiativeId,
      partnerId,
    } = await draft({
      effectiveFrom: secondsFromNow(30 * 24 * HOUR),
    });
    const terms = agreementTerms(initiativeId, partnerId);

    const clash = await admin.send('POST', '/agreements', terms);
    expect(clash.status).toBe(409);
    expect(clash.body.message).toContain(`agreement ${planned.id} (draft)`);

    await admin.expect(200, 'POST', `/agreements/${planned.id}/terminate`, {
      reason: 'withdrawn: replaced by an open-ended agreement',
    });
    await admin.expect(201, 'POST', '/agreements', terms);
  });

  it('an amendment that would make two agreements overlap is a 409, and changes nothing', async () => {
    const end = secondsFromNow(24 * HOUR);
    const { agreement: first, initiativeId, partnerId } = await draft({ effectiveTo: end });
    const terms = agreementTerms(initiativeId, partnerId);
    const next = await admin.expect(201, 'POST', '/agreements', { ...terms, effectiveFrom: end });
    const other = await admin.expect(201, 'POST', '/agreements', {
      ...terms,
      categories: ['welfare-check'],
    });

    const longer = await admin.send('POST', `/agreements/${first.id}/amendments`, {
      reason: 'extended',
      effectiveTo: secondsFromNow(48 * HOUR),
    });
    const wider = await admin.send('POST', `/agreements/${other.id}/amendments`, {
      reason: 'takes crises too',
      categories: ['welfare-check', 'mental-health-crisis'],
    });

    expect(longer).toMatchObject({ status: 409, body: { code: 'AGREEMENT_OVERLAPS' } });
    expect(longer.body.message).toContain(`agreement ${next.id} (draft)`);
    expect(wider).toMatchObject({ status: 409, body: { code: 'AGREEMENT_OVERLAPS' } });
    expect(wider.body.message).toContain(`agreement ${first.id} (draft)`);
    expect((await admin.expect(200, 'GET', `/agreements/${first.id}`)).version).toBe(1);
    expect((await admin.expect(200, 'GET', `/agreements/${other.id}`)).version).toBe(1);
    await admin.expect(201, 'POST', `/agreements/${first.id}/amendments`, {
      reason: 'shared phone numbers no more',
      sharedFields: ['person.name', 'consent'],
    });
  });

  it('of concurrent requests for overlapping agreements exactly one succeeds', async () => {
    const { initiativeId, partnerId } = await programme(admin);
    const terms = agreementTerms(initiativeId, partnerId);
    const attempts = 8;

    const answers = await Promise.all(
      Array.from({ length: attempts }, () => admin.send('POST', '/agreements', terms)),
    );

    expect(answers.map(({ status }) => status).sort()).toEqual([
      201,
      ...Array<number>(attempts - 1).fill(409),
    ]);
    const listed = await admin.expect(
      200,
      'GET',
      `/agreements?initiativeId=${initiativeId}&partnerId=${partnerId}`,
    );
    expect(listed).toHaveLength(1);
  });

  it('a concurrent amendment and creation cannot both make an overlap', async () => {
    const end = secondsFromNow(24 * HOUR);
    const { agreement: first, initiativeId, partnerId } = await draft({ effectiveTo: end });
    const terms = agreementTerms(initiativeId, partnerId);

    const [amended, created] = await Promise.all([
      admin.send('POST', `/agreements/${first.id}/amendments`, {
        reason: 'extended',
        effectiveTo: secondsFromNow(48 * HOUR),
      }),
      admin.send('POST', '/agreements', { ...terms, effectiveFrom: end }),
    ]);

    expect([amended.status, created.status].sort()).toEqual([201, 409]);
  });

  it('bad agreement input gets a 400 naming the field', async () => {
    const { initiativeId, partnerId } = await programme(admin);
    const answer = await admin.send('POST', '/agreements', {
      ...agreementTerms(initiativeId, partnerId),
      categories: [],
      sharedFields: ['person.ssn'],
      acceptWithinMinutes: { immediate: 0, 'same-day': 240 },
      effectiveFrom: '2026-01-01',
      unexpected: true,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(
      expect.arrayContaining([
        'categories should not be empty',
        expect.stringMatching(/^sharedFields: each value in sharedFields must be one of/),
        'acceptWithinMinutes.immediate must not be less than 1',
        expect.stringMatching(/^acceptWithinMinutes\.routine must be an integer/),
        expect.stringMatching(/^effectiveFrom must be an ISO 8601 date-time/),
        'property "unexpected" must not be sent: it is not a field of this request',
      ]),
    );

    const endBeforeStart = await admin.send('POST', '/agreements', {
      ...agreementTerms(initiativeId, partnerId),
      effectiveFrom: '2026-06-01T00:00:00Z',
      effectiveTo: '2026-05-01T00:00:00Z',
    });
    expect(endBeforeStart.body.message).toEqual(['effectiveTo must be after effectiveFrom']);

    const badId = await admin.send('POST', '/agreements/123/suspend', { reason: 'x' });
    expect(badId.status).toBe(400);
    expect(badId.body.message).toEqual(['id must be a UUID']);
  });
});
