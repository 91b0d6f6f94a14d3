/**
 * EIDO documents for tests, built from NENA-STA-021.1's component definitions with fictional
 * values: a mental-health crisis call to the Springfield PSAP. Each builder returns a fresh
 * document, so that a test may change it. No jest here: integration tests use these too.
 */

export type EidoJson =
  string | number | boolean | null | EidoJson[] | { [member: string]: EidoJson };
export type EidoTestDocument = { [member: string]: EidoJson };

const AGENCY = 'psap.springfield.example';
const BACKUP_AGENCY = 'backup.capitalcounty.example';
const AGENT = 'mrivera@psap.springfield.example';
const BACKUP_AGENT = 'jokafor@backup.capitalcounty.example';
const INCIDENT_ID = 'urn:emergency:uid:incidentid:4f2a91c07e:psap.springfield.example';
const CALL_ID = 'urn:emergency:uid:callid:4f2a91c07e:psap.springfield.example';
const TRANSFER_INCIDENT_ID = 'urn:emergency:uid:incidentid:9d03be6a15:psap.springfield.example';
const TRANSFER_CALL_ID = 'urn:emergency:uid:callid:9d03be6a15:psap.springfield.example';

export const GML_POINT = (latitude: number | string, longitude: number | string): string =>
  `<gml:Point srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${latitude} ${longitude}</gml:pos></gml:Point>`;

export const GS_CIRCLE = (latitude: number, longitude: number, radiusMetres: number): string =>
  `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${latitude} ${longitude}</gml:pos>` +
  `<gs:radius uom="urn:ogc:def:uom:EPSG::9001">${radiusMetres}</gs:radius></gs:Circle>`;

/** A closed ring of four corners around a city block (the first point repeats as the last). */
export const GML_POLYGON =
  '<gml:Polygon srsName="urn:ogc:def:crs:EPSG::4326"><gml:exterior><gml:LinearRing>' +
  '<gml:posList>39.8021 -89.6451 39.8021 -89.6430 39.8008 -89.6430 39.8008 -89.6451 39.8021 -89.6451</gml:posList>' +
  '</gml:LinearRing></gml:exterior></gml:Polygon>';

export const GS_ELLIPSOID =
  '<gs:Ellipsoid srsName="urn:ogc:def:crs:EPSG::4979"><gml:pos>39.8015 -89.6440 182</gml:pos>' +
  '<gs:semiMajorAxis uom="urn:ogc:def:uom:EPSG::9001">40</gs:semiMajorAxis>' +
  '<gs:semiMinorAxis uom="urn:ogc:def:uom:EPSG::9001">25</gs:semiMinorAxis>' +
  '<gs:verticalAxis uom="urn:ogc:def:uom:EPSG::9001">10</gs:verticalAxis>' +
  '<gs:orientation uom="urn:ogc:def:uom:EPSG::9102">35</gs:orientation></gs:Ellipsoid>';

/** "1200 N Elm St, Springfield, IL 62702, US" */
export const CIVIC_ADDRESS =
  '<ca:civicAddress xml:lang="en-US"><ca:country>US</ca:country><ca:A1>IL</ca:A1>' +
  '<ca:A2>Sangamon</ca:A2><ca:A3>Springfield</ca:A3><ca:PRD>N</ca:PRD><ca:RD>Elm</ca:RD>' +
  '<ca:STS>St</ca:STS><ca:HNO>1200</ca:HNO><ca:PC>62702</ca:PC></ca:civicAddress>';

/**
 * A PIDF-LO presence document (RFC 4119/5491) for one device, whose location-info holds
 * `location`: shapes and/or a civic address. With `holder: 'tuple'`, the RFC 4119 layout.
 */
export function aPidfLo(
  location: string,
  holder: 'device' | 'tuple' | 'person' = 'device',
): string {
  const geopriv =
    `<gp:geopriv><gp:location-info>${location}</gp:location-info>` +
    '<gp:usage-rules><gbp:retransmission-allowed>false</gbp:retransmission-allowed>' +
    '<gbp:retention-expiry>2026-03-15T21:03:18-05:00</gbp:retention-expiry></gp:usage-rules>' +
    '<gp:method>GPS</gp:method></gp:geopriv>';
  const held =
    holder === 'tuple'
      ? `<tuple id="loc-1"><status>${geopriv}</status><timestamp>2026-03-14T21:03:20-05:00</timestamp></tuple>`
      : `<dm:${holder} id="handset-1">${geopriv}<dm:timestamp>2026-03-14T21:03:20-05:00</dm:timestamp></dm:${holder}>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<presence xmlns="urn:ietf:params:xml:ns:pidf"\n' +
    ' xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"\n' +
    ' xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10"\n' +
    ' xmlns:gbp="urn:ietf:params:xml:ns:pidf:geopriv10:basicPolicy"\n' +
    ' xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"\n' +
    ' xmlns:gml="http://www.opengis.net/gml"\n' +
    ' xmlns:gs="http://www.opengis.net/pidflo/1.0"\n' +
    ' entity="pres:caller@psap.springfield.example">\n' +
    `${held}\n</presence>`
  );
}

const prologue = (id: string, at: string, agency = AGENCY): EidoTestDocument => ({
  $id: id,
  lastUpdateTimeStamp: at,
  updatedByAgencyReference: { $ref: agency },
});

/**
 * A crisis call the Springfield PSAP handled itself: every component Concord reads, referenced
 * from the incident. It maps to a referral for Dana M. Whitfield, 34, at 1200 N Elm St.
 */
export function aCrisisIncident(): EidoTestDocument {
  return {
    ...prologue(INCIDENT_ID, '2026-03-14T21:12:05.120-05:00'),
    updatedByAgentReference: { $ref: AGENT },
    eidoVersion: '1.0',
    issuingElementIdentification: 'cad.psap.springfield.example',
    incidentComponent: {
      ...prologue('0b8f3a52-6d1e-4c57-9a41-2f7c9e8d1a30', '2026-03-14T21:11:40-05:00'),
      incidentTypeCommonRegistryText: 'BehavioralHealth',
      incidentTypeInternalCode: 'MH-CRISIS',
      incidentTypeInternalText: 'Mental health crisis',
      internalIncidentId: 'SPD-2026-031407',
      incidentCommonPriorityNumber: 2,
      incidentStatusCommonRegistryText: ['Open'],
      agentReference: [{ $ref: AGENT }],
      personReference: [{ $ref: '5e0c7d21-8b4a-4f3e-a2d9-61c0b7e4f812' }],
      locationReference: [{ $ref: 'c41d9a7e-2f63-4b18-9e05-7a3b6d2c8f90' }],
      notesReference: [
        { $ref: '8a2e4f61-3c7b-4d95-b0e8-1f6a9c3d5e72' },
        { $ref: '8a2e4f61-3c7b-4d95-b0e8-1f6a9c3d5e73' },
      ],
    },
    callComponent: [
      {
        ...prologue(CALL_ID, '2026-03-14T21:10:02-05:00'),
        updatedByAgentReference: { $ref: AGENT },
        callStateRegistryText: 'callEnd',
        standardPrimaryCallType: 'emergency',
        direction: 'incoming',
        callStartTimestamp: '2026-03-14T21:03:18-05:00',
        answerDate: '2026-03-14T21:03:24-05:00',
        priorityIdentifier: 'high',
        agentReference: [{ $ref: AGENT }],
        callBackReference: { $ref: '2d7f0b93-6e15-4c8a-b4f2-9a0e3c6d1b57' },
        personReference: [{ $ref: '5e0c7d21-8b4a-4f3e-a2d9-61c0b7e4f812' }],
        locationReference: [{ $ref: 'c41d9a7e-2f63-4b18-9e05-7a3b6d2c8f90' }],
      },
    ],
    callbackComponent: [
      {
        ...prologue('2d7f0b93-6e15-4c8a-b4f2-9a0e3c6d1b57', '2026-03-14T21:03:19-05:00'),
        callBackInformationUri: ['tel:+1-217-555-0142'],
      },
    ],
    locationComponent: [
      {
        ...prologue('c41d9a7e-2f63-4b18-9e05-7a3b6d2c8f90', '2026-03-14T21:03:21-05:00'),
        locationTypeDescriptionRegistryText: 'Caller',
        locationByValue: aPidfLo(GML_POINT(39.80172, -89.64371) + CIVIC_ADDRESS),
      },
    ],
    personComponent: [
      {
        ...prologue('5e0c7d21-8b4a-4f3e-a2d9-61c0b7e4f812', '2026-03-14T21:06:55-05:00'),
        personIncidentRoleRegistryText: ['Caller'],
        ncPersonComponent: {
          name: [
            {
              personGivenName: [{ value: 'Dana' }],
              personMiddleName: [{ value: 'M.' }],
              personSurName: [{ value: 'Whitfield' }],
              personFullName: [{ value: 'Dana M. Whitfield' }],
            },
          ],
          birthDate: [{ date: [{ value: '1991-07-22' }] }],
          primaryLanguage: [{ languageCode: [{ simpleType: 'eng' }] }],
          sex: [{ value: 'female' }],
        },
        callIdentifier: [CALL_ID],
        callBackReference: { $ref: '2d7f0b93-6e15-4c8a-b4f2-9a0e3c6d1b57' },
        locationReference: [{ $ref: 'c41d9a7e-2f63-4b18-9e05-7a3b6d2c8f90' }],
      },
    ],
    notesComponent: [
      {
        ...prologue('8a2e4f61-3c7b-4d95-b0e8-1f6a9c3d5e72', '2026-03-14T21:05:10-05:00'),
        notesActionComments:
          '<p>Caller says she has not slept in three days and is hearing voices.</p>' +
          '<p>No weapons in the home &amp; she is calm on the phone.</p>',
        agentReference: { $ref: AGENT },
      },
      {
        ...prologue('8a2e4f61-3c7b-4d95-b0e8-1f6a9c3d5e73', '2026-03-14T21:09:47-05:00'),
        notesActionComments: 'Asked for someone to talk to, not police. Sister on her way.',
        agentReference: { $ref: AGENT },
      },
    ],
    agencyComponent: [
      {
        ...prologue(AGENCY, '2026-03-14T21:03:18-05:00'),
        agencyRoleDescriptionRegistryText: ['CallReceiving'],
        agencyType: ['psap'],
        incidentOwningAgencyIndicator: true,
      },
    ],
    agentComponent: [
      {
        ...prologue(AGENT, '2026-03-14T21:03:24-05:00'),
        agentRoleRegistryText: ['Call Taking'],
        agencyReference: { $ref: AGENCY },
        agentWorkstationPositionIdentification: '7',
      },
    ],
    '@context': { '@vocab': './JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld' },
  };
}

/**
 * A crisis call answered by the Capital County backup centre on behalf of the Springfield PSAP,
 * in a conference with the caller, as NENA conveys a transfer in EIDO 1.0: the call answered
 * from a queue, a callback whose device contact is a conference focus, per-agency and per-agent
 * call-leg states. The incident names only its type; the person, location and callback come
 * from the call. It maps to a referral for Luis Herrera, 52, near the Lincoln Ave laundromat.
 */
export function aCallTransfer(): EidoTestDocument {
  const at = '2026-03-14T23:41:07Z';
  return {
    ...prologue(TRANSFER_INCIDENT_ID, '2026-03-14T23:44:52.031Z', BACKUP_AGENCY),
    updatedByAgentReference: { $ref: BACKUP_AGENT },
    eidoVersion: '1.0',
    issuingElementIdentification: 'idx.capitalcounty.example',
    callComponent: [
      {
        ...prologue(TRANSFER_CALL_ID, '2026-03-14T23:42:30Z', BACKUP_AGENCY),
        updatedByAgentReference: { $ref: BACKUP_AGENT },
        queueIdentifier: 'crisis-overflow@backup.capitalcounty.example',
        standardPrimaryCallType: 'emergency',
        direction: 'incoming',
        callStartTimestamp: '2026-03-14T23:39:58Z',
        answerDate: '2026-03-14T23:42:30Z',
        callStateRegistryText: 'callAnswered',
        additionalDataReference: [{ $ref: 'f3b8c1d0-7a24-4e69-8d5b-0c2e9f4a6b13' }],
        callBackReference: { $ref: '64e1a0c7-9b3d-4f28-a5e6-d8c2b7f01e94' },
        agentReference: [{ $ref: BACKUP_AGENT }],
        agencyReference: [{ $ref: AGENCY }, { $ref: BACKUP_AGENCY }],
        locationReference: [{ $ref: '7b5d2e80-1c4f-4a39-96e7-3f0a8d6c2b15' }],
        personReference: [{ $ref: 'a90f6c34-5d2b-4e81-b7c3-0e4d9f1a2c68' }],
      },
    ],
    callbackComponent: [
      {
        ...prologue('64e1a0c7-9b3d-4f28-a5e6-d8c2b7f01e94', at),
        callBackInformationUri: [
          'sip:+12175550187@ims.carrier.example;user=phone',
          'tel:+1-217-555-0187;verstat=TN-Validation-Passed',
        ],
        deviceContactHeader: 'sip:conf-7731@bridge.ngcs.springfield.example;isfocus',
      },
    ],
    incidentComponent: {
      ...prologue('e2c49a1f-6b70-4d3e-8f15-b9a0c7d2e4f6', '2026-03-14T23:44:10Z', BACKUP_AGENCY),
      incidentTypeCommonRegistryText: 'BehavioralHealth',
      incidentTypeInternalText: 'Person in crisis',
    },
    agencyComponent: [
      {
        ...prologue(AGENCY, '2026-03-14T23:39:58Z'),
        agencyRoleDescriptionRegistryText: ['CallReceiving'],
        agencyType: ['psap'],
        incidentOwningAgencyIndicator: true,
        agencyCallLegState: [
          {
            ...prologue('0f7a3c52-84e1-4b6d-9c20-5e8b1d4a7f36', '2026-03-14T23:41:02Z'),
            callReference: { $ref: TRANSFER_CALL_ID },
            callStateRegistryText: 'callTransferred',
          },
        ],
      },
      {
        ...prologue(BACKUP_AGENCY, '2026-03-14T23:42:30Z', BACKUP_AGENCY),
        agencyRoleDescriptionRegistryText: ['CallReceiving'],
        agencyType: ['psap'],
        actingOnBehalfOfAgencyReference: [{ $ref: AGENCY }],
      },
    ],
    agentComponent: [
      {
        ...prologue(BACKUP_AGENT, '2026-03-14T23:42:30Z', BACKUP_AGENCY),
        agentRoleRegistryText: ['Call Taking'],
        agencyReference: { $ref: BACKUP_AGENCY },
        agentWorkstationPositionIdentification: '12',
        agentCallLegState: [
          {
            ...prologue(
              '3c9e5b17-a2d8-4f60-b1e4-7d0c6a9f2e83',
              '2026-03-14T23:42:30Z',
              BACKUP_AGENCY,
            ),
            callReference: { $ref: TRANSFER_CALL_ID },
            callStateRegistryText: 'callAnswered',
          },
        ],
      },
    ],
    additionalDataComponent: [
      {
        ...prologue('f3b8c1d0-7a24-4e69-8d5b-0c2e9f4a6b13', at),
        additionalDataByValue:
          '<?xml version="1.0" encoding="UTF-8"?><svc:EmergencyCallData.ServiceInfo ' +
          'xmlns:svc="urn:ietf:params:xml:ns:EmergencyCallData:ServiceInfo">' +
          '<svc:DataProviderReference>svc-4471@ims.carrier.example</svc:DataProviderReference>' +
          '<svc:ServiceEnvironment>Residence</svc:ServiceEnvironment>' +
          '<svc:ServiceType>wireless</svc:ServiceType><svc:ServiceMobility>Mobile</svc:ServiceMobility>' +
          '</svc:EmergencyCallData.ServiceInfo>',
      },
    ],
    locationComponent: [
      {
        ...prologue('7b5d2e80-1c4f-4a39-96e7-3f0a8d6c2b15', at),
        locationTypeDescriptionRegistryText: 'Caller',
        locationByValue: ' ' + aPidfLo(GS_CIRCLE(39.78604, -89.65017, 35)),
        locationDescriptionText: 'Parking lot behind the Lincoln Ave laundromat',
      },
    ],
    personComponent: [
      {
        ...prologue('a90f6c34-5d2b-4e81-b7c3-0e4d9f1a2c68', '2026-03-14T23:43:55Z', BACKUP_AGENCY),
        personIncidentRoleRegistryText: ['Caller'],
        callIdentifier: [TRANSFER_CALL_ID],
        ncPersonComponent: {
          name: [{ personGivenName: [{ value: 'Luis' }], personSurName: [{ value: 'Herrera' }] }],
          ageMeasure: [{ integerValue: [{ value: 52 }], timeUnitCode: [{ simpleType: 'ANN' }] }],
          primaryLanguage: [{ languageName: [{ value: 'Spanish' }] }],
        },
        personCallLegState: [
          {
            ...prologue(
              '9e2b7d40-c5a1-4f83-a6d9-1b0e8c3f5a72',
              '2026-03-14T23:42:30Z',
              BACKUP_AGENCY,
            ),
            callReference: { $ref: TRANSFER_CALL_ID },
            callStateRegistryText: 'callAnswered',
          },
        ],
      },
    ],
    notesComponent: [
      {
        ...prologue('51c8e0a3-2f9d-4b76-8e14-a6d3c0b9f2e5', '2026-03-14T23:43:20Z', BACKUP_AGENCY),
        notesActionComments:
          'Transferred from Springfield PSAP, caller in his car, upset but not violent.',
        agentReference: { $ref: BACKUP_AGENT },
      },
      {
        ...prologue('51c8e0a3-2f9d-4b76-8e14-a6d3c0b9f2e6', '2026-03-14T23:44:40Z', BACKUP_AGENCY),
        notesActionComments: 'Lost his job today; says he needs help, <b>speaks Spanish</b>.',
        agentReference: { $ref: BACKUP_AGENT },
      },
    ],
  };
}

const STEP = /[^.]+/g;

/** `callComponent.0.callStartTimestamp` → ['callComponent', 0, 'callStartTimestamp'] */
function stepsOf(path: string): (string | number)[] {
  return [...path.matchAll(STEP)].map(([step]) => (/^\d+$/.test(step) ? Number(step) : step));
}

function parentOf(
  document: EidoTestDocument,
  path: string,
): { parent: EidoJson; last: string | number } {
  const steps = stepsOf(path);
  const last = steps.pop();
  if (last === undefined) throw new Error(`no member in path "${path}"`);
  let parent: EidoJson = document;
  for (const step of steps) {
    const next: EidoJson | undefined =
      Array.isArray(parent) && typeof step === 'number'
        ? parent[step]
        : parent !== null &&
            typeof parent === 'object' &&
            !Array.isArray(parent) &&
            typeof step === 'string'
          ? parent[step]
          : undefined;
    if (next === undefined) throw new Error(`"${path}" does not exist in the document`);
    parent = next;
  }
  return { parent, last };
}

/** The document with the member at `path` (a JSON path as in problems) removed. */
export function withoutMember(document: EidoTestDocument, path: string): EidoTestDocument {
  const { parent, last } = parentOf(document, path);
  if (Array.isArray(parent) && typeof last === 'number') parent.splice(last, 1);
  else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
    delete parent[String(last)];
  }
  return document;
}

/** The document with the member at `path` set to `value` (added if it was absent). */
export function withMember(
  document: EidoTestDocument,
  path: string,
  value: EidoJson,
): EidoTestDocument {
  const { parent, last } = parentOf(document, path);
  if (Array.isArray(parent) && typeof last === 'number') parent[last] = value;
  else if (parent !== null && typeof parent === 'object' && !Array.isArray(parent)) {
    parent[String(last)] = value;
  }
  return document;
}
