import { EidoRejection } from './eido-problem';
import { EidoReferralDraft, IncidentTypeMapping, referralDraftOf } from './eido-referral.mapper';
import {
  aCallTransfer,
  aCrisisIncident,
  aPidfLo,
  CIVIC_ADDRESS,
  EidoJson,
  EidoTestDocument,
  GML_POINT,
  GML_POLYGON,
  withMember,
  withoutMember,
} from './eido-test-documents';

const CRISIS: IncidentTypeMapping = { category: 'mental-health-crisis', urgency: 'immediate' };
const MAPPINGS = new Map<string, IncidentTypeMapping>([
  ['MH-CRISIS', CRISIS],
  ['BehavioralHealth', { category: 'mental-health-crisis', urgency: 'same-day' }],
]);

const draftOf = (
  document: unknown,
  mappingOf: (code: string) => IncidentTypeMapping | undefined = (code) => MAPPINGS.get(code),
): EidoReferralDraft => referralDraftOf(document, mappingOf);

const rejectionOf = (document: unknown, mappings = MAPPINGS): EidoRejection => {
  try {
    draftOf(document, (code) => mappings.get(code));
  } catch (error) {
    if (error instanceof EidoRejection) return error;
    throw error;
  }
  throw new Error('expected an EidoRejection');
};

/** A crisis incident whose incident names nobody: the person, location and notes are found otherwise. */
const withoutIncidentReferences = (document = aCrisisIncident()): EidoTestDocument => {
  for (const member of ['personReference', 'locationReference', 'notesReference']) {
    withoutMember(document, `incidentComponent.${member}`);
  }
  return document;
};

const aSecondPerson = (id: string, fullName: string): EidoJson => ({
  $id: id,
  lastUpdateTimeStamp: '2026-03-14T21:08:00-05:00',
  updatedByAgencyReference: { $ref: 'psap.springfield.example' },
  personIncidentRoleRegistryText: ['Subject'],
  ncPersonComponent: { name: [{ personFullName: [{ value: fullName }] }] },
});

const aSecondLocation = (id: string, latitude: number): EidoJson => ({
  $id: id,
  lastUpdateTimeStamp: '2026-03-14T21:08:00-05:00',
  updatedByAgencyReference: { $ref: 'psap.springfield.example' },
  locationTypeDescriptionRegistryText: 'Incident',
  locationByValue: aPidfLo(GML_POINT(latitude, -89.6)),
});

describe('an EIDO read into a referral draft', () => {
  it('a crisis incident becomes the expected referral draft', () => {
    expect(draftOf(aCrisisIncident())).toEqual({
      incidentReference: 'SPD-2026-031407',
      category: 'mental-health-crisis',
      urgency: 'immediate',
      location: {
        latitude: 39.80172,
        longitude: -89.64371,
        address: '1200 N Elm St, Springfield, IL 62702, US',
      },
      person: { name: 'Dana M. Whitfield', age: 34, phone: '+1-217-555-0142', language: 'eng' },
      narrative:
        'Caller says she has not slept in three days and is hearing voices.\n' +
        'No weapons in the home & she is calm on the phone.\n\n' +
        'Asked for someone to talk to, not police. Sister on her way.',
      used: [
        'lastUpdateTimeStamp',
        'eidoVersion',
        'incidentComponent.incidentTypeInternalCode',
        'incidentComponent.internalIncidentId',
        'incidentComponent.personReference.0',
        'incidentComponent.locationReference.0',
        'incidentComponent.notesReference.0',
        'incidentComponent.notesReference.1',
        'callbackComponent.0.callBackInformationUri.0',
        'locationComponent.0.locationByValue',
        'personComponent.0.ncPersonComponent.name.0.personFullName.0.value',
        'personComponent.0.ncPersonComponent.birthDate.0.date.0.value',
        'personComponent.0.ncPersonComponent.primaryLanguage.0.languageCode.0.simpleType',
        'personComponent.0.callBackReference',
        'notesComponent.0.notesActionComments',
        'notesComponent.1.notesActionComments',
      ],
      ignored: [
        'issuingElementIdentification',
        'incidentComponent.incidentTypeCommonRegistryText',
        'incidentComponent.incidentTypeInternalText',
        'incidentComponent.incidentCommonPriorityNumber',
        'incidentComponent.incidentStatusCommonRegistryText',
        'incidentComponent.agentReference',
        'callComponent.0',
        'locationComponent.0.locationTypeDescriptionRegistryText',
        'personComponent.0.personIncidentRoleRegistryText',
        'personComponent.0.ncPersonComponent.name.0.personGivenName',
        'personComponent.0.ncPersonComponent.name.0.personMiddleName',
        'personComponent.0.ncPersonComponent.name.0.personSurName',
        'personComponent.0.ncPersonComponent.sex',
        'personComponent.0.callIdentifier',
        'personComponent.0.locationReference',
        'notesComponent.0.agentReference',
        'notesComponent.1.agentReference',
        'agencyComponent.0',
        'agentComponent.0',
        '@context',
      ],
    });
  });

  it('a call transfer becomes the expected referral draft', () => {
    const draft = draftOf(aCallTransfer());
    expect(draft).toMatchObject({
      incidentReference: '9d03be6a15',
      category: 'mental-health-crisis',
      urgency: 'same-day',
      location: {
        latitude: 39.78604,
        longitude: -89.65017,
        address: 'Parking lot behind the Lincoln Ave laundromat',
      },
      person: { name: 'Luis Herrera', age: 52, phone: '+1-217-555-0187', language: 'Spanish' },
      narrative:
        'Transferred from Springfield PSAP, caller in his car, upset but not violent.\n\n' +
        'Lost his job today; says he needs help, speaks Spanish.',
    });
    expect(draft.used).toEqual([
      '$id',
      'eidoVersion',
      'callComponent.0.callBackReference',
      'callComponent.0.locationReference.0',
      'callComponent.0.personReference.0',
      'callbackComponent.0.callBackInformationUri.1',
      'incidentComponent.incidentTypeCommonRegistryText',
      'locationComponent.0.locationByValue',
      'locationComponent.0.locationDescriptionText',
      'personComponent.0.ncPersonComponent.name.0.personGivenName.0.value',
      'personComponent.0.ncPersonComponent.name.0.personSurName.0.value',
      'personComponent.0.ncPersonComponent.ageMeasure.0.integerValue.0.value',
      'personComponent.0.ncPersonComponent.ageMeasure.0.timeUnitCode.0.simpleType',
      'personComponent.0.ncPersonComponent.primaryLanguage.0.languageName.0.value',
      'notesComponent.0.notesActionComments',
      'notesComponent.1.notesActionComments',
    ]);
  });

  it("a call transfer's transfer members show as ignored", () => {
    expect(draftOf(aCallTransfer()).ignored).toEqual(
      expect.arrayContaining([
        'callComponent.0.queueIdentifier',
        'callComponent.0.answerDate',
        'callComponent.0.callStateRegistryText',
        'callComponent.0.agencyReference',
        'callbackComponent.0.callBackInformationUri.0',
        'callbackComponent.0.deviceContactHeader',
        'agencyComponent.0',
        'agencyComponent.1',
        'agentComponent.0',
        'personComponent.0.personCallLegState',
      ]),
    );
  });

  it('the answer lists ignored components', () => {
    const { ignored } = draftOf(aCallTransfer());
    expect(ignored.filter((path) => /^[A-Za-z]+Component(\.\d+)?$/.test(path))).toEqual([
      'agencyComponent.0',
      'agencyComponent.1',
      'agentComponent.0',
      'additionalDataComponent.0',
    ]);
    expect(draftOf(aCrisisIncident()).ignored).toContain('callComponent.0');
  });

  it('the prologue of a component read is never listed as ignored', () => {
    const prologue =
      /(^|\.)(\$id|lastUpdateTimeStamp|updatedByAgencyReference|updatedByAgentReference)$/;
    for (const document of [aCrisisIncident(), aCallTransfer()]) {
      expect(draftOf(document).ignored.filter((path) => prologue.test(path))).toEqual([]);
    }
  });

  it('the Concord extension is neither used nor ignored', () => {
    const document = withMember(aCrisisIncident(), 'concord', {
      consent: { obtained: true, method: 'verbal', obtainedBy: 'M. Rivera' },
      contactPreference: 'phone',
    });
    const { used, ignored } = draftOf(document);
    expect([...used, ...ignored].filter((path) => path.startsWith('concord'))).toEqual([]);
  });

  it('a document breaking the standard is a 400 listing every problem', () => {
    const document = withoutMember(aCrisisIncident(), 'callComponent.0.direction');
    withMember(document, 'lastUpdateTimeStamp', '2021-04-30T18:40:00.0');
    const rejection = rejectionOf(document);
    expect(rejection).toMatchObject({ status: 400, code: 'EIDO_INVALID' });
    expect(rejection.problems.map((problem) => problem.path)).toEqual([
      'lastUpdateTimeStamp',
      'callComponent.0.direction',
    ]);
  });

  it('a reference to a missing $id is a 400 naming the reference', () => {
    const document = withMember(aCrisisIncident(), 'incidentComponent.personReference.0', {
      $ref: 'urn:example:nobody',
    });
    expect(rejectionOf(document)).toMatchObject({
      status: 400,
      code: 'EIDO_INVALID',
      problems: [
        {
          path: 'incidentComponent.personReference.0.$ref',
          message:
            'incidentComponent.personReference.0.$ref: no component has $id "urn:example:nobody"',
        },
      ],
    });
  });

  describe('the incident', () => {
    it('an EIDO without an incident component is refused with EIDO_INCIDENT_REQUIRED', () => {
      const rejection = rejectionOf(withoutMember(aCrisisIncident(), 'incidentComponent'));
      expect(rejection).toMatchObject({ status: 422, code: 'EIDO_INCIDENT_REQUIRED' });
      expect(rejection.problems).toEqual([
        {
          path: 'incidentComponent',
          message:
            'incidentComponent is missing: Concord needs the incident type to choose the referral category',
        },
      ]);
    });

    it("the agency's internal incident type code is looked up before the registry text", () => {
      const asked: string[] = [];
      draftOf(aCrisisIncident(), (code) => {
        asked.push(code);
        return MAPPINGS.get(code);
      });
      expect(asked).toEqual(['MH-CRISIS']);
    });

    it('the registry text is used when the internal code is not mapped', () => {
      const draft = draftOf(
        withMember(aCrisisIncident(), 'incidentComponent.incidentTypeInternalCode', 'MH-9'),
      );
      expect(draft).toMatchObject({ category: 'mental-health-crisis', urgency: 'same-day' });
      expect(draft.used).toContain('incidentComponent.incidentTypeCommonRegistryText');
      expect(draft.ignored).toContain('incidentComponent.incidentTypeInternalCode');
    });

    it('an unmapped incident type is refused naming each member, its value and where to map it', () => {
      const rejection = rejectionOf(aCrisisIncident(), new Map());
      expect(rejection).toMatchObject({ status: 422, code: 'INCIDENT_TYPE_NOT_MAPPED' });
      expect(rejection.problems).toEqual([
        {
          path: 'incidentComponent.incidentTypeInternalCode',
          message:
            'incidentComponent.incidentTypeInternalCode "MH-CRISIS" is not mapped to a referral category and ' +
            "urgency: the agency's administrator maps its incident types in its agreements " +
            '(PUT /organizations/{agencyId}/incident-types)',
        },
        {
          path: 'incidentComponent.incidentTypeCommonRegistryText',
          message: expect.stringContaining(
            'incidentComponent.incidentTypeCommonRegistryText "BehavioralHealth" is not mapped',
          ) as string,
        },
      ]);
    });

    it('the incident reference is the internal incident id', () => {
      expect(draftOf(aCrisisIncident()).incidentReference).toBe('SPD-2026-031407');
    });

    it('without an internal id, the incident reference is the id inside the tracking URN', () => {
      const draft = draftOf(
        withoutMember(aCrisisIncident(), 'incidentComponent.internalIncidentId'),
      );
      expect(draft.incidentReference).toBe('4f2a91c07e');
      expect(draft.used).toContain('$id');
    });

    it('a top-level $id that is not a tracking URN is the incident reference as it is', () => {
      const document = withoutMember(aCrisisIncident(), 'incidentComponent.internalIncidentId');
      withMember(document, '$id', 'SPRINGFIELD-26-1187');
      expect(draftOf(document).incidentReference).toBe('SPRINGFIELD-26-1187');
    });

    it('an incident reference over 64 characters is a 400 naming its member', () => {
      const long = 'SPD-' + '7'.repeat(61);
      const rejection = rejectionOf(
        withMember(aCrisisIncident(), 'incidentComponent.internalIncidentId', long),
      );
      expect(rejection).toMatchObject({ status: 400, code: 'EIDO_INVALID' });
      expect(rejection.problems).toEqual([
        {
          path: 'incidentComponent.internalIncidentId',
          message:
            "incidentComponent.internalIncidentId gives an incident reference of 65 characters: a referral's " +
            'incident reference is at most 64 characters',
        },
      ]);
    });
  });

  describe('the person', () => {
    it('the person the incident references is the one the referral is for', () => {
      const document = aCrisisIncident();
      withMember(document, 'personComponent.1', aSecondPerson('p-2', 'Jordan Whitfield'));
      withMember(document, 'incidentComponent.personReference', [{ $ref: 'p-2' }]);
      expect(draftOf(document).person.name).toBe('Jordan Whitfield');
    });

    it("without an incident reference, the first call's person is the one", () => {
      const document = withoutIncidentReferences();
      withMember(document, 'personComponent.1', aSecondPerson('p-2', 'Jordan Whitfield'));
      withMember(document, 'callComponent.0.personReference', [{ $ref: 'p-2' }]);
      const draft = draftOf(document);
      expect(draft.person.name).toBe('Jordan Whitfield');
      expect(draft.used).toContain('callComponent.0.personReference.0');
    });

    it('with no reference at all, the only person is the one', () => {
      const document = withoutIncidentReferences();
      withoutMember(document, 'callComponent.0.personReference');
      expect(draftOf(document).person.name).toBe('Dana M. Whitfield');
    });

    it('several persons and no reference are refused with EIDO_PERSON_AMBIGUOUS', () => {
      const document = withoutIncidentReferences();
      withoutMember(document, 'callComponent.0.personReference');
      withMember(document, 'personComponent.1', aSecondPerson('p-2', 'Jordan Whitfield'));
      const rejection = rejectionOf(document);
      expect(rejection).toMatchObject({ status: 422, code: 'EIDO_PERSON_AMBIGUOUS' });
      expect(rejection.problems[0].path).toBe('incidentComponent.personReference');
    });

    it('an EIDO without a person is refused with EIDO_PERSON_REQUIRED', () => {
      const document = withoutIncidentReferences();
      withoutMember(document, 'callComponent.0.personReference');
      withoutMember(document, 'personComponent');
      expect(rejectionOf(document)).toMatchObject({
        status: 422,
        code: 'EIDO_PERSON_REQUIRED',
        problems: [{ path: 'personComponent' }],
      });
    });

    it('a person without a name is refused with EIDO_PERSON_NAME_REQUIRED', () => {
      for (const without of [
        'personComponent.0.ncPersonComponent.name',
        'personComponent.0.ncPersonComponent',
      ]) {
        expect(rejectionOf(withoutMember(aCrisisIncident(), without))).toMatchObject({
          status: 422,
          code: 'EIDO_PERSON_NAME_REQUIRED',
          problems: [{ path: 'personComponent.0.ncPersonComponent.name' }],
        });
      }
    });

    it('without a full name, the given, middle and surnames make the name', () => {
      const document = withoutMember(
        aCrisisIncident(),
        'personComponent.0.ncPersonComponent.name.0.personFullName',
      );
      expect(draftOf(document).person.name).toBe('Dana M. Whitfield');
    });

    it('an age stated in years is taken in whole years', () => {
      const document = withMember(
        aCrisisIncident(),
        'personComponent.0.ncPersonComponent.ageMeasure',
        [{ decimalValue: [{ value: 41.8 }] }],
      );
      expect(draftOf(document).person.age).toBe(41);
    });

    it("an age in another unit gives way to the birth date, counted at the EIDO's timestamp", () => {
      const document = withMember(
        aCrisisIncident(),
        'personComponent.0.ncPersonComponent.ageMeasure',
        [{ integerValue: [{ value: 410 }], timeUnitCode: [{ simpleType: 'MON' }] }],
      );
      expect(draftOf(document).person.age).toBe(34);
      withMember(
        document,
        'personComponent.0.ncPersonComponent.birthDate.0.date.0.value',
        '1991-03-15',
      );
      expect(draftOf(document).person.age).toBe(34);
      withMember(
        document,
        'personComponent.0.ncPersonComponent.birthDate.0.date.0.value',
        '1991-03-14',
      );
      expect(draftOf(document).person.age).toBe(35);
    });

    it('a person with no age or birth date has no age', () => {
      const document = withoutMember(
        aCrisisIncident(),
        'personComponent.0.ncPersonComponent.birthDate',
      );
      expect(draftOf(document).person).not.toHaveProperty('age');
    });

    it('the language is the ISO 639-3 code, else the language name', () => {
      expect(draftOf(aCrisisIncident()).person.language).toBe('eng');
      expect(draftOf(aCallTransfer()).person.language).toBe('Spanish');
    });

    it("the phone is the number of the person's callback tel: URI", () => {
      const document = withMember(aCrisisIncident(), 'callbackComponent.0.callBackInformationUri', [
        'sip:+12175550142@ims.carrier.example;user=phone',
        'tel:+1-217-555-0142;ext=4',
      ]);
      const draft = draftOf(document);
      expect(draft.person.phone).toBe('+1-217-555-0142');
      expect(draft.used).toContain('callbackComponent.0.callBackInformationUri.1');
      expect(draft.ignored).toContain('callbackComponent.0.callBackInformationUri.0');
    });

    it('a tel: number written with dots keeps its digits, the dots as hyphens', () => {
      const document = withMember(aCrisisIncident(), 'callbackComponent.0.callBackInformationUri', [
        'tel:+1.480.555.0163',
      ]);
      expect(draftOf(document).person.phone).toBe('+1-480-555-0163');
    });

    it("without a person's callback, the call's callback gives the phone", () => {
      expect(draftOf(aCallTransfer()).person.phone).toBe('+1-217-555-0187');
    });

    it('without a tel: callback, the home telephone number is the phone', () => {
      const document = withMember(aCrisisIncident(), 'callbackComponent.0.callBackInformationUri', [
        'sip:dana@ims.carrier.example',
      ]);
      withMember(document, 'personComponent.0.ncPersonComponent.homeContactInformation', [
        {
          contactTelephoneNumber: [
            { full: [{ telephoneNumberFullID: [{ value: '+1 217 555 0168' }] }] },
          ],
        },
      ]);
      expect(draftOf(document).person.phone).toBe('+1 217 555 0168');
    });
  });

  describe('the location', () => {
    it("the location the incident references is the one, else the person's, else the call's", () => {
      const document = aCrisisIncident();
      withMember(document, 'locationComponent.1', aSecondLocation('l-2', 39.7));
      withMember(document, 'locationComponent.2', aSecondLocation('l-3', 39.6));
      withMember(document, 'incidentComponent.locationReference', [{ $ref: 'l-2' }]);
      withMember(document, 'personComponent.0.locationReference', [{ $ref: 'l-3' }]);
      expect(draftOf(document).location.latitude).toBe(39.7);
      withoutMember(document, 'incidentComponent.locationReference');
      expect(draftOf(document).location.latitude).toBe(39.6);
      withoutMember(document, 'personComponent.0.locationReference');
      expect(draftOf(document).location.latitude).toBe(39.80172);
    });

    it('with no reference at all, the only location is the one; several are ambiguous', () => {
      const document = withoutIncidentReferences();
      withoutMember(document, 'personComponent.0.locationReference');
      withoutMember(document, 'callComponent.0.locationReference');
      expect(draftOf(document).location.latitude).toBe(39.80172);
      withMember(document, 'locationComponent.1', aSecondLocation('l-2', 39.7));
      expect(rejectionOf(document)).toMatchObject({
        status: 422,
        code: 'EIDO_LOCATION_AMBIGUOUS',
        problems: [{ path: 'incidentComponent.locationReference' }],
      });
    });

    it('an EIDO without a location is refused with EIDO_LOCATION_REQUIRED', () => {
      const document = withoutIncidentReferences();
      withoutMember(document, 'personComponent.0.locationReference');
      withoutMember(document, 'callComponent.0.locationReference');
      withoutMember(document, 'locationComponent');
      expect(rejectionOf(document)).toMatchObject({
        status: 422,
        code: 'EIDO_LOCATION_REQUIRED',
        problems: [{ path: 'locationComponent' }],
      });
    });

    it('a location sent only by reference is refused with EIDO_LOCATION_BY_REFERENCE_NOT_SUPPORTED', () => {
      const document = withoutMember(aCrisisIncident(), 'locationComponent.0.locationByValue');
      withMember(
        document,
        'locationComponent.0.locationByReferenceUrl',
        'https://lis.carrier.example/loc/7Hq2',
      );
      const rejection = rejectionOf(document);
      expect(rejection).toMatchObject({
        status: 422,
        code: 'EIDO_LOCATION_BY_REFERENCE_NOT_SUPPORTED',
      });
      expect(rejection.problems).toEqual([
        {
          path: 'locationComponent.0.locationByReferenceUrl',
          message:
            'locationComponent.0.locationByReferenceUrl: Concord does not dereference location URLs; ' +
            'send the location by value (locationByValue, a PIDF-LO)',
        },
      ]);
    });

    it('a polygon with no point is refused with EIDO_LOCATION_NOT_A_POINT at its member', () => {
      const document = withMember(
        aCrisisIncident(),
        'locationComponent.0.locationByValue',
        aPidfLo(GML_POLYGON),
      );
      expect(rejectionOf(document)).toMatchObject({
        status: 422,
        code: 'EIDO_LOCATION_NOT_A_POINT',
        problems: [{ path: 'locationComponent.0.locationByValue' }],
      });
    });

    it('a civic address alone is refused with EIDO_LOCATION_NOT_A_POINT', () => {
      const document = withMember(
        aCrisisIncident(),
        'locationComponent.0.locationByValue',
        aPidfLo(CIVIC_ADDRESS),
      );
      expect(rejectionOf(document)).toMatchObject({
        status: 422,
        code: 'EIDO_LOCATION_NOT_A_POINT',
      });
    });

    it('the location description is the address before the civic address', () => {
      const document = withMember(
        aCrisisIncident(),
        'locationComponent.0.locationDescriptionText',
        'Blue house, side door',
      );
      expect(draftOf(document).location.address).toBe('Blue house, side door');
      expect(draftOf(aCrisisIncident()).location.address).toBe(
        '1200 N Elm St, Springfield, IL 62702, US',
      );
    });

    it('a location with neither address nor description has none', () => {
      const document = withMember(
        aCrisisIncident(),
        'locationComponent.0.locationByValue',
        aPidfLo(GML_POINT(39.8, -89.6)),
      );
      expect(draftOf(document).location).toEqual({ latitude: 39.8, longitude: -89.6 });
    });
  });

  describe('the narrative', () => {
    it('HTML in notes becomes plain text', () => {
      const document = withMember(
        aCrisisIncident(),
        'notesComponent.0.notesActionComments',
        '<div>Caller &quot;scared&quot;<br>No weapons</div><script>x()</script>',
      );
      expect(draftOf(document).narrative).toBe(
        'Caller "scared"\nNo weapons\n\nAsked for someone to talk to, not police. Sister on her way.',
      );
    });

    it('the notes the incident references make the narrative, in their order', () => {
      const document = withMember(aCrisisIncident(), 'incidentComponent.notesReference', [
        { $ref: '8a2e4f61-3c7b-4d95-b0e8-1f6a9c3d5e73' },
      ]);
      const draft = draftOf(document);
      expect(draft.narrative).toBe('Asked for someone to talk to, not police. Sister on her way.');
      expect(draft.ignored).toContain('notesComponent.0');
    });

    it('without incident notes references, every note in document order makes the narrative', () => {
      expect(draftOf(aCallTransfer()).narrative.split('\n\n')).toHaveLength(2);
    });

    it('notes with no text are refused with EIDO_NARRATIVE_REQUIRED', () => {
      const document = aCrisisIncident();
      withMember(document, 'notesComponent.0.notesActionComments', '<p> </p>');
      withMember(document, 'notesComponent.1.notesActionComments', '');
      expect(rejectionOf(document)).toMatchObject({
        status: 422,
        code: 'EIDO_NARRATIVE_REQUIRED',
        problems: [{ path: 'notesComponent' }],
      });
      expect(
        rejectionOf(withoutMember(withoutIncidentReferences(), 'notesComponent')),
      ).toMatchObject({
        code: 'EIDO_NARRATIVE_REQUIRED',
      });
    });

    it('a narrative over 10,000 characters is a 400', () => {
      const document = withMember(
        aCrisisIncident(),
        'notesComponent.0.notesActionComments',
        'x'.repeat(9_990),
      );
      const rejection = rejectionOf(document);
      expect(rejection).toMatchObject({ status: 400, code: 'EIDO_INVALID' });
      expect(rejection.problems[0].message).toBe(
        "notesComponent makes a narrative of 10052 characters: a referral's narrative is at most 10,000 characters",
      );
    });
  });
});
