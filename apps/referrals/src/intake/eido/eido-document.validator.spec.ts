import { eidoProblemsOf } from './eido-document.validator';
import {
  aCallTransfer,
  aCrisisIncident,
  EidoJson,
  withMember,
  withoutMember,
} from './eido-test-documents';

const PROLOGUE = ['$id', 'lastUpdateTimeStamp', 'updatedByAgencyReference'];

/** The members NENA-STA-021.1 requires, by component, as paths into aCrisisIncident(). */
const REQUIRED: Record<string, { path: string; members: string[] }> = {
  document: {
    path: '',
    members: [...PROLOGUE, 'eidoVersion', 'issuingElementIdentification', 'agencyComponent'],
  },
  agency: {
    path: 'agencyComponent.0',
    members: [...PROLOGUE, 'agencyRoleDescriptionRegistryText', 'agencyType'],
  },
  agent: {
    path: 'agentComponent.0',
    members: [...PROLOGUE, 'agentRoleRegistryText', 'agencyReference'],
  },
  incident: { path: 'incidentComponent', members: [...PROLOGUE, 'incidentTypeCommonRegistryText'] },
  call: {
    path: 'callComponent.0',
    members: [
      ...PROLOGUE,
      'callStateRegistryText',
      'standardPrimaryCallType',
      'direction',
      'callStartTimestamp',
    ],
  },
  callback: { path: 'callbackComponent.0', members: PROLOGUE },
  location: {
    path: 'locationComponent.0',
    members: [...PROLOGUE, 'locationTypeDescriptionRegistryText'],
  },
  person: { path: 'personComponent.0', members: [...PROLOGUE, 'personIncidentRoleRegistryText'] },
  notes: { path: 'notesComponent.0', members: [...PROLOGUE, 'notesActionComments'] },
};

const at = (path: string, member: string): string => (path ? `${path}.${member}` : member);

describe('the EIDO document validator', () => {
  it('finds nothing wrong with a crisis incident or a call transfer', () => {
    expect(eidoProblemsOf(aCrisisIncident())).toEqual([]);
    expect(eidoProblemsOf(aCallTransfer())).toEqual([]);
  });

  it('a document that is not an object is refused as a whole', () => {
    for (const document of [null, 'eido', 42, [aCrisisIncident()]]) {
      expect(eidoProblemsOf(document)).toEqual([
        { path: '', message: expect.stringContaining('must be a JSON object') as string },
      ]);
    }
  });

  it.each(Object.entries(REQUIRED))(
    'every required member of the %s component missing is named',
    (_kind, { path, members }) => {
      for (const member of members) {
        const problems = eidoProblemsOf(withoutMember(aCrisisIncident(), at(path, member)));
        expect(problems).toEqual([
          { path: at(path, member), message: `${at(path, member)} is required` },
        ]);
      }
      const stripped = members.reduce(
        (document, member) => withoutMember(document, at(path, member)),
        aCrisisIncident(),
      );
      expect(eidoProblemsOf(stripped).map((problem) => problem.path)).toEqual(
        members.map((member) => at(path, member)),
      );
    },
  );

  it.each<[string, EidoJson, string]>([
    [
      'lastUpdateTimeStamp',
      '2021-04-30T18:40:00.0',
      'must be an RFC 3339 date-time with a time zone offset',
    ],
    ['callComponent.0.callStartTimestamp', '2026-03-14 21:03:18Z', 'must be an RFC 3339 date-time'],
    ['callComponent.0.answerDate', '2026-02-30T10:00:00Z', 'must be an RFC 3339 date-time'],
    ['callComponent.0.answerDate', '2026-03-14T21:03:24+25:00', 'must be an RFC 3339 date-time'],
    ['personComponent.0.eta', '2026-03-14T21:30', 'must be an RFC 3339 date-time'],
    ['eidoVersion', '1.1', 'must be the string "1.0"'],
    ['eidoVersion', 1.0, 'must be the string "1.0"'],
    ['$id', '', 'must be a non-empty string'],
    ['issuingElementIdentification', 7, 'must be a non-empty string'],
    ['callComponent.0.direction', 'inbound', 'must be one of incoming, outgoing, internal'],
    [
      'callComponent.0.priorityIdentifier',
      'urgent',
      'must be one of highest, high, normal, low, lowest',
    ],
    [
      'callComponent.0.relatedCallIdentifier',
      'urn:emergency:uid:callid:1:x',
      'must be an array of strings',
    ],
    ['incidentComponent.incidentCommonPriorityNumber', 2.5, 'must be an integer (int32)'],
    ['incidentComponent.incidentTypeInternalCode', 12, 'must be a string'],
    ['agencyComponent.0.incidentOwningAgencyIndicator', 'yes', 'must be a boolean'],
    ['agencyComponent.0.agencyType', 'psap', 'must be an array of strings'],
    ['agentComponent.0.agentRoleRegistryText', [], 'must hold at least 1 of strings'],
    ['locationComponent.0.locationByReferenceUrl', 'lrf.example/abc', 'must be a URI'],
    ['locationComponent.0.locationByValue', { xml: '<presence/>' }, 'must be a string'],
    ['personComponent.0.ncPersonComponent', [], 'must be an object, not an array'],
    ['personComponent.0.personIncidentRoleRegistryText.0', 7, 'must be a string'],
    ['notesComponent.0.notesActionComments', null, 'must be a string'],
    [
      'callbackComponent.0.callBackInformationUri',
      'tel:+1-217-555-0142',
      'must be an array of strings',
    ],
    ['callbackComponent.0.deviceContactHeader', ['sip:a@b'], 'must be a string'],
    ['callComponent', { $id: 'x' }, 'must be an array of call components, not a single one'],
    ['vehicleComponent', { $id: 'v' }, 'must be an array of vehicle components'],
    ['mediaComponent.0', 'https://media.example/1', 'must be an object'],
  ])('a malformed %s is named with its rule', (path, value, rule) => {
    const document =
      path === 'mediaComponent.0'
        ? withMember(aCrisisIncident(), 'mediaComponent', [])
        : aCrisisIncident();
    expect(eidoProblemsOf(withMember(document, path, value))).toEqual([
      { path, message: expect.stringContaining(`${path} ${rule}`) as string },
    ]);
  });

  it('an updated callback number must carry a URI', () => {
    const document = withMember(aCrisisIncident(), 'callbackComponent.0.updatedCbn', {
      updatedCbnIdentifierUri: '217 555 0199',
    });
    expect(eidoProblemsOf(document)).toEqual([
      {
        path: 'callbackComponent.0.updatedCbn.updatedCbnIdentifierUri',
        message: expect.stringContaining('must be a URI') as string,
      },
    ]);
  });

  it('an incident component sent as an array breaks its cardinality', () => {
    const document = aCrisisIncident();
    withMember(document, 'incidentComponent', [document.incidentComponent]);
    expect(eidoProblemsOf(document)).toEqual([
      {
        path: 'incidentComponent',
        message: expect.stringContaining(
          'incidentComponent must be a single object, not an array',
        ) as string,
      },
    ]);
  });

  it.each<[string, EidoJson, string]>([
    [
      'personComponent.0.callBackReference',
      [{ $ref: 'a' }],
      'must be a single reference, not an array',
    ],
    [
      'agentComponent.0.agencyReference',
      [{ $ref: 'a' }],
      'must be a single reference, not an array',
    ],
    [
      'notesComponent.0.agentReference',
      [{ $ref: 'a' }],
      'must be a single reference, not an array',
    ],
    [
      'updatedByAgentReference',
      'mrivera@psap.springfield.example',
      'must be a reference: an object with a $ref',
    ],
    [
      'incidentComponent.personReference',
      { $ref: 'a' },
      'must be an array of references, not a single one',
    ],
    [
      'callComponent.0.agencyReference',
      { $ref: 'a' },
      'must be an array of references, not a single one',
    ],
    [
      'personComponent.0.locationReference',
      { $ref: 'a' },
      'must be an array of references, not a single one',
    ],
    ['mediaReferences', { $ref: 'a' }, 'must be an array of references, not a single one'],
  ])('a reference member with the wrong cardinality is named: %s', (path, value, rule) => {
    expect(eidoProblemsOf(withMember(aCrisisIncident(), path, value))).toEqual([
      { path, message: `${path} ${rule}` },
    ]);
  });

  it('a reference without a $ref is named at its $ref', () => {
    const document = withMember(aCrisisIncident(), 'agentComponent.0.agencyReference', {
      ref: 'psap.springfield.example',
    });
    expect(eidoProblemsOf(document)).toEqual([
      {
        path: 'agentComponent.0.agencyReference.$ref',
        message: 'agentComponent.0.agencyReference.$ref is required',
      },
    ]);
  });

  it('a second component with the same $id is named with the first', () => {
    const document = aCrisisIncident();
    const personId = '5e0c7d21-8b4a-4f3e-a2d9-61c0b7e4f812';
    withMember(document, 'notesComponent.1.$id', personId);
    expect(eidoProblemsOf(document)).toEqual([
      {
        path: 'notesComponent.1.$id',
        message: `notesComponent.1.$id "${personId}" repeats personComponent.0.$id: each $id must be unique in the EIDO`,
      },
    ]);
  });

  it('every problem is reported, not just the first', () => {
    const document = aCrisisIncident();
    withMember(document, 'eidoVersion', '2.0');
    withoutMember(document, 'callComponent.0.direction');
    withMember(document, 'personComponent.0.eta', 'soon');
    withMember(document, 'agentComponent.0.agencyReference', []);
    expect(eidoProblemsOf(document).map((problem) => problem.path)).toEqual([
      'eidoVersion',
      'callComponent.0.direction',
      'agentComponent.0.agencyReference',
      'personComponent.0.eta',
    ]);
  });

  it('members the standard does not define are let through', () => {
    const document = aCrisisIncident();
    withMember(document, 'concord', { consent: { obtained: true } });
    withMember(document, 'callComponent.0.vendorCallTag', 42);
    withMember(document, 'organizationComponent', 'not one of 1.0');
    expect(eidoProblemsOf(document)).toEqual([]);
  });

  it('a leap second and a lower-case t and z are still RFC 3339', () => {
    const document = withMember(aCrisisIncident(), 'lastUpdateTimeStamp', '2016-12-31t23:59:60z');
    expect(eidoProblemsOf(document)).toEqual([]);
  });
});
