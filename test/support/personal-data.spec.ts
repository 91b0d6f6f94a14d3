import { findPersonalData } from './personal-data';

describe('findPersonalData', () => {
  it('finds a field that holds a person, at any depth', () => {
    expect(findPersonalData('{"referral":{"person":{"age":3}}}')).toEqual([
      'a field named "person"',
    ]);
  });

  it('finds a narrative field whatever its case', () => {
    expect(findPersonalData('{"Narrative":"x"}')).toEqual(['a field named "Narrative"']);
  });

  it.each(['+1 312 555 0199', '(312) 555-0199', '312-555-0199', '312.555.0199'])(
    'finds the phone number %s in free text',
    (phone) => {
      expect(findPersonalData(`call back on ${phone} tonight`)).toEqual([
        `a phone number "${phone}"`,
      ]);
    },
  );

  it('finds a street address', () => {
    expect(findPersonalData('"seen at 233 S Wacker Dr, Chicago"')).toEqual([
      'a street address "233 S Wacker Dr"',
    ]);
  });

  it('finds a value a test submitted, whatever its case', () => {
    expect(findPersonalData('{"note":"JORDAN REYES"}', ['Jordan Reyes'])).toEqual([
      'the test value "Jordan Reyes"',
    ]);
  });

  it('leaves ids, timestamps, categories, counts and coarse areas alone', () => {
    const event = {
      referralId: '4a8a05e1-3b6e-4f8e-9d55-120033334444',
      submittedAt: '2026-12-01T10:00:00.000Z',
      category: 'mental-health-crisis',
      urgency: 'same-day',
      areaCode: 'dp3wj',
      amountCents: 312555,
      name: 'Northside Crisis Response',
    };
    expect(findPersonalData(JSON.stringify(event))).toEqual([]);
  });
});
