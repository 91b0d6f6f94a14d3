import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AsyncAPIDocumentInterface, Parser } from '@asyncapi/parser';
import { stringify } from 'yaml';
import {
  AgreementEvents,
  buildAsyncApi,
  CONCORD_EVENTS,
  TOPIC_OWNERS,
  Topic,
} from '@concord/contracts';
import { eventDocuments, SERVICE_EVENT_MAPS } from '../../scripts/concord-events';

const ROOT = resolve(__dirname, '../..');
const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

let parsed: Promise<AsyncAPIDocumentInterface> | undefined;
const parse = () => (parsed ??= parseDocument());

const parseDocument = async (): Promise<AsyncAPIDocumentInterface> => {
  const { document, diagnostics } = await new Parser().parse(
    stringify(buildAsyncApi(version, SERVICE_EVENT_MAPS)),
  );
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
  expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
  if (!document) throw new Error('the AsyncAPI document did not parse');
  return document;
};

/** The services whose operations of `action` carry the event type, from the parsed document. */
const servicesThat = async (action: 'send' | 'receive', type: string): Promise<string[]> =>
  (await parse())
    .operations()
    .all()
    .filter((operation) => operation.action() === action)
    .filter((operation) =>
      operation
        .messages()
        .all()
        .some((message) => message.name() === type),
    )
    .map((operation) => operation.tags().all()[0].name())
    .sort();

describe('the event documents', () => {
  it('make a valid AsyncAPI 3 document with every event type', async () => {
    const names = (await parse())
      .allMessages()
      .all()
      .map((message) => message.name());
    expect(new Set(names)).toEqual(new Set(CONCORD_EVENTS.map((definition) => definition.type)));
  });

  it('name one producer for every event type, the owner of its topic', async () => {
    for (const definition of CONCORD_EVENTS) {
      expect(await servicesThat('send', definition.type)).toEqual([
        TOPIC_OWNERS[definition.topic as Topic],
      ]);
    }
  });

  it('name every consumer of an event type, insights included', async () => {
    expect(await servicesThat('receive', AgreementEvents.suspended.type)).toEqual([
      'insights',
      'referrals',
    ]);
  });

  it('in docs/ are the ones the manifests generate today (npm run asyncapi)', () => {
    for (const [path, text] of Object.entries(eventDocuments(ROOT))) {
      expect({ path, text: readFileSync(resolve(ROOT, path), 'utf8') }).toEqual({ path, text });
    }
  });
});
