import { EidoRejection } from './eido-problem';

/**
 * The top-level members of an EIDO (NENA-STA-021.1, version 1.0) that carry data components, and
 * the kind of component each carries. All are arrays but `incidentComponent`, which is one object.
 */
export const EIDO_COMPONENT_MEMBERS = {
  mergeComponent: 'merge',
  linkComponent: 'link',
  incidentComponent: 'incident',
  callComponent: 'call',
  callbackComponent: 'callback',
  dispatchComponent: 'dispatch',
  notesComponent: 'notes',
  emergencyResourceComponent: 'emergencyResource',
  alarmsSensorsComponent: 'alarmsSensors',
  agencyComponent: 'agency',
  agentComponent: 'agent',
  additionalDataComponent: 'additionalData',
  locationComponent: 'location',
  personComponent: 'person',
  vehicleComponent: 'vehicle',
  cautionComponent: 'caution',
  mediaComponent: 'media',
  sharedCommunicationResourceComponent: 'sharedCommunicationResource',
  externalInformationSourceComponent: 'externalInformationSource',
} as const;

export type EidoComponentMember = keyof typeof EIDO_COMPONENT_MEMBERS;

/** `document` is the EIDO itself: its prologue gives it an `$id` like any component. */
export type EidoComponentKind = (typeof EIDO_COMPONENT_MEMBERS)[EidoComponentMember] | 'document';

/** A component and where it sits: `personComponent.1`, or `` for the EIDO itself. */
export interface EidoComponent {
  component: Record<string, unknown>;
  path: string;
  kind: EidoComponentKind;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isComponentMember = (member: string): member is EidoComponentMember =>
  Object.hasOwn(EIDO_COMPONENT_MEMBERS, member);

const described = (kind: EidoComponentKind): string =>
  kind === 'document' ? 'the EIDO itself' : `a ${kind}Component`;

/**
 * The components of an EIDO by `$id`, for following its references. A reference is an object
 * whose `$ref` is the bare `$id` of another component of the same document, not a JSON Pointer
 * or URL: a generic JSON-ref library would read `$id`/`$ref` as its own keywords and go wrong,
 * so references are resolved here and nowhere else.
 */
export class EidoComponents {
  private readonly components: EidoComponent[] = [];
  private readonly byId = new Map<string, EidoComponent>();

  /** Tolerates any input, so that the validator can use it to find repeated `$id`s. */
  constructor(document: unknown) {
    if (!isObject(document)) return;
    this.add(document, '', 'document');
    for (const [member, value] of Object.entries(document)) {
      if (!isComponentMember(member)) continue;
      const kind = EIDO_COMPONENT_MEMBERS[member];
      if (isObject(value)) this.add(value, member, kind);
      else if (Array.isArray(value)) {
        value.forEach((item: unknown, index) => {
          if (isObject(item)) this.add(item, `${member}.${index}`, kind);
        });
      }
    }
  }

  /** Every component in document order, the EIDO itself first; repeated `$id`s included. */
  all(): readonly EidoComponent[] {
    return this.components;
  }

  ofKind(kind: EidoComponentKind): EidoComponent[] {
    return this.components.filter((component) => component.kind === kind);
  }

  /**
   * The component that `reference` (found at `path`) refers to, which must be of `expectedKind`;
   * otherwise a 400 at `<path>.$ref`, since a dangling or mistyped reference breaks the standard.
   */
  resolve(
    reference: unknown,
    path: string,
    expectedKind: EidoComponentKind,
  ): { component: Record<string, unknown>; path: string } {
    const id = isObject(reference) ? reference.$ref : undefined;
    if (typeof id !== 'string' || id === '') {
      throw this.rejection(
        `${path}.$ref`,
        `${path} must be a reference: an object whose $ref is the $id of ${described(expectedKind)}`,
      );
    }
    const found = this.byId.get(id);
    if (!found) {
      throw this.rejection(`${path}.$ref`, `${path}.$ref: no component has $id "${id}"`);
    }
    if (found.kind !== expectedKind) {
      throw this.rejection(
        `${path}.$ref`,
        `${path}.$ref: "${id}" is ${described(found.kind)}, not ${described(expectedKind)}`,
      );
    }
    return { component: found.component, path: found.path };
  }

  private add(component: Record<string, unknown>, path: string, kind: EidoComponentKind): void {
    const entry = { component, path, kind };
    this.components.push(entry);
    const id = component.$id;
    // The first of two components with one $id wins; the validator reports the second.
    if (typeof id === 'string' && id !== '' && !this.byId.has(id)) this.byId.set(id, entry);
  }

  private rejection(path: string, message: string): EidoRejection {
    return new EidoRejection(400, 'EIDO_INVALID', [{ path, message }]);
  }
}
