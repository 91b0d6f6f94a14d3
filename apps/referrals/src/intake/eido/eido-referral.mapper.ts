import { ReferralCategory, Urgency } from '@concord/contracts';
import { eidoProblemsOf } from './eido-document.validator';
import { EidoRejection } from './eido-problem';
import { EIDO_COMPONENT_MEMBERS, EidoComponentKind, EidoComponents } from './eido-references';
import { plainTextOf } from './notes-text';
import { pidfLoPositionOf } from './pidf-lo';

/** What an agency's agreements make of one of its incident types. */
export interface IncidentTypeMapping {
  category: ReferralCategory;
  urgency: Urgency;
}

/** The parts of a referral an EIDO gives; consent and contact preference come from elsewhere. */
export interface EidoReferralDraft {
  incidentReference: string;
  category: ReferralCategory;
  urgency: Urgency;
  location: { latitude: number; longitude: number; address?: string };
  person: { name: string; age?: number; phone?: string; language?: string };
  narrative: string;
  /** The JSON paths of the members read, in document order */
  used: string[];
  /**
   * Members present but not read: whole components/top-level members not read, and, inside
   * components that were read, their members not read
   */
  ignored: string[];
}

type Json = Record<string, unknown>;
type Found = { component: Json; path: string };
type Step = string | number;

const MAX_INCIDENT_REFERENCE = 64;
const MAX_NARRATIVE = 10_000;
const MAX_AGE = 130;
const INCIDENT_TRACKING_ID = /^urn:emergency:uid:incidentid:([^:]+):.+$/i;
const BIRTH_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Who changed a component and when says nothing about the incident: never worth a mention.
const PROLOGUE = new Set([
  '$id',
  'lastUpdateTimeStamp',
  'updatedByAgencyReference',
  'updatedByAgentReference',
  'AlternateValueReferences',
  'externalInformationSourceReferences',
  'mediaReferences',
]);
// Concord's own extension (consent, contact preference) is read by the intake, not here.
const CONCORD_EXTENSION = 'concord';

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, steps: readonly Step[]): string =>
  steps.reduce<string>((at, step) => (at ? `${at}.${step}` : String(step)), path);

function dig(value: unknown, steps: readonly Step[]): unknown {
  let at = value;
  for (const step of steps) {
    if (typeof step === 'number') at = Array.isArray(at) ? (at[step] as unknown) : undefined;
    else at = isObject(at) ? at[step] : undefined;
  }
  return at;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const refuse = (status: 400 | 422, code: string, path: string, message: string): EidoRejection =>
  new EidoRejection(status, code, [{ path, message }]);

/** One reading of one document: what it holds and which of its members were read. */
class Reading {
  readonly components: EidoComponents;
  readonly used = new Set<string>();

  constructor(readonly eido: Json) {
    this.components = new EidoComponents(eido);
  }

  /** The value at `steps` under `path`, recorded as read when it is there. */
  read(path: string, steps: readonly Step[], from: unknown): unknown {
    const value = dig(from, steps);
    if (value !== undefined) this.used.add(join(path, steps));
    return value;
  }

  readText(path: string, steps: readonly Step[], from: unknown): string | undefined {
    const value = text(dig(from, steps));
    if (value !== undefined) this.used.add(join(path, steps));
    return value;
  }

  /** The component the (first) reference in `member` of `owner` points to, if it has one. */
  follow(owner: Found, member: string, kind: EidoComponentKind): Found | undefined {
    const value = owner.component[member];
    const [reference, path] = Array.isArray(value)
      ? [value[0], join(owner.path, [member, 0])]
      : [value, join(owner.path, [member])];
    if (reference === undefined) return undefined;
    const found = this.components.resolve(reference, path, kind);
    this.used.add(path);
    return found;
  }
}

function incidentOf(eido: Json): Found {
  const incident = eido.incidentComponent;
  if (!isObject(incident)) {
    throw refuse(
      422,
      'EIDO_INCIDENT_REQUIRED',
      'incidentComponent',
      'incidentComponent is missing: Concord needs the incident type to choose the referral category',
    );
  }
  return { component: incident, path: 'incidentComponent' };
}

function incidentTypeOf(
  reading: Reading,
  incident: Found,
  mappingOf: (code: string) => IncidentTypeMapping | undefined,
): IncidentTypeMapping {
  // The agency's own code is more specific than the NENA registry's, so it is tried first.
  const tried = ['incidentTypeInternalCode', 'incidentTypeCommonRegistryText']
    .map((member) => ({ member, value: incident.component[member] }))
    .filter(
      (candidate): candidate is { member: string; value: string } =>
        text(candidate.value) !== undefined,
    );
  for (const { member, value } of tried) {
    const mapping = mappingOf(value);
    if (mapping) {
      reading.used.add(join(incident.path, [member]));
      return { category: mapping.category, urgency: mapping.urgency };
    }
  }
  throw new EidoRejection(
    422,
    'INCIDENT_TYPE_NOT_MAPPED',
    tried.map(({ member, value }) => {
      const path = join(incident.path, [member]);
      return {
        path,
        message:
          `${path} "${value}" is not mapped to a referral category and urgency: the agency's ` +
          'administrator maps its incident types in its agreements ' +
          '(PUT /organizations/{agencyId}/incident-types)',
      };
    }),
  );
}

function incidentReferenceOf(reading: Reading, incident: Found): string {
  const internal = reading.readText(incident.path, ['internalIncidentId'], incident.component);
  const [path, reference] = internal
    ? [join(incident.path, ['internalIncidentId']), internal]
    : ['$id', trackingIdOf(String(reading.read('', ['$id'], reading.eido)))];
  if (reference.length > MAX_INCIDENT_REFERENCE) {
    throw refuse(
      400,
      'EIDO_INVALID',
      path,
      `${path} gives an incident reference of ${reference.length} characters: ` +
        `a referral's incident reference is at most ${MAX_INCIDENT_REFERENCE} characters`,
    );
  }
  return reference;
}

/** The incident's own id out of its tracking URN (NENA-STA-010), without the agency's domain. */
function trackingIdOf(id: string): string {
  return INCIDENT_TRACKING_ID.exec(id)?.[1] ?? id;
}

function onlyOne(
  reading: Reading,
  kind: 'person' | 'location',
  referencedFrom: string,
): Found | undefined {
  const all = reading.components.ofKind(kind);
  if (all.length <= 1) return all[0];
  const code = kind === 'person' ? 'EIDO_PERSON_AMBIGUOUS' : 'EIDO_LOCATION_AMBIGUOUS';
  throw refuse(
    422,
    code,
    referencedFrom,
    `the EIDO has ${all.length} ${kind} components and nothing references the one the referral ` +
      `is about: name it in ${referencedFrom}`,
  );
}

function personFoundOf(reading: Reading, incident: Found, call: Found | undefined): Found {
  const person =
    reading.follow(incident, 'personReference', 'person') ??
    (call && reading.follow(call, 'personReference', 'person')) ??
    onlyOne(reading, 'person', 'incidentComponent.personReference');
  if (!person) {
    throw refuse(
      422,
      'EIDO_PERSON_REQUIRED',
      'personComponent',
      'personComponent is missing: Concord needs the person the referral is for',
    );
  }
  return person;
}

function nameOf(reading: Reading, nc: unknown, ncPath: string): string {
  const full = reading.readText(ncPath, ['name', 0, 'personFullName', 0, 'value'], nc);
  if (full) return full;
  const parts = ['personGivenName', 'personMiddleName', 'personSurName']
    .map((part) => reading.readText(ncPath, ['name', 0, part, 0, 'value'], nc))
    .filter((part): part is string => part !== undefined);
  if (parts.length > 0) return parts.join(' ');
  const path = join(ncPath, ['name']);
  throw refuse(
    422,
    'EIDO_PERSON_NAME_REQUIRED',
    path,
    `${path} gives no name (personFullName, or given and surnames): Concord needs the person's name`,
  );
}

function wholeYears(value: unknown): number | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0) return undefined;
  const years = Math.floor(number);
  return years <= MAX_AGE ? years : undefined;
}

/** The age in years when stated in years, else from the birth date on the day of the EIDO. */
function ageOf(reading: Reading, nc: unknown, ncPath: string): number | undefined {
  const measurePath = join(ncPath, ['ageMeasure', 0]);
  const unit = dig(nc, ['ageMeasure', 0, 'timeUnitCode', 0, 'simpleType']);
  if (unit === undefined || unit === 'ANN') {
    for (const member of ['integerValue', 'decimalValue', 'value']) {
      const years = wholeYears(dig(nc, ['ageMeasure', 0, member, 0, 'value']));
      if (years === undefined) continue;
      reading.used.add(join(measurePath, [member, 0, 'value']));
      if (unit !== undefined)
        reading.used.add(join(measurePath, ['timeUnitCode', 0, 'simpleType']));
      return years;
    }
  }
  const born = BIRTH_DATE.exec(String(dig(nc, ['birthDate', 0, 'date', 0, 'value'])));
  // The EIDO's own timestamp, in its own offset: the age the agency saw, however late it arrives.
  const asOf = BIRTH_DATE.exec(String(reading.eido.lastUpdateTimeStamp).slice(0, 10));
  if (!born || !asOf) return undefined;
  const [year, month, day] = born.slice(1).map(Number);
  const [nowYear, nowMonth, nowDay] = asOf.slice(1).map(Number);
  const birthdayPassed = nowMonth > month || (nowMonth === month && nowDay >= day);
  const age = nowYear - year - (birthdayPassed ? 0 : 1);
  const realDate = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day && month <= 12;
  if (!realDate || age < 0 || age > MAX_AGE) return undefined;
  reading.used.add(join(ncPath, ['birthDate', 0, 'date', 0, 'value']));
  reading.used.add('lastUpdateTimeStamp');
  return age;
}

function languageOf(reading: Reading, nc: unknown, ncPath: string): string | undefined {
  return (
    reading.readText(ncPath, ['primaryLanguage', 0, 'languageCode', 0, 'simpleType'], nc) ??
    reading.readText(ncPath, ['primaryLanguage', 0, 'languageName', 0, 'value'], nc)
  );
}

/**
 * The number of a callback component's first `tel:` URI, without its parameters, its visual
 * separators (RFC 3966 allows `-`, `.`, `(` and `)`) written as hyphens.
 */
function telephoneOf(reading: Reading, callback: Found | undefined): string | undefined {
  const uris = callback?.component.callBackInformationUri;
  if (!callback || !Array.isArray(uris)) return undefined;
  const index = uris.findIndex((uri) => typeof uri === 'string' && /^tel:/i.test(uri.trim()));
  if (index < 0) return undefined;
  const number = text(String(uris[index]).trim().slice(4).split(';')[0])?.replace(/\./g, '-');
  if (number) reading.used.add(join(callback.path, ['callBackInformationUri', index]));
  return number;
}

function phoneOf(
  reading: Reading,
  person: Found,
  call: Found | undefined,
  nc: unknown,
  ncPath: string,
): string | undefined {
  return (
    telephoneOf(reading, reading.follow(person, 'callBackReference', 'callback')) ??
    telephoneOf(reading, call && reading.follow(call, 'callBackReference', 'callback')) ??
    reading.readText(
      ncPath,
      [
        'homeContactInformation',
        0,
        'contactTelephoneNumber',
        0,
        'full',
        0,
        'telephoneNumberFullID',
        0,
        'value',
      ],
      nc,
    )
  );
}

function personOf(
  reading: Reading,
  person: Found,
  call: Found | undefined,
): EidoReferralDraft['person'] {
  const ncPath = join(person.path, ['ncPersonComponent']);
  const nc = person.component.ncPersonComponent;
  const name = nameOf(reading, nc, ncPath);
  const age = ageOf(reading, nc, ncPath);
  const phone = phoneOf(reading, person, call, nc, ncPath);
  const language = languageOf(reading, nc, ncPath);
  return {
    name,
    ...(age !== undefined && { age }),
    ...(phone !== undefined && { phone }),
    ...(language !== undefined && { language }),
  };
}

function locationOf(
  reading: Reading,
  incident: Found,
  person: Found,
  call: Found | undefined,
): EidoReferralDraft['location'] {
  const location =
    reading.follow(incident, 'locationReference', 'location') ??
    reading.follow(person, 'locationReference', 'location') ??
    (call && reading.follow(call, 'locationReference', 'location')) ??
    onlyOne(reading, 'location', 'incidentComponent.locationReference');
  if (!location) {
    throw refuse(
      422,
      'EIDO_LOCATION_REQUIRED',
      'locationComponent',
      'locationComponent is missing: Concord needs where the person is',
    );
  }
  const byValue = location.component.locationByValue;
  if (typeof byValue !== 'string') {
    const byReference = location.component.locationByReferenceUrl !== undefined;
    const path = join(location.path, [byReference ? 'locationByReferenceUrl' : 'locationByValue']);
    throw byReference
      ? refuse(
          422,
          'EIDO_LOCATION_BY_REFERENCE_NOT_SUPPORTED',
          path,
          `${path}: Concord does not dereference location URLs; send the location by value (locationByValue, a PIDF-LO)`,
        )
      : refuse(
          422,
          'EIDO_LOCATION_REQUIRED',
          path,
          `${path} is missing: Concord needs the location by value (a PIDF-LO with a point)`,
        );
  }
  const valuePath = join(location.path, ['locationByValue']);
  const { latitude, longitude, address: civic } = pidfLoPositionOf(byValue, valuePath);
  reading.used.add(valuePath);
  const address =
    reading.readText(location.path, ['locationDescriptionText'], location.component) ?? civic;
  return { latitude, longitude, ...(address !== undefined && { address }) };
}

function narrativeOf(reading: Reading, incident: Found): string {
  const references = incident.component.notesReference;
  const notes =
    Array.isArray(references) && references.length > 0
      ? references.map((reference: unknown, index) => {
          const path = join(incident.path, ['notesReference', index]);
          const found = reading.components.resolve(reference, path, 'notes');
          reading.used.add(path);
          return found;
        })
      : reading.components.ofKind('notes');
  const paragraphs = [...new Map(notes.map((note) => [note.path, note])).values()]
    .map((note) => {
      reading.used.add(join(note.path, ['notesActionComments']));
      return plainTextOf(String(note.component.notesActionComments));
    })
    .filter((paragraph) => paragraph !== '');
  if (paragraphs.length === 0) {
    throw refuse(
      422,
      'EIDO_NARRATIVE_REQUIRED',
      'notesComponent',
      'notesComponent gives no text (notesActionComments): Concord needs a narrative of the incident',
    );
  }
  const narrative = paragraphs.join('\n\n');
  if (narrative.length > MAX_NARRATIVE) {
    throw refuse(
      400,
      'EIDO_INVALID',
      'notesComponent',
      `notesComponent makes a narrative of ${narrative.length} characters: a referral's ` +
        `narrative is at most ${MAX_NARRATIVE.toLocaleString('en-US')} characters`,
    );
  }
  return narrative;
}

/** Every path in the document, numbered in document order. */
function documentOrder(eido: Json): Map<string, number> {
  const order = new Map<string, number>();
  const walk = (value: unknown, path: string): void => {
    order.set(path, order.size);
    if (Array.isArray(value))
      value.forEach((item: unknown, index) => walk(item, join(path, [index])));
    else if (isObject(value))
      for (const [member, inner] of Object.entries(value)) walk(inner, join(path, [member]));
  };
  walk(eido, '');
  return order;
}

/**
 * What the sender sent and Concord dropped, so that the answer can say so: components not read at
 * all, and in the ones read, down to the member, what was not read (prologues aside).
 */
function ignoredOf(eido: Json, used: ReadonlySet<string>): string[] {
  const ignored: string[] = [];
  const touched = (path: string): boolean =>
    [...used].some(
      (read) => read === path || read.startsWith(`${path}.`) || read.startsWith(`${path}[`),
    );
  const within = (value: unknown, path: string, skipped: ReadonlySet<string>): void => {
    if (used.has(path)) return;
    if (!touched(path)) {
      ignored.push(path);
      return;
    }
    if (Array.isArray(value))
      value.forEach((item: unknown, index) => within(item, join(path, [index]), new Set()));
    else if (isObject(value)) {
      for (const [member, inner] of Object.entries(value)) {
        if (!skipped.has(member)) within(inner, join(path, [member]), new Set());
      }
    }
  };
  for (const [member, value] of Object.entries(eido)) {
    if (member === CONCORD_EXTENSION || PROLOGUE.has(member)) continue;
    const isComponents = Object.hasOwn(EIDO_COMPONENT_MEMBERS, member);
    if (isComponents && Array.isArray(value)) {
      value.forEach((item: unknown, index) => within(item, join(member, [index]), PROLOGUE));
    } else within(value, member, isComponents ? PROLOGUE : new Set());
  }
  return ignored;
}

/**
 * The parts of a Concord referral in an EIDO (NENA-STA-021.1, JSON, version 1.0), with the
 * members read and those left unread. A document that breaks the standard is a 400 listing every
 * problem; a valid one that lacks what a referral needs is a 422 saying what is missing.
 * `mappingOf` gives the agency's category and urgency for an incident type, if it has mapped it.
 */
export function referralDraftOf(
  document: unknown,
  mappingOf: (code: string) => IncidentTypeMapping | undefined,
): EidoReferralDraft {
  const problems = eidoProblemsOf(document);
  if (problems.length > 0 || !isObject(document)) {
    throw new EidoRejection(400, 'EIDO_INVALID', problems);
  }
  const reading = new Reading(document);
  // The version decides how everything else is read.
  reading.used.add('eidoVersion');
  const incident = incidentOf(document);
  const { category, urgency } = incidentTypeOf(reading, incident, mappingOf);
  const incidentReference = incidentReferenceOf(reading, incident);
  const call = reading.components.ofKind('call')[0];
  const personFound = personFoundOf(reading, incident, call);
  const person = personOf(reading, personFound, call);
  const location = locationOf(reading, incident, personFound, call);
  const narrative = narrativeOf(reading, incident);
  const order = documentOrder(document);
  const position = (path: string): number => order.get(path) ?? Number.MAX_SAFE_INTEGER;
  return {
    incidentReference,
    category,
    urgency,
    location,
    person,
    narrative,
    used: [...reading.used].sort((a, b) => position(a) - position(b)),
    ignored: ignoredOf(document, reading.used),
  };
}
