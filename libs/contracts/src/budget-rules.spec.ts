import { budgetThatPays, coversACase } from './budget-rules';

describe('the budget that pays for a case', () => {
  const general = { id: 'general', category: null };
  const crisis = { id: 'crisis', category: 'mental-health-crisis' };

  it("is the partner's budget for the case's category when it has one", () => {
    expect(budgetThatPays([general, crisis], 'mental-health-crisis')).toBe(crisis);
  });

  it('is its general budget for a category without a budget of its own', () => {
    expect(budgetThatPays([crisis, general], 'homelessness')).toBe(general);
  });

  it('is none when the partner has neither', () => {
    expect(budgetThatPays([crisis], 'homelessness')).toBeUndefined();
  });
});

describe('a budget covering a case', () => {
  it('covers one while what is available is at least the cost of a case', () => {
    expect(coversACase(25_000, 25_000)).toBe(true);
    expect(coversACase(24_999, 25_000)).toBe(false);
    expect(coversACase(0, 1)).toBe(false);
  });
});
