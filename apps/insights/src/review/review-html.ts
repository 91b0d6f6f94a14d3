import { createHash } from 'node:crypto';
import { ReviewMeasure } from './review-measure';
import { formatChange, formatTarget, formatValue, labelOf } from './review-labels';
import { PartnershipReview } from './partnership-review';
import { ReviewPeriod } from './review-period';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
/** Text as HTML: the initiative's and partners' names are what their administrators typed. */
const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const TREND_WORDS = { better: '▲ better', worse: '▼ worse', same: '= same' } as const;

const STYLE = `
  body { font: 11pt/1.4 system-ui, sans-serif; color: #111; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
  h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
  h2 { font-size: 1.15rem; margin-top: 2rem; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
  caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
  th, td { border: 1px solid #bbb; padding: 0.2rem 0.4rem; text-align: right; vertical-align: top; white-space: nowrap; }
  th[scope=row], thead th:first-child { text-align: left; font-weight: normal; white-space: normal; width: 40%; }
  thead th { background: #eee; }
  .worse, .not-met { color: #8a1c1c; font-weight: 600; }
  .better, .met { color: #1d5e20; }
  .note { font-size: 0.9rem; color: #333; }
  @media print {
    body { margin: 0; max-width: none; font-size: 9.5pt; }
    section { break-inside: avoid-page; }
    thead { display: table-header-group; }
    tr { break-inside: avoid; }
    a { color: inherit; text-decoration: none; }
  }
  @page { size: A4; margin: 15mm; }`;

/**
 * The Content-Security-Policy of the printable page: its own inline style (by hash) and nothing
 * else. The API's default policy refuses every inline style, which left the page unstyled.
 */
export const REVIEW_PAGE_POLICY = [
  "default-src 'none'",
  `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const periodText = (period: ReviewPeriod): string =>
  `${period.label} (${period.from} to ${period.to})`;

const className = (text: string): string => text.replace(/ /g, '-');

function measureRow(measure: ReviewMeasure): string {
  const { target, met } = formatTarget(measure);
  const direction = measure.trend.direction;
  const cells = [
    formatValue(measure.value, measure.unit),
    formatValue(measure.trend.previous, measure.unit),
    formatChange(measure.trend.change, measure.unit),
  ].map((text) => `<td>${escape(text)}</td>`);
  return `<tr>
      <th scope="row">${escape(labelOf(measure.measure))}</th>
      ${cells.join('')}
      <td${direction ? ` class="${direction}"` : ''}>${direction ? TREND_WORDS[direction] : '—'}</td>
      <td>${escape(target)}</td>
      <td class="${className(met)}">${escape(met)}</td>
    </tr>`;
}

function measureTable(caption: string, measures: readonly ReviewMeasure[]): string {
  return `<table>
    <caption>${escape(caption)}</caption>
    <thead><tr><th scope="col">Measure</th><th scope="col">This period</th><th scope="col">Previous period</th><th scope="col">Change</th><th scope="col">Trend</th><th scope="col">Target</th><th scope="col">Target met</th></tr></thead>
    <tbody>${measures.map(measureRow).join('')}</tbody>
  </table>`;
}

/**
 * The review as a printable HTML page: one table for the initiative as a whole, one per
 * agreement, print CSS, no script. Every text from the data is escaped.
 */
export function partnershipReviewHtml(review: PartnershipReview): string {
  const title = `Partnership review: ${review.initiativeName ?? review.initiativeId}, ${review.period.label}`;
  const agreements = review.agreements.map((agreement) => {
    const partner = agreement.partnerName ?? agreement.partnerId;
    return `<section>
      <h2>${escape(partner)}</h2>
      <p class="note">Partner ${escape(agreement.partnerId)}; agreement ${escape(agreement.agreementIds.join(', '))}${agreement.status ? `, ${escape(agreement.status)}` : ''}.</p>
      ${measureTable(`Referrals, money and activities of ${partner}`, agreement.measures)}
    </section>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
  <h1>${escape(title)}</h1>
  <p>Period ${escape(periodText(review.period))}, compared with ${escape(periodText(review.previousPeriod))}. Referral figures count the referrals submitted in each period; budgets are shown as they stand now.</p>
  <section>
    <h2>The initiative as a whole</h2>
    <p class="note">Community feedback is anonymous: an answer carries no link to a referral, a partner or a person, so its scores are the initiative's, not any one agreement's. Scores are shown only where at least 5 answers exist.</p>
    ${measureTable('Activities and community feedback', review.initiative.measures)}
  </section>
  ${agreements.length > 0 ? agreements.join('\n') : '<p>No agreement of this initiative has been seen.</p>'}
</main>
</body>
</html>
`;
}
