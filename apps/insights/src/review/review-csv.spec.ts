import { parseCsv } from '../../../../libs/testing/src/csv-reader';
import { assemblePartnershipReview } from './partnership-review';
import { partnershipReviewCsv } from './review-csv';
import { AGREEMENT, PARTNER, reviewInputs } from './review-fixtures';

describe('the partnership review as CSV', () => {
  const review = assemblePartnershipReview(reviewInputs());
  const [header, ...rows] = parseCsv(partnershipReviewCsv(review));
  const column = (name: string) => header.indexOf(name);
  const rowOf = (scope: string, measure: string) =>
    rows.find((row) => row[column('scope')] === scope && row[column('measure')] === measure);

  it('has one row per measure of the initiative and one per agreement × measure', () => {
    expect(rows).toHaveLength(
      review.initiative.measures.length + review.agreements[0].measures.length,
    );
    expect(rows.every((row) => row.length === header.length)).toBe(true);
  });

  it('each row carries the figure, its trend and its target as the JSON has them', () => {
    const row = rowOf('agreement', 'acceptance-rate');
    expect(row).toBeDefined();
    const cell = (name: string) => row?.[column(name)];
    expect([cell('partner_id'), cell('agreement_ids'), cell('partner_name')]).toEqual([
      PARTNER,
      AGREEMENT,
      'Harbor House',
    ]);
    expect([cell('value'), cell('previous'), cell('direction')]).toEqual([
      String(8 / 12),
      '0.5',
      'better',
    ]);
    expect([cell('target_kind'), cell('target'), cell('target_met')]).toEqual([
      'acceptance-rate',
      '0.75',
      'false',
    ]);
  });

  it('a null is an empty cell', () => {
    const row = rowOf('agreement', 'budget-utilisation');
    expect(row?.[column('previous')]).toBe('');
    expect(row?.[column('target')]).toBe('');
  });

  it('a name a spreadsheet would run as a formula is written as text', () => {
    const hostile = assemblePartnershipReview(
      reviewInputs({
        agreements: [
          {
            partnerId: PARTNER,
            partnerName: '=HYPERLINK("x")',
            agreementIds: [AGREEMENT],
            status: null,
          },
        ],
      }),
    );
    const [head, first] = parseCsv(partnershipReviewCsv(hostile)).filter(
      (row, index) => index === 0 || row[3] === 'agreement',
    );
    expect(first[head.indexOf('partner_name')]).toBe(`'=HYPERLINK("x")`);
  });
});
