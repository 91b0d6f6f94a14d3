import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HandOffSystem } from '../support/hand-off-system';
import { eventually } from '../support/infrastructure';
import { ROOT } from '../support/service-process';

type Json = Record<string, unknown>;

const DOCUMENT = 'docs/interop.md';

/** The examples docs/interop.md promises, each run against the real services below. */
const EXAMPLE_NAMES = [
  'incident-types',
  'eido-crisis',
  'eido-answer',
  'hsds-import',
  'hsds-service',
] as const;
type ExampleName = (typeof EXAMPLE_NAMES)[number];

/** In the doc's answer, what differs on every call: ids and times of the new referral. */
const VARYING_REFERRAL_FIELDS = ['id', 'agencyId', 'submittedAt', 'updatedAt'];

const MARKER = /^<!-- interop-example: (\S+) -->$/gm;
const JSON_BLOCK = /^\s*```json\n([\s\S]*?)\n```/;

interface Example {
  name: string;
  text: string;
}

/** Every `<!-- interop-example: NAME -->` of the doc with the JSON block that follows it. */
function examplesOf(markdown: string): Example[] {
  return [...markdown.matchAll(MARKER)].map((marker) => {
    const after = markdown.slice((marker.index ?? 0) + marker[0].length);
    const block = JSON_BLOCK.exec(after);
    if (!block) {
      throw new Error(`${DOCUMENT}: interop-example ${marker[1]} is not followed by a json block`);
    }
    return { name: marker[1], text: block[1] };
  });
}

function parsedExamples(): Map<string, unknown> {
  const examples = examplesOf(readFileSync(resolve(ROOT, DOCUMENT), 'utf8'));
  return new Map(
    examples.map(({ name, text }) => {
      try {
        return [name, JSON.parse(text) as unknown];
      } catch (error) {
        throw new Error(
          `${DOCUMENT}: interop-example ${name} is not valid JSON: ${(error as Error).message}`,
          { cause: error },
        );
      }
    }),
  );
}

function example<T = Json>(name: ExampleName): T {
  const value = parsedExamples().get(name);
  if (value === undefined) throw new Error(`${DOCUMENT} has no interop-example ${name}`);
  return value as T;
}

interface EidoAnswer {
  referral: Json;
  eido: { used: string[]; ignored: string[] };
}

interface ImportJob {
  id: string;
  status: string;
  rejected: unknown[];
}

/**
 * The JSON examples of docs/interop.md, posted to the agreements and referrals services over the
 * real broker and database: what the doc shows a CAD integrator and a 211 operator is what they get.
 */
describe('the examples of docs/interop.md', () => {
  let system: HandOffSystem;

  beforeAll(async () => {
    system = await HandOffSystem.start();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('docs/interop.md holds every example the test runs, once each, as valid JSON', () => {
    const names = examplesOf(readFileSync(resolve(ROOT, DOCUMENT), 'utf8')).map(({ name }) => name);
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    expect(names).toEqual(expect.arrayContaining([...EXAMPLE_NAMES]));
    const examples = parsedExamples();
    for (const name of EXAMPLE_NAMES) expect(typeof examples.get(name)).toBe('object');
  });

  it('the EIDO example of docs/interop.md, typed by the incident types the doc maps, becomes the referral the doc shows', async () => {
    const agencyId = await system.agency();
    const mapped = await system.call(
      system.agreements,
      'PUT',
      `/organizations/${agencyId}/incident-types`,
      { role: 'admin' },
      example('incident-types'),
    );
    expect(mapped.status).toBe(200);
    expect(mapped.body.revision).toBe(1);
    await eventually('intake to have the mapping of docs/interop.md', async () => {
      const { body } = await system.call(
        system.referrals,
        'GET',
        `/routing/incident-types/${agencyId}`,
        { role: 'admin' },
      );
      return body.revision === 1;
    });

    const answer = await system.call<EidoAnswer>(
      system.referrals,
      'POST',
      '/referrals/eido',
      { role: 'dispatcher', org: agencyId },
      example('eido-crisis'),
    );

    expect(answer.status).toBe(201);
    const expected = example<EidoAnswer>('eido-answer');
    const shown = Object.fromEntries(
      Object.entries(expected.referral).filter(
        ([field]) => !VARYING_REFERRAL_FIELDS.includes(field),
      ),
    );
    expect(shown).toMatchObject({
      category: expect.any(String),
      urgency: expect.any(String),
      incidentReference: expect.any(String),
    });
    expect(answer.body.referral).toMatchObject({ ...shown, agencyId });
    expect(expected.eido.used.length).toBeGreaterThan(0);
    expect(answer.body.eido.used).toEqual(expect.arrayContaining(expected.eido.used));
    expect(answer.body.eido.ignored).toEqual(expect.arrayContaining(expected.eido.ignored));
  });

  it('the HSDS import example of docs/interop.md is taken whole and exports as the service the doc shows', async () => {
    const dataset = example<{ organizations: { services: { id: string }[] }[] }>('hsds-import');
    const service = example('hsds-service');
    expect(service.id).toBe(dataset.organizations[0].services[0].id);

    const started = await system.call<ImportJob>(
      system.agreements,
      'POST',
      '/hsds/import',
      { role: 'admin' },
      dataset,
    );
    expect(started.status).toBe(202);
    let job = started.body;
    await eventually(`import job ${job.id} to finish`, async () => {
      job = (
        await system.call<ImportJob>(
          system.agreements,
          'GET',
          `/hsds/import-jobs/${started.body.id}`,
          { role: 'admin' },
        )
      ).body;
      return job.status !== 'running';
    });
    expect(job).toMatchObject({ status: 'succeeded', rejected: [] });

    const exported = await system.call(
      system.agreements,
      'GET',
      `/hsds/services/${service.id as string}`,
      { role: 'admin' },
    );
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual(service);
  });
});
