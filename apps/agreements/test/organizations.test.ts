import { OrganizationEvents } from '@concord/contracts';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  PublishedEvents,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';
import { crisisService, housingService, registerAgency, registerPartner } from './support/fixtures';

describe('organisations', () => {
  let service: ServiceProcess;
  let events: PublishedEvents;
  let admin: Api;

  beforeAll(async () => {
    [service, events] = await Promise.all([startAgreementsService(), PublishedEvents.start()]);
    admin = new Api(service, await devToken('admin'));
  });

  afterAll(async () => {
    await events?.stop();
    if (service) await stopAgreementsService(service);
  });

  it('registering an organisation publishes organization.registered with the full snapshot', async () => {
    const registered = await admin.expect(201, 'POST', '/organizations', {
      name: 'Harbor Mental Health',
      type: 'mental-health-provider',
      services: [crisisService(), housingService()],
    });
    expect(registered).toMatchObject({ name: 'Harbor Mental Health', revision: 1 });
    expect(registered.services).toHaveLength(2);

    const [event] = await events.waitFor(registered.id, OrganizationEvents.registered.type);
    const [crisis, housing] = registered.services;
    expect(event.data).toEqual({
      organizationId: registered.id,
      name: 'Harbor Mental Health',
      type: 'mental-health-provider',
      revision: 1,
      services: [
        { ...crisisService(), serviceId: crisis.id },
        { ...housingService(), eligibility: {}, serviceId: housing.id },
      ],
    });
  });

  it('updating an organisation keeps the ids of the services it names and raises the revision', async () => {
    const registered = await registerPartner(admin, 'Northside Youth');
    const [kept] = registered.services;

    const updated = await admin.expect(200, 'PUT', `/organizations/${registered.id}`, {
      name: 'Northside Youth Services',
      type: 'youth-organization',
      services: [crisisService({ id: kept.id, capacity: 9 }), housingService()],
    });

    expect(updated.revision).toBe(2);
    expect(updated.services[0]).toMatchObject({ id: kept.id, capacity: 9 });
    expect(updated.services[1].id).not.toBe(kept.id);
    const [event] = await events.waitFor(registered.id, OrganizationEvents.updated.type);
    expect(event.data).toMatchObject({
      organizationId: registered.id,
      name: 'Northside Youth Services',
      type: 'youth-organization',
      revision: 2,
      services: [
        { serviceId: kept.id, capacity: 9 },
        { serviceId: updated.services[1].id, name: 'Shelter intake' },
      ],
    });
    expect(await admin.expect(200, 'GET', `/organizations/${registered.id}`)).toEqual(updated);
  });

  it('an update naming a service the organisation does not have is refused with 422', async () => {
    const registered = await registerPartner(admin);
    const other = await registerPartner(admin, 'Another partner');
    const answer = await admin.send('PUT', `/organizations/${registered.id}`, {
      name: 'Harbor Mental Health',
      type: 'mental-health-provider',
      services: [crisisService({ id: other.services[0].id })],
    });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'ORGANIZATION_SERVICE_NOT_FOUND' });
    expect(answer.body.message).toContain('services.0.id');
    expect((await admin.expect(200, 'GET', `/organizations/${registered.id}`)).revision).toBe(1);
  });

  it('an unknown organisation is a 404 with code ORGANIZATION_NOT_FOUND', async () => {
    const answer = await admin.send('GET', '/organizations/00000000-0000-4000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
  });

  it('lists organisations of one type to an admin', async () => {
    const agency = await registerAgency(admin, 'County Sheriff');
    const agencies = await admin.expect(200, 'GET', '/organizations?type=police-agency');
    expect(agencies.map((organization: { id: string }) => organization.id)).toContain(agency.id);
    expect(
      agencies.every((organization: { type: string }) => organization.type === 'police-agency'),
    ).toBe(true);
  });

  it('a dispatcher lists and reads only its own organisation, another is a 404', async () => {
    const agency = await registerAgency(admin, 'County Sheriff');
    const other = await registerAgency(admin, 'City Police');
    const dispatcher = admin.as(await devToken('dispatcher', agency.id));
    const listed = await dispatcher.expect(200, 'GET', '/organizations');
    expect(listed.map((organization: { id: string }) => organization.id)).toEqual([agency.id]);
    await dispatcher.expect(200, 'GET', `/organizations/${agency.id}`);
    const answer = await dispatcher.send('GET', `/organizations/${other.id}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
  });

  it('only an admin may register an organisation', async () => {
    const auditor = admin.as(await devToken('auditor'));
    const answer = await auditor.send('POST', '/organizations', {
      name: 'Nope',
      type: 'housing',
      services: [],
    });
    expect(answer.status).toBe(403);
  });

  it('bad input gets a 400 naming the field', async () => {
    const answer = await admin.send('POST', '/organizations', {
      name: 'Broken',
      type: 'bakery',
      services: [
        crisisService({
          capacity: 0,
          area: { type: 'Point', coordinates: [-87.6, 41.8] },
          eligibility: { minAge: 30, maxAge: 20 },
        }),
      ],
    });
    expect(answer.status).toBe(400);
    const messages: string[] = answer.body.message;
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^type must be one of/),
        expect.stringMatching(/^services\.0\.capacity must not be less than 1/),
        expect.stringMatching(/^services\.0\.area must be a GeoJSON Polygon or MultiPolygon/),
        expect.stringMatching(/^services\.0\.eligibility\.minAge must not be greater than maxAge/),
      ]),
    );

    const missingHours = await admin.send('POST', '/organizations', {
      name: 'Broken',
      type: 'housing',
      services: [housingService({ hours: undefined })],
    });
    expect(missingHours.status).toBe(400);
    expect(missingHours.body.message).toContain('services.0.hours must be an object');

    const unstorableName = await admin.send('POST', '/organizations', {
      name: 'Null\u0000 and half a pair \ud800',
      type: 'housing',
      services: [],
    });
    expect(unstorableName.status).toBe(400);
    expect(unstorableName.body.message).toEqual([
      'name must not contain NUL characters or unpaired surrogates (body)',
    ]);

    const badId = await admin.send('GET', '/organizations/not-a-uuid');
    expect(badId).toEqual({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: ['id must be a UUID'] },
    });
  });
});

describe('initiatives', () => {
  let service: ServiceProcess;
  let admin: Api;

  beforeAll(async () => {
    service = await startAgreementsService();
    admin = new Api(service, await devToken('admin'));
  });

  afterAll(() => (service ? stopAgreementsService(service) : undefined));

  const initiative = (leadAgencyId: string, partnerIds: string[]) => ({
    name: 'Crisis response 2026',
    leadAgencyId,
    partnerIds,
    categories: ['mental-health-crisis'],
    periodFrom: '2026-01-01',
    periodTo: '2026-12-31',
  });

  it('an initiative of a police agency and its partners can be read back', async () => {
    const agency = await registerAgency(admin);
    const partner = await registerPartner(admin);
    const created = await admin.expect(201, 'POST', '/initiatives', {
      ...initiative(agency.id, [partner.id]),
      kpiTargets: [{ metric: 'share of referrals accepted', target: 0.8 }],
    });
    expect(created).toMatchObject({
      leadAgencyId: agency.id,
      partnerIds: [partner.id],
      periodFrom: '2026-01-01',
      periodTo: '2026-12-31',
      kpiTargets: [{ metric: 'share of referrals accepted', target: 0.8 }],
    });
    const reader = admin.as(await devToken('auditor'));
    expect(await reader.expect(200, 'GET', `/initiatives/${created.id}`)).toEqual(created);
    expect(await reader.expect(200, 'GET', '/initiatives')).toContainEqual(created);
  });

  it('a partner reads only the initiatives its organisation takes part in', async () => {
    const agency = await registerAgency(admin);
    const member = await registerPartner(admin);
    const outsider = await registerPartner(admin, 'Outsider');
    const created = await admin.expect(
      201,
      'POST',
      '/initiatives',
      initiative(agency.id, [member.id]),
    );
    const asMember = admin.as(await devToken('partner', member.id));
    const asOutsider = admin.as(await devToken('partner', outsider.id));
    expect(await asMember.expect(200, 'GET', `/initiatives/${created.id}`)).toEqual(created);
    expect(await asOutsider.send('GET', `/initiatives/${created.id}`)).toMatchObject({
      status: 404,
      body: { code: 'INITIATIVE_NOT_FOUND' },
    });
    expect(await asOutsider.expect(200, 'GET', '/initiatives')).not.toContainEqual(created);
  });

  it('an initiative led by an organisation that is not a police agency is refused with 422', async () => {
    const partner = await registerPartner(admin);
    const other = await registerPartner(admin, 'Second partner');
    const answer = await admin.send('POST', '/initiatives', initiative(partner.id, [other.id]));
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'INITIATIVE_LEAD_NOT_AN_AGENCY' });
  });

  it('partners that are unknown or police agencies are refused with 422 naming them', async () => {
    const agency = await registerAgency(admin);
    const otherAgency = await registerAgency(admin, 'State Police');
    const unknown = '00000000-0000-4000-8000-000000000001';
    const answer = await admin.send(
      'POST',
      '/initiatives',
      initiative(agency.id, [unknown, otherAgency.id]),
    );
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('INITIATIVE_PARTNERS_INVALID');
    expect(answer.body.message).toContain(unknown);
    expect(answer.body.message).toContain(otherAgency.id);
  });

  it('a period that ends before it starts gets a 400 naming periodTo', async () => {
    const agency = await registerAgency(admin);
    const partner = await registerPartner(admin);
    const answer = await admin.send('POST', '/initiatives', {
      ...initiative(agency.id, [partner.id]),
      periodTo: '2025-12-31',
      kpiTargets: [{ metric: 'x'.repeat(101), target: 'many' }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.message).toEqual(
      expect.arrayContaining([
        'periodTo must be after periodFrom',
        expect.stringMatching(/^kpiTargets\.0\.metric must be shorter than or equal to 100/),
        expect.stringMatching(/^kpiTargets\.0\.target must be a number/),
      ]),
    );
  });
});
