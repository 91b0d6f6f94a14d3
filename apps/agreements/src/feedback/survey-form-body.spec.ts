import { answerFromForm, UnsafeFormField } from './survey-form-body';

describe("the public page's form fields as an answer", () => {
  it('puts the questions into scores as numbers and leaves out the fields left empty', () => {
    expect(
      answerFromForm({
        token: 't',
        areaCode: '',
        helped: '4',
        respected: '',
        timely: '2',
        comment: '',
      }),
    ).toEqual({ token: 't', scores: { helped: 4, timely: 2 } });
  });

  it('passes a score that is not a whole number on as sent, for the rules to refuse by name', () => {
    expect(answerFromForm({ token: 't', helped: 'four', timely: ['1', '2'] })).toEqual({
      token: 't',
      scores: { helped: 'four', timely: ['1', '2'] },
    });
  });

  it('passes unknown fields on, for the rules to refuse by name', () => {
    expect(answerFromForm({ token: 't', helped: '3', name: 'Jane' })).toEqual({
      token: 't',
      name: 'Jane',
      scores: { helped: 3 },
    });
  });

  it('refuses a field named after a prototype key', () => {
    const fields = JSON.parse('{"__proto__": "x", "helped": "3"}') as Record<string, unknown>;
    expect(() => answerFromForm(fields)).toThrow(UnsafeFormField);
  });
});
