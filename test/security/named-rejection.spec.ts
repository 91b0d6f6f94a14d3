import { unnamedRejection } from './named-rejection';

const context = { names: ['category', 'location', 'lat', 'limit', 'id', 'Idempotency-Key'] };

describe('unnamedRejection', () => {
  it('accepts a validation answer that names each field and its rule', () => {
    const body = { message: ['category must be one of: youth', 'location.lat must be a number'] };
    expect(unnamedRejection(body, context)).toBeUndefined();
  });

  it('accepts a domain error that names the path parameter value, with its code as the rule', () => {
    const body = { code: 'REFERRAL_NOT_FOUND', message: 'referral 6f1c0f9e-0d0c was not seen' };
    expect(unnamedRejection(body, { names: ['id'], values: ['6f1c0f9e-0d0c'] })).toBeUndefined();
  });

  it('accepts a message about a part of the request such as the body', () => {
    expect(unnamedRejection({ message: ['body must be valid JSON'] }, context)).toBeUndefined();
  });

  it('refuses an answer that is not a JSON object', () => {
    expect(unnamedRejection('Bad Request', context)).toBe('the answer is not a JSON object');
  });

  it('refuses an answer without a message', () => {
    expect(unnamedRejection({ statusCode: 400, error: 'Bad Request' }, context)).toBe(
      'the answer has no message',
    );
  });

  it('refuses an empty list of messages', () => {
    expect(unnamedRejection({ message: [] }, context)).toBe('the answer has no message');
  });

  it('refuses a message that names no field', () => {
    expect(unnamedRejection({ message: 'Internal validation failed' }, context)).toMatch(
      /names no field/,
    );
  });

  it('refuses a message that names a field but no rule', () => {
    expect(unnamedRejection({ message: ['category broken'] }, context)).toMatch(/states no rule/);
  });

  it('does not take a field name inside another word as naming it', () => {
    expect(unnamedRejection({ message: ['relational error must be fixed'] }, context)).toMatch(
      /names no field/,
    );
  });

  it('refuses a domain code that is not UPPER_SNAKE_CASE as a rule', () => {
    expect(unnamedRejection({ code: 'oops', message: 'category broken' }, context)).toMatch(
      /states no rule/,
    );
  });
});
