import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { stringify } from 'yaml';
import { CONCORD_EVENTS } from '../catalogue';
import { buildAsyncApi } from './build-asyncapi';

const ROOT = resolve(__dirname, '../../../..');
const { version } = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

describe('the AsyncAPI document', () => {
  it('generated from the contracts is a valid AsyncAPI 3 document with every event type', async () => {
    const { document, diagnostics } = await new Parser().parse(stringify(buildAsyncApi(version)));
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 0);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    const names = document
      ?.allMessages()
      .all()
      .map((message) => message.name());
    expect(new Set(names)).toEqual(new Set(CONCORD_EVENTS.map((definition) => definition.type)));
  });

  it('in docs/ is the one the contracts generate today (npm run asyncapi)', () => {
    const committed = readFileSync(resolve(ROOT, 'docs/asyncapi.yaml'), 'utf8');
    expect(committed).toContain(stringify(buildAsyncApi(version)));
  });
});
