import { assemblePartnershipReview } from './partnership-review';
import { createHash } from 'node:crypto';
import { partnershipReviewHtml, REVIEW_PAGE_POLICY } from './review-html';
import { PARTNER, reviewInputs } from './review-fixtures';

describe('the partnership review as a printable page', () => {
  const html = partnershipReviewHtml(assemblePartnershipReview(reviewInputs()));

  it('shows each figure as a reader expects it, with its previous value, trend and target', () => {
    expect(html).toMatch(
      /Acceptance rate<\/th>\s*<td>66\.7 %<\/td><td>50\.0 %<\/td><td>\+16\.7 pts<\/td>\s*<td class="better">▲ better<\/td>\s*<td>75\.0 %<\/td>\s*<td class="not-met">not met<\/td>/,
    );
    expect(html).toContain('Cost per completed case');
    expect(html).toContain('$500.00');
  });

  it('has print CSS and no script', () => {
    expect(html).toContain('@media print');
    expect(html).not.toMatch(/<script/i);
  });

  it('is allowed its own inline style, and nothing else, by its security policy', () => {
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map(([, style]) => style);
    expect(styles).toHaveLength(1);
    const hash = createHash('sha256').update(styles[0]).digest('base64');
    expect(REVIEW_PAGE_POLICY).toContain(`style-src 'sha256-${hash}'`);
    expect(REVIEW_PAGE_POLICY).toContain("default-src 'none'");
  });

  it("says why feedback is the initiative's and not any agreement's", () => {
    expect(html).toContain('an answer carries no link to a referral, a partner or a person');
  });

  it('escapes the names administrators typed', () => {
    const page = partnershipReviewHtml(
      assemblePartnershipReview(
        reviewInputs({
          initiativeName: '<img src=x onerror=alert(1)>',
          agreements: [
            {
              partnerId: PARTNER,
              partnerName: '"><script>x</script>',
              agreementIds: [],
              status: null,
            },
          ],
        }),
      ),
    );
    expect(page).not.toContain('<img src=x');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
