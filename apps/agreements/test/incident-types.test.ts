import { OrganizationEvents } from '@concord/contracts';
import { ServiceProcess } from '../../../test/support/service-process';
import { devToken } from '../../../test/support/tokens';
import {
  Api,
  PublishedEvents,
  startAgreementsService,
  stopAgreementsService,
} from './support/agreements-service';
import { registerAgency, registerPartner } from './support/fixtures';

const MAPPING = {
  types: [
    { code: 'MH-CRISIS', category: 'mental-health-crisis', urgency: 'immediate' },
    { code: 'WELFARE', category: 'welfare-check', urgency: 'same-day' },
  ],
};

describe('incident-type mappings', () => {
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

  it('saving an agency mapping publishes the whole mapping with a new revision', async () => {
    const agency = await registerAgency(admin);
    const first = await admin.expect(200, 'PUT', `/organizations/${agency.id}/incident-types`, {
      types: [MAPPING.types[0]],
    });
    const second = await admin.expect(
      200,
      'PUT',
      `/organizations/${agency.id}/incident-types`,
      MAPPING,
    );

    expect([first.revision, second.revision]).toEqual([1, 2]);
    const published = await events.waitFor(
      agency.id,
      OrganizationEvents.incidentTypesMapped.type,
      2,
    );
    expect(published.map((event) => event.data)).toEqual([
      { organizationId: agency.id, revision: 1, types: [MAPPING.types[0]] },
      { organizationId: agency.id, revision: 2, types: MAPPING.types },
    ]);
    expect(await admin.expect(200, 'GET', `/organizations/${agency.id}/incident-types`)).toEqual(
      second,
    );
  });

  it("an agency's dispatcher reads its own mapping and not another agency's", async () => {
    const [own, other] = [
      await registerAgency(admin, 'Own PD'),
      await registerAgency(admin, 'Other PD'),
    ];
    await admin.expect(200, 'PUT', `/organizations/${own.id}/incident-types`, MAPPING);
    const dispatcher = new Api(service, await devToken('dispatcher', own.id));

    expect(
      await dispatcher.expect(200, 'GET', `/organizations/${own.id}/incident-types`),
    ).toMatchObject({ revision: 1, types: MAPPING.types });
    await dispatcher.expect(404, 'GET', `/organizations/${other.id}/incident-types`);
  });

  it('only a police agency maps incident types', async () => {
    const partner = await registerPartner(admin);
    const answer = await admin.send('PUT', `/organizations/${partner.id}/incident-types`, MAPPING);
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe('NOT_A_POLICE_AGENCY');
  });

  it('a code mapped twice is refused naming the second', async () => {
    const agency = await registerAgency(admin);
    const answer = await admin.send('PUT', `/organizations/${agency.id}/incident-types`, {
      types: [MAPPING.types[0], { ...MAPPING.types[1], code: 'MH-CRISIS' }],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.message).toContain('types.1.code');
  });

  it('an unknown category is a 400 naming the field', async () => {
    const agency = await registerAgency(admin);
    const answer = await admin.send('PUT', `/organizations/${agency.id}/incident-types`, {
      types: [{ code: 'X', category: 'burglary', urgency: 'routine' }],
    });
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body.message)).toContain('types.0.category');
  });
});
