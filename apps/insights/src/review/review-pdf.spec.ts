import { assemblePartnershipReview } from './partnership-review';
import { partnershipReviewPdf } from './review-pdf';
import { reviewInputs } from './review-fixtures';

describe('the partnership review as a PDF', () => {
  it('is a PDF document with a page or more', async () => {
    const pdf = await partnershipReviewPdf(assemblePartnershipReview(reviewInputs()));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pdf.toString('latin1')).toMatch(/\/Type \/Page\b/);
  });
});
