import { EidoRejection } from './eido-problem';
import { EidoComponents } from './eido-references';
import { aCallTransfer, aCrisisIncident } from './eido-test-documents';

const rejectionOf = (act: () => unknown): EidoRejection => {
  try {
    act();
  } catch (error) {
    if (error instanceof EidoRejection) return error;
    throw error;
  }
  throw new Error('expected an EidoRejection');
};

describe('the components of an EIDO', () => {
  it('are indexed with their path and kind, the EIDO itself and the incident included', () => {
    const components = new EidoComponents(aCallTransfer());
    expect(components.all().map(({ path, kind }) => [path, kind])).toEqual([
      ['', 'document'],
      ['callComponent.0', 'call'],
      ['callbackComponent.0', 'callback'],
      ['incidentComponent', 'incident'],
      ['agencyComponent.0', 'agency'],
      ['agencyComponent.1', 'agency'],
      ['agentComponent.0', 'agent'],
      ['additionalDataComponent.0', 'additionalData'],
      ['locationComponent.0', 'location'],
      ['personComponent.0', 'person'],
      ['notesComponent.0', 'notes'],
      ['notesComponent.1', 'notes'],
    ]);
  });

  it('a reference resolves to the component whose $id it names', () => {
    const document = aCrisisIncident();
    const resolved = new EidoComponents(document).resolve(
      { $ref: '5e0c7d21-8b4a-4f3e-a2d9-61c0b7e4f812' },
      'incidentComponent.personReference.0',
      'person',
    );
    expect(resolved.path).toBe('personComponent.0');
    expect(resolved.component).toBe((document.personComponent as unknown[])[0]);
  });

  it('a reference to a missing $id is a 400 naming the reference', () => {
    const rejection = rejectionOf(() =>
      new EidoComponents(aCrisisIncident()).resolve(
        { $ref: 'no-such-person' },
        'incidentComponent.personReference.0',
        'person',
      ),
    );
    expect(rejection).toMatchObject({ status: 400, code: 'EIDO_INVALID' });
    expect(rejection.problems).toEqual([
      {
        path: 'incidentComponent.personReference.0.$ref',
        message: 'incidentComponent.personReference.0.$ref: no component has $id "no-such-person"',
      },
    ]);
  });

  it('a reference to the wrong kind of component is a 400 naming both kinds', () => {
    const callId = 'urn:emergency:uid:callid:4f2a91c07e:psap.springfield.example';
    const rejection = rejectionOf(() =>
      new EidoComponents(aCrisisIncident()).resolve(
        { $ref: callId },
        'incidentComponent.personReference.0',
        'person',
      ),
    );
    expect(rejection.problems).toEqual([
      {
        path: 'incidentComponent.personReference.0.$ref',
        message: `incidentComponent.personReference.0.$ref: "${callId}" is a callComponent, not a personComponent`,
      },
    ]);
  });

  it('a reference is a bare $id, never a JSON Pointer', () => {
    const components = new EidoComponents(aCrisisIncident());
    for (const pointer of [
      '#/personComponent/0',
      '/personComponent/0',
      '#5e0c7d21-8b4a-4f3e-a2d9-61c0b7e4f812',
    ]) {
      const rejection = rejectionOf(() => components.resolve({ $ref: pointer }, 'p', 'person'));
      expect(rejection.problems[0].message).toBe(`p.$ref: no component has $id "${pointer}"`);
    }
  });

  it('something that is not a reference is a 400 at its $ref', () => {
    const rejection = rejectionOf(() =>
      new EidoComponents(aCrisisIncident()).resolve(
        '5e0c7d21',
        'personComponent.0.callBackReference',
        'callback',
      ),
    );
    expect(rejection.problems).toEqual([
      {
        path: 'personComponent.0.callBackReference.$ref',
        message:
          'personComponent.0.callBackReference must be a reference: an object whose $ref is the $id of a callbackComponent',
      },
    ]);
  });
});
