import { randomUUID } from 'node:crypto';
import { ReferralEvents } from '@concord/contracts';
import {
  aCallTransfer,
  aCrisisIncident,
  aPidfLo,
  EidoTestDocument,
  GML_POLYGON,
  GS_CIRCLE,
  withMember,
  withoutMember,
} from '../../apps/referrals/src/intake/eido/eido-test-documents';
import { HandOffSystem } from '../support/hand-off-system';
import { eventually } from '../support/infrastructure';
import { findPersonalData } from '../support/personal-data';

const CONSENT = {
  consent: { obtained: true, method: 'verbal', obtainedBy: 'Call taker 7, Springfield PSAP' },
  contactPreference: 'phone',
};

const MAPPING = {
  types: [
    { code: 'MH-CRISIS', category: 'mental-health-crisis', urgency: 'immediate' },
    { code: 'BehavioralHealth', category: 'mental-health-crisis', urgency: 'same-day' },
  ],
};

const withConsent = (document: EidoTestDocument) => ({ ...document, concord: CONSENT });

interface EidoAnswer {
  referral: Record<string, unknown> & { id: string };
  eido: { used: string[]; ignored: string[] };
}

/**
 * EIDO intake across agreements (which owns each agency's incident-type mapping) and referrals
 * (which reads it from organization.incident-types-mapped), over the real broker.
 */
describe('a CAD incident handed over as NENA EIDO', () => {
  let system: HandOffSystem;
  let agencyId: string;
  const dispatcher = () => ({ role: 'dispatcher' as const, org: agencyId });

  beforeAll(async () => {
    system = await HandOffSystem.start();
    agencyId = await system.agency();
    const saved = await system.call(
      system.agreements,
      'PUT',
      `/organizations/${agencyId}/incident-types`,
      { role: 'admin' },
      MAPPING,
    );
    expect(saved.status).toBe(200);
    await eventually('intake to have the agency mapping', async () => {
      const { body } = await system.call(
        system.referrals,
        'GET',
        `/routing/incident-types/${agencyId}`,
        { role: 'admin' },
      );
      return body.revision === 1;
    });
  });

  afterAll(async () => {
    await system?.stop();
  });

  const submit = (body: unknown, key?: string) =>
    system.call<Record<string, unknown>>(
      system.referrals,
      'POST',
      '/referrals/eido',
      dispatcher(),
      body,
      key ? { 'idempotency-key': key } : {},
    );

  const details = async (referralId: string) =>
    (await system.call(system.referrals, 'GET', `/referrals/${referralId}`, dispatcher())).body;

  it("a crisis incident becomes the referral its components describe, typed by the agency's mapping", async () => {
    const answer = await submit(withConsent(aCrisisIncident()));

    expect(answer.status).toBe(201);
    const { referral, eido } = answer.body as unknown as EidoAnswer;
    expect(referral).toMatchObject({
      incidentReference: 'SPD-2026-031407',
      category: 'mental-health-crisis',
      urgency: 'immediate',
      status: 'awaiting-assignment',
    });
    expect(await details(referral.id)).toMatchObject({
      location: { latitude: 39.80172, longitude: -89.64371 },
      person: { name: 'Dana M. Whitfield', phone: '+1-217-555-0142', language: 'eng' },
      contactPreference: 'phone',
      narrative:
        'Caller says she has not slept in three days and is hearing voices.\n' +
        'No weapons in the home & she is calm on the phone.\n\n' +
        'Asked for someone to talk to, not police. Sister on her way.',
    });
    expect(eido.used).toEqual(
      expect.arrayContaining([
        'incidentComponent.incidentTypeInternalCode',
        'incidentComponent.internalIncidentId',
        'locationComponent.0.locationByValue',
        'personComponent.0.ncPersonComponent.name.0.personFullName.0.value',
        'notesComponent.0.notesActionComments',
        'concord',
      ]),
    );
    expect(eido.ignored).toEqual(
      expect.arrayContaining(['incidentComponent.incidentCommonPriorityNumber']),
    );
  });

  it('a call transfer becomes the referral of the transferred call', async () => {
    const answer = await submit(withConsent(aCallTransfer()));

    expect(answer.status).toBe(201);
    const { referral, eido } = answer.body as unknown as EidoAnswer;
    expect(referral).toMatchObject({ category: 'mental-health-crisis', urgency: 'same-day' });
    const person = (await details(referral.id)).person as Record<string, unknown>;
    expect(person).toMatchObject({ name: 'Luis Herrera', age: 52 });
    expect(eido.used).toContain('incidentComponent.incidentTypeCommonRegistryText');
    expect(eido.ignored).toContain('callComponent.0.queueIdentifier');
    expect(eido.ignored.filter((path) => path.startsWith('agencyComponent'))).not.toEqual([]);
  });

  it("a circle's centre is the referral's location", async () => {
    const document = withMember(
      aCrisisIncident(),
      'locationComponent.0.locationByValue',
      aPidfLo(GS_CIRCLE(39.79, -89.65, 250)),
    );
    const { status, body } = await submit(withConsent(document));
    expect(status).toBe(201);
    const view = await details((body as unknown as EidoAnswer).referral.id);
    expect(view.location).toMatchObject({ latitude: 39.79, longitude: -89.65 });
  });

  it('without the Concord extension object the answer is 422 naming it: consent is never assumed', async () => {
    const { status, body } = await submit(aCrisisIncident());
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'EIDO_EXTENSION_REQUIRED' });
    expect(body.message).toMatch(/^concord: .*consent/);
  });

  it('an extension without consent is a 400 naming concord.consent', async () => {
    const { status, body } = await submit({
      ...aCrisisIncident(),
      concord: { contactPreference: 'phone' },
    });
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain('concord.consent');
  });

  it('a server-owned property in the Concord extension object is refused by name', async () => {
    const { status, body } = await submit({
      ...aCrisisIncident(),
      concord: { ...CONSENT, status: 'accepted' },
    });
    expect(status).toBe(400);
    expect(body.message).toEqual([
      'property "concord.status" must not be sent: it is not a field of this request',
    ]);
  });

  it('an incident type the agency has not mapped is a 422 naming the code', async () => {
    const document = withMember(
      withMember(aCrisisIncident(), 'incidentComponent.incidentTypeInternalCode', 'BURGLARY'),
      'incidentComponent.incidentTypeCommonRegistryText',
      'Burglary',
    );
    const { status, body } = await submit(withConsent(document));
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'INCIDENT_TYPE_NOT_MAPPED' });
    expect(body.message).toContain('BURGLARY');
  });

  it('a polygon with no point is refused with a message saying why', async () => {
    const document = withMember(
      aCrisisIncident(),
      'locationComponent.0.locationByValue',
      aPidfLo(GML_POLYGON),
    );
    const { status, body } = await submit(withConsent(document));
    expect(status).toBe(422);
    expect(body).toMatchObject({ code: 'EIDO_LOCATION_NOT_A_POINT' });
    expect(body.message).toMatch(/Polygon/);
  });

  const REQUIRED = [
    '$id',
    'lastUpdateTimeStamp',
    'updatedByAgencyReference',
    'eidoVersion',
    'issuingElementIdentification',
    'agencyComponent',
    'incidentComponent.incidentTypeCommonRegistryText',
    'callComponent.0.callStateRegistryText',
    'callComponent.0.standardPrimaryCallType',
    'callComponent.0.direction',
    'callComponent.0.callStartTimestamp',
    'locationComponent.0.locationTypeDescriptionRegistryText',
    'personComponent.0.personIncidentRoleRegistryText',
    'personComponent.0.$id',
    'notesComponent.0.notesActionComments',
    'agencyComponent.0.agencyType',
    'agentComponent.0.agencyReference',
  ];

  it.each(REQUIRED)('a document without %s is a 400 naming it', async (path) => {
    const { status, body } = await submit(withConsent(withoutMember(aCrisisIncident(), path)));
    expect(status).toBe(400);
    expect((body.message as string[]).some((message) => message.startsWith(path))).toBe(true);
  });

  const MALFORMED: [string, string, unknown][] = [
    ['a time stamp without an offset', 'lastUpdateTimeStamp', '2026-03-14T21:12:05.1'],
    ['an unknown EIDO version', 'eidoVersion', '2.0'],
    ['a call direction outside its enumeration', 'callComponent.0.direction', 'sideways'],
    ['an incident component sent as an array', 'incidentComponent', [{}]],
    [
      'a person role that is not an array',
      'personComponent.0.personIncidentRoleRegistryText',
      'Caller',
    ],
    ['a reference to no component', 'incidentComponent.personReference.0', { $ref: 'nobody' }],
  ];

  it.each(MALFORMED)('%s is a 400 naming the member', async (_what, path, value) => {
    const document = withMember(aCrisisIncident(), path, value as never);
    const { status, body } = await submit(withConsent(document));
    expect(status).toBe(400);
    expect(JSON.stringify(body.message)).toContain(path);
  });

  it('a retry with the same Idempotency-Key gets the first answer; another document with it is refused', async () => {
    const key = `eido-${randomUUID()}`;
    const first = await submit(withConsent(aCrisisIncident()), key);
    const again = await submit(withConsent(aCrisisIncident()), key);
    const other = await submit(withConsent(aCallTransfer()), key);

    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it("a retry is answered as first read when the type matched on NENA's registry value, not the agency's code", async () => {
    const key = `eido-${randomUUID()}`;
    const document = withConsent(
      withMember(aCrisisIncident(), 'incidentComponent.incidentTypeInternalCode', 'NOT-MAPPED'),
    );
    const first = await submit(document, key);
    const again = await submit(document, key);

    expect(first.status).toBe(201);
    expect((first.body as unknown as EidoAnswer).eido.used).toContain(
      'incidentComponent.incidentTypeCommonRegistryText',
    );
    expect(again.body).toEqual(first.body);
  });

  it('no personal data of the EIDO document reaches Kafka', async () => {
    const { body } = await submit(withConsent(aCrisisIncident()));
    const referralId = (body as unknown as EidoAnswer).referral.id;
    await system.events.waitFor(referralId, ReferralEvents.submitted.type);
    const findings = system.events
      .about(referralId)
      .flatMap(({ raw }) =>
        findPersonalData(raw, [
          'Whitfield',
          'Dana',
          '555-0142',
          '1991-07-22',
          'hearing voices',
          'Elm',
          'Sister on her way',
        ]),
      );
    expect(findings).toEqual([]);
  });
});
