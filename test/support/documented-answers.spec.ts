import { DocumentedAnswers } from './documented-answers';

/** A document of one operation, as docs/openapi/<service>.json has them. */
const referee = () =>
  new DocumentedAnswers({
    notes: {
      paths: {
        '/notes/{id}': {
          get: {
            responses: {
              '200': {
                description: 'The note',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/Note' } } },
              },
              '404': {
                description: 'No such note',
                content: {
                  'application/json': { schema: { $ref: '#/components/schemas/Missing' } },
                },
              },
            },
          },
        },
        '/notes/count': {
          get: {
            responses: {
              '200': {
                description: 'How many',
                content: { 'application/json': { schema: { type: 'integer' } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          Note: {
            type: 'object',
            required: ['id', 'text'],
            additionalProperties: false,
            properties: { id: { type: 'string', format: 'uuid' }, text: { type: 'string' } },
          },
          Missing: { type: 'object', required: ['code'], properties: { code: { type: 'string' } } },
        },
      },
    },
  });

const json = (status: number, body: unknown) => ({
  status,
  contentType: 'application/json; charset=utf-8',
  text: JSON.stringify(body),
});
const ID = '0b6f3f54-46a5-4a83-a2a5-2d8e6f2f8a4c';

describe('the referee of answers against the OpenAPI documents', () => {
  it('accepts an answer that is what the document says, and counts it', () => {
    const documents = referee();
    documents.check('notes', 'GET', `/notes/${ID}?full=true`, json(200, { id: ID, text: 'hi' }));
    expect(documents.problems).toEqual([]);
    expect([...documents.checked]).toEqual(['notes GET /notes/{id} 200']);
  });

  it('matches a fixed path before a template that would also match it', () => {
    const documents = referee();
    documents.check('notes', 'GET', '/notes/count', json(200, 3));
    expect([...documents.checked]).toEqual(['notes GET /notes/count 200']);
  });

  it('reports a body that breaks the schema: a missing field, an extra one, a wrong format', () => {
    const documents = referee();
    documents.check('notes', 'GET', `/notes/${ID}`, json(200, { id: ID }));
    documents.check('notes', 'GET', `/notes/${ID}`, json(200, { id: ID, text: 'x', extra: 1 }));
    documents.check('notes', 'GET', `/notes/${ID}`, json(200, { id: 'seven', text: 'x' }));
    expect(documents.problems).toEqual([
      expect.stringContaining("must have required property 'text'"),
      expect.stringContaining('must NOT have additional properties'),
      expect.stringContaining('must match format "uuid"'),
    ]);
    expect(documents.checked.size).toBe(0);
  });

  it('reports a status the document does not list, and a content type it does not name', () => {
    const documents = referee();
    documents.check('notes', 'GET', `/notes/${ID}`, json(409, { code: 'NOPE' }));
    documents.check('notes', 'GET', `/notes/${ID}`, {
      status: 200,
      contentType: 'text/html',
      text: '<html></html>',
    });
    expect(documents.problems).toEqual([
      expect.stringContaining('the document lists 200, 404 only'),
      expect.stringContaining('content-type text/html, the document says application/json'),
    ]);
  });

  it('reports a call to a path no operation has', () => {
    const documents = referee();
    documents.check('notes', 'POST', '/notes', json(201, {}));
    expect(documents.problems).toEqual([expect.stringContaining('no operation of the document')]);
  });
});
