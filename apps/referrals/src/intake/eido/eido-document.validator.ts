import { EidoProblem } from './eido-problem';
import { EIDO_COMPONENT_MEMBERS, EidoComponentMember, EidoComponents } from './eido-references';

type Json = Record<string, unknown>;

/** The problems with one value, which sits at `path`. */
type Check = (value: unknown, path: string) => EidoProblem[];

interface MemberRule {
  readonly required: boolean;
  readonly check: Check;
}

/** The members of an object that are checked; any other member is let through, as the schema does. */
type RuleTable = Readonly<Record<string, MemberRule>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const memberPath = (path: string, member: string): string => (path ? `${path}.${member}` : member);

const problem = (path: string, rule: string): EidoProblem[] => [
  { path, message: `${path} ${rule}` },
];

const rule =
  (holds: (value: unknown) => boolean, description: string): Check =>
  (value, path) =>
    holds(value) ? [] : problem(path, description);

const required = (check: Check): MemberRule => ({ required: true, check });
const optional = (check: Check): MemberRule => ({ required: false, check });

// RFC 3339 §5.6, which JSON Schema's `date-time` means: the offset is not optional.
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

function isDateTime(value: unknown): boolean {
  const parts = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!parts) return false;
  const [year, month, day, hour, minute, second] = parts.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [Number(parts[7] ?? 0), Number(parts[8] ?? 0)];
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    // 60 is a leap second, which RFC 3339 allows.
    second <= 60 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59
  );
}

// An absolute URI (RFC 3986): a scheme, then no character a URI cannot hold, and well-formed
// percent-escapes. The schema's `format: uri` asks for no more than that.
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s"<>\\^`{|}]*$/;
const isUri = (value: unknown): boolean =>
  typeof value === 'string' && URI.test(value) && !/%(?![0-9A-Fa-f]{2})/.test(value);

const string = rule((value) => typeof value === 'string', 'must be a string');
const nonEmptyString = rule(
  (value) => typeof value === 'string' && value.trim() !== '',
  'must be a non-empty string',
);
const boolean = rule((value) => typeof value === 'boolean', 'must be a boolean');
const int32 = rule(
  (value) => typeof value === 'number' && Number.isInteger(value) && Math.abs(value) < 2 ** 31,
  'must be an integer (int32)',
);
const dateTime = rule(isDateTime, 'must be an RFC 3339 date-time with a time zone offset');
const uri = rule(isUri, 'must be a URI with a scheme (RFC 3986)');
const oneOf = (values: readonly string[]): Check =>
  rule(
    (value) => typeof value === 'string' && values.includes(value),
    `must be one of ${values.join(', ')}`,
  );
const exactly = (expected: string): Check =>
  rule((value) => value === expected, `must be the string "${expected}"`);

const arrayOf =
  (item: Check, items: string, minItems = 0): Check =>
  (value, path) => {
    if (!Array.isArray(value)) {
      const cardinality = isObject(value) ? ', not a single one' : '';
      return problem(path, `must be an array of ${items}${cardinality}`);
    }
    if (value.length < minItems) return problem(path, `must hold at least ${minItems} of ${items}`);
    return value.flatMap((element: unknown, index) => item(element, `${path}.${index}`));
  };

function membersOf(value: Json, path: string, table: RuleTable): EidoProblem[] {
  return Object.entries(table).flatMap(([member, { required: isRequired, check }]) => {
    const at = memberPath(path, member);
    if (!Object.hasOwn(value, member)) return isRequired ? problem(at, 'is required') : [];
    return check(value[member], at);
  });
}

const objectWith =
  (table: RuleTable, what: string): Check =>
  (value, path) => {
    if (Array.isArray(value)) return problem(path, `must be ${what}, not an array`);
    if (!isObject(value)) return problem(path, `must be ${what}`);
    return membersOf(value, path, table);
  };

const anObject = objectWith({}, 'an object');
const strings = arrayOf(string, 'strings');

/** A ReferenceType: one object naming the `$id` of another component of the same EIDO. */
const reference: Check = (value, path) => {
  if (Array.isArray(value)) return problem(path, 'must be a single reference, not an array');
  if (!isObject(value)) return problem(path, 'must be a reference: an object with a $ref');
  if (!Object.hasOwn(value, '$ref')) return problem(`${path}.$ref`, 'is required');
  return nonEmptyString(value.$ref, `${path}.$ref`);
};
const references = arrayOf(reference, 'references');

/** Every data component, and the EIDO itself, opens with these. */
const PROLOGUE: RuleTable = {
  $id: required(nonEmptyString),
  lastUpdateTimeStamp: required(dateTime),
  updatedByAgencyReference: required(reference),
  updatedByAgentReference: optional(reference),
  AlternateValueReferences: optional(references),
  externalInformationSourceReferences: optional(references),
  mediaReferences: optional(references),
};

const component = (kind: string, table: RuleTable): Check =>
  objectWith({ ...PROLOGUE, ...table }, `an object (a ${kind} component)`);

// Embedded rather than referenced; their other members are not read, so not checked.
const callLegStates = arrayOf(
  objectWith(
    { callReference: required(reference), callStateRegistryText: required(string) },
    'an object (a call leg state)',
  ),
  'call leg states',
);

const AGENCY: RuleTable = {
  agencyRoleDescriptionRegistryText: required(strings),
  agencyType: required(strings),
  agencyJcard: optional(string),
  incidentOwningAgencyIndicator: optional(boolean),
  notesReference: optional(references),
  actingOnBehalfOfAgencyReference: optional(references),
  agencyCallLegState: optional(callLegStates),
};

const AGENT: RuleTable = {
  agentRoleRegistryText: required(arrayOf(string, 'strings', 1)),
  agencyReference: required(reference),
  agentJcard: optional(string),
  agentWorkstationPositionIdentification: optional(string),
  notesReference: optional(references),
  agentCallLegState: optional(callLegStates),
};

const INCIDENT: RuleTable = {
  incidentTypeCommonRegistryText: required(string),
  incidentTypeInternalCode: optional(string),
  incidentTypeInternalText: optional(string),
  incidentStatusInternalText: optional(strings),
  incidentStatusCommonRegistryText: optional(strings),
  internalIncidentId: optional(string),
  documentIdentification: optional(strings),
  reportNumberType: optional(string),
  incidentPriorityInternalText: optional(string),
  incidentCommonPriorityNumber: optional(int32),
  beatOrDispatchGroupText: optional(string),
  dispositionComponent: optional(arrayOf(anObject, 'disposition components')),
  agentReference: optional(references),
  locationReference: optional(references),
  personReference: optional(references),
  organizationReference: optional(references),
  vehicleReference: optional(references),
  notesReference: optional(references),
};

const CALL: RuleTable = {
  callStateRegistryText: required(string),
  standardPrimaryCallType: required(string),
  direction: required(oneOf(['incoming', 'outgoing', 'internal'])),
  callStartTimestamp: required(dateTime),
  answerDate: optional(dateTime),
  queueIdentifier: optional(string),
  standardSecondaryCallType: optional(string),
  localCallType: optional(string),
  priorityIdentifier: optional(oneOf(['highest', 'high', 'normal', 'low', 'lowest'])),
  relatedCallIdentifier: optional(strings),
  verstat: optional(string),
  sipIdentity: optional(string),
  additionalDataReference: optional(references),
  agentReference: optional(references),
  callBackReference: optional(reference),
  locationReference: optional(references),
  notesReference: optional(references),
  personReference: optional(references),
  organizationReference: optional(references),
  agencyReference: optional(references),
};

const CALLBACK: RuleTable = {
  callBackInformationUri: optional(strings),
  deviceContactHeader: optional(string),
  updatedCbn: optional(
    objectWith(
      {
        updatedCbnIdentifierUri: required(uri),
        updatedCbnCallerDescription: optional(string),
      },
      'an object (an updated callback number)',
    ),
  ),
};

const LOCATION: RuleTable = {
  locationTypeDescriptionRegistryText: required(string),
  locationByValue: optional(string),
  locationByReferenceUrl: optional(uri),
  locationDereferencedFromReference: optional(reference),
  locationDescriptionText: optional(string),
  crossStreetByValue: optional(strings),
  crossStreetByReferenceUrl: optional(strings),
  intersectingStreetByValue: optional(strings),
  intersectingStreetByReferenceUrl: optional(strings),
  cellTowerSectorId: optional(string),
  localIdentifier: optional(strings),
  additionalDataReference: optional(references),
  notesReference: optional(references),
};

/** A NIEM text, name part or date: its value, a string, in `value`. */
const niemValue = objectWith({ value: optional(string) }, 'an object with its value in value');
const niemValues = arrayOf(niemValue, 'objects with their value in value');

/** The NIEM members of a person Concord reads, as the NIEM JSON of nc.yaml shapes them. */
const NIEM_PERSON_READ: RuleTable = {
  name: optional(
    arrayOf(
      objectWith(
        {
          personGivenName: optional(niemValues),
          personMiddleName: optional(niemValues),
          personSurName: optional(niemValues),
          personFullName: optional(niemValues),
        },
        'a person name object',
      ),
      'person name objects',
    ),
  ),
  birthDate: optional(arrayOf(objectWith({ date: optional(niemValues) }, 'a date'), 'dates')),
  primaryLanguage: optional(
    arrayOf(
      objectWith(
        {
          languageCode: optional(
            arrayOf(objectWith({ simpleType: optional(string) }, 'a code'), 'codes'),
          ),
          languageName: optional(niemValues),
        },
        'a language',
      ),
      'languages',
    ),
  ),
};

/**
 * NIEM content. Its generated schema turns XSD patterns into enums that reject real values, so
 * values are not checked against it; but in NIEM JSON every member of a person is an array of
 * objects, and the members Concord reads are checked down to their values.
 */
const ncPersonComponent: Check = (value, path) => {
  if (Array.isArray(value)) return problem(path, 'must be an object, not an array');
  if (!isObject(value)) return problem(path, 'must be an object');
  const shaped = Object.entries(value)
    .filter(([member]) => !Object.hasOwn(NIEM_PERSON_READ, member))
    .flatMap(([member, item]) =>
      arrayOf(anObject, 'objects (NIEM JSON)')(item, memberPath(path, member)),
    );
  return [...shaped, ...membersOf(value, path, NIEM_PERSON_READ)];
};

const PERSON: RuleTable = {
  personIncidentRoleRegistryText: required(strings),
  ncPersonComponent: optional(ncPersonComponent),
  callIdentifier: optional(strings),
  eta: optional(dateTime),
  callBackReference: optional(reference),
  destinationReference: optional(reference),
  locationReference: optional(references),
  notesReference: optional(references),
  additionalDataReference: optional(references),
  itemReference: optional(references),
  personCallLegState: optional(callLegStates),
};

const NOTES: RuleTable = {
  notesActionComments: required(string),
  agentReference: optional(reference),
  cautionReference: optional(references),
};

/** The components Concord reads are checked member by member; the others only for their shape. */
const READ_COMPONENTS: Partial<Record<EidoComponentMember, RuleTable>> = {
  agencyComponent: AGENCY,
  agentComponent: AGENT,
  callComponent: CALL,
  callbackComponent: CALLBACK,
  locationComponent: LOCATION,
  personComponent: PERSON,
  notesComponent: NOTES,
};

const componentArrays: RuleTable = Object.fromEntries(
  Object.entries(EIDO_COMPONENT_MEMBERS)
    .filter(([member]) => member !== 'incidentComponent' && member !== 'agencyComponent')
    .map(([member, kind]) => {
      const table = READ_COMPONENTS[member as EidoComponentMember];
      const item = table ? component(kind, table) : anObject;
      return [member, optional(arrayOf(item, `${kind} components`))];
    }),
);

const incidentComponent: Check = (value, path) =>
  Array.isArray(value)
    ? problem(path, 'must be a single object, not an array: an EIDO has one incident component')
    : component('incident', INCIDENT)(value, path);

const DOCUMENT: RuleTable = {
  ...PROLOGUE,
  eidoVersion: required(exactly('1.0')),
  issuingElementIdentification: required(nonEmptyString),
  agencyComponent: required(arrayOf(component('agency', AGENCY), 'agency components')),
  incidentComponent: optional(incidentComponent),
  eidoExtensionId: optional(strings),
  // The JSON-LD context: an object naming the vocabulary (@vocab).
  '@context': optional(anObject),
  ...componentArrays,
};

function repeatedIds(document: Json): EidoProblem[] {
  const firstPathOf = new Map<string, string>();
  const problems: EidoProblem[] = [];
  for (const { component: found, path } of new EidoComponents(document).all()) {
    const id = found.$id;
    if (typeof id !== 'string' || id === '') continue;
    const idPath = memberPath(path, '$id');
    const first = firstPathOf.get(id);
    if (first === undefined) firstPathOf.set(id, idPath);
    else {
      problems.push({
        path: idPath,
        message: `${idPath} "${id}" repeats ${first}: each $id must be unique in the EIDO`,
      });
    }
  }
  return problems;
}

/**
 * Every way in which `document` breaks NENA-STA-021.1 (EIDO JSON 1.0) in the parts Concord reads,
 * not only the first, so that a sender can fix them in one round. Members the schema does not
 * define are allowed, as the schema allows them. Empty when the document is valid.
 */
export function eidoProblemsOf(document: unknown): EidoProblem[] {
  if (!isObject(document)) {
    return [
      {
        path: '',
        message: 'body must be a JSON object: an EIDO document (EmergencyIncidentDataObjectType)',
      },
    ];
  }
  return [...membersOf(document, '', DOCUMENT), ...repeatedIds(document)];
}
