import { balanceOf, casesCovered, NO_ENTRIES, usedCents } from './balance';

describe('the balance derived from the ledger', () => {
  it('an empty ledger has nothing', () => {
    expect(balanceOf(NO_ENTRIES)).toEqual({
      awardedCents: 0,
      reservedCents: 0,
      chargedCents: 0,
      availableCents: 0,
    });
  });

  it('a reservation holds money that is no longer available', () => {
    const balance = balanceOf({ ...NO_ENTRIES, allocateCents: 100_000, reserveCents: 25_000 });
    expect(balance).toEqual({
      awardedCents: 100_000,
      reservedCents: 25_000,
      chargedCents: 0,
      availableCents: 75_000,
    });
  });

  it('a charge converts its reservation: reserved goes down, charged up, available stays', () => {
    const balance = balanceOf({
      allocateCents: 100_000,
      reserveCents: 25_000,
      releaseCents: 0,
      chargeCents: 25_000,
    });
    expect(balance).toEqual({
      awardedCents: 100_000,
      reservedCents: 0,
      chargedCents: 25_000,
      availableCents: 75_000,
    });
  });

  it('a release gives the reservation back', () => {
    const balance = balanceOf({
      allocateCents: 100_000,
      reserveCents: 50_000,
      releaseCents: 25_000,
      chargeCents: 0,
    });
    expect(balance.reservedCents).toBe(25_000);
    expect(balance.availableCents).toBe(75_000);
  });

  it('available = awarded − reserved − charged over a mixed history', () => {
    const balance = balanceOf({
      allocateCents: 1_000_000,
      reserveCents: 7 * 12_345,
      releaseCents: 2 * 12_345,
      chargeCents: 3 * 12_345,
    });
    expect(balance.reservedCents).toBe(2 * 12_345);
    expect(balance.chargedCents).toBe(3 * 12_345);
    expect(balance.availableCents).toBe(1_000_000 - 5 * 12_345);
    expect(usedCents(balance)).toBe(5 * 12_345);
  });

  it('a ledger that settles more than it reserved is refused as out of balance', () => {
    expect(() =>
      balanceOf({ allocateCents: 10, reserveCents: 5, releaseCents: 5, chargeCents: 5 }),
    ).toThrow(/out of balance/);
  });

  it('cases covered are whole cases of the available money', () => {
    const balance = balanceOf({ ...NO_ENTRIES, allocateCents: 25_000 });
    expect(casesCovered(balance, 10_000)).toBe(2);
    expect(casesCovered(balanceOf(NO_ENTRIES), 10_000)).toBe(0);
  });
});
