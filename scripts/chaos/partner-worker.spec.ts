import { randomUUID } from 'node:crypto';
import { decide } from './partner-worker';

describe('what the chaos partners do with an offer', () => {
  const ids = Array.from({ length: 2000 }, () => randomUUID());

  it('decides the same for the same referral every time', () => {
    expect(ids.map((id) => decide(id, 'alpha'))).toEqual(ids.map((id) => decide(id, 'alpha')));
  });

  it('has Alpha decline some, leave some offered and accept the rest, so that funding reserves, releases and charges', () => {
    const decisions = new Set(ids.map((id) => decide(id, 'alpha')));
    expect([...decisions].sort()).toEqual([
      'accept',
      'accept-and-complete',
      'decline',
      'leave-offered',
    ]);
  });

  it('has Bravo decline some (they become unassignable) and complete the rest', () => {
    expect([...new Set(ids.map((id) => decide(id, 'bravo')))].sort()).toEqual([
      'accept-and-complete',
      'decline',
    ]);
  });
});
