import {
  actionOfRoute,
  idsInAnswer,
  outcomeOfStatus,
  singular,
  subjectRefOf,
} from './http-audit.util';

describe('what an HTTP request is recorded as', () => {
  it('names a step on an object after the route segment that follows its id', () => {
    expect(actionOfRoute('POST', '/referrals/:id/accept')).toEqual({
      action: 'referral.accept',
      objectType: 'referral',
    });
  });

  it('names a change of a collection or an object after its HTTP method', () => {
    expect(actionOfRoute('POST', '/referrals').action).toBe('referral.create');
    expect(actionOfRoute('PATCH', '/organizations/:id').action).toBe('organization.update');
    expect(actionOfRoute('DELETE', '/subscriptions/:id').action).toBe('subscription.delete');
  });

  it('names object types in the singular, leaving words that are not plurals', () => {
    expect(singular('referrals')).toBe('referral');
    expect(singular('inbox')).toBe('inbox');
    expect(singular('access')).toBe('access');
  });

  it('counts 401 and 403 as denied, other errors as failed and the rest as allowed', () => {
    expect([401, 403, 400, 404, 500, 200, 201].map(outcomeOfStatus)).toEqual([
      'denied',
      'denied',
      'failed',
      'failed',
      'failed',
      'allowed',
      'allowed',
    ]);
  });

  it('finds the ids of an object, of a page of them and of a list', () => {
    expect(idsInAnswer({ id: 'a', person: {} })).toEqual(['a']);
    expect(idsInAnswer({ items: [{ id: 'a' }, { id: 'b' }], nextCursor: null })).toEqual([
      'a',
      'b',
    ]);
    expect(idsInAnswer([{ id: 'a' }, { other: 1 }])).toEqual(['a']);
    expect(idsInAnswer(undefined)).toEqual([]);
  });

  it('refers to the person by the referral the request concerns', () => {
    const request = { method: 'GET', url: '/x' };
    expect(subjectRefOf(request, 'referral', 'r-1')).toBe('r-1');
    expect(subjectRefOf({ ...request, params: { referralId: 'r-2' } }, 'timeline', null)).toBe(
      'r-2',
    );
    expect(subjectRefOf(request, 'agreement', 'a-1')).toBeNull();
  });
});
