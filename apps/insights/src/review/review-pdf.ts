import PDFDocument from 'pdfkit';
import { ReviewMeasure } from './review-measure';
import { formatChange, formatTarget, formatValue, labelOf } from './review-labels';
import { PartnershipReview } from './partnership-review';
import { ReviewPeriod } from './review-period';

type Pdf = PDFKit.PDFDocument;

/** Column widths (points) of a measure table on A4 landscape within 40 pt margins: 762 in all. */
const COLUMNS = [
  ['Measure', 262],
  ['This period', 90],
  ['Previous period', 90],
  ['Change', 80],
  ['Trend', 60],
  ['Target', 110],
  ['Target met', 70],
] as const;
const MARGIN = 40;
const FONT_SIZE = 8.5;
const ROW = 14;

/**
 * The standard PDF fonts (no font file to ship) write Windows-1252 only: the minus sign becomes a
 * hyphen; a character outside it prints as a blank (the HTML page shows every script).
 */
const printable = (text: string): string => text.replace(/\u2212/g, '-');

const periodText = (period: ReviewPeriod): string =>
  `${period.label} (${period.from} to ${period.to})`;

function cellsOf(measure: ReviewMeasure): string[] {
  const { target, met } = formatTarget(measure);
  return [
    labelOf(measure.measure),
    formatValue(measure.value, measure.unit),
    formatValue(measure.trend.previous, measure.unit),
    formatChange(measure.trend.change, measure.unit),
    measure.trend.direction ?? '—',
    target,
    met,
  ].map(printable);
}

function row(doc: Pdf, cells: readonly string[], bold: boolean): void {
  const y = doc.y;
  let x = MARGIN;
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(FONT_SIZE);
  cells.forEach((cell, index) => {
    const width = COLUMNS[index][1];
    doc.text(cell, x + 3, y + 3, {
      width: width - 6,
      height: ROW - 3,
      lineBreak: false,
      ellipsis: true,
      align: index === 0 ? 'left' : 'right',
    });
    x += width;
  });
  doc
    .moveTo(MARGIN, y + ROW)
    .lineTo(x, y + ROW)
    .lineWidth(0.5)
    .strokeColor('#999999')
    .stroke();
  doc.x = MARGIN;
  doc.y = y + ROW;
}

function table(doc: Pdf, caption: string, measures: readonly ReviewMeasure[]): void {
  const bottom = doc.page.height - MARGIN;
  const header = () =>
    row(
      doc,
      COLUMNS.map(([title]) => title),
      true,
    );
  if (doc.y + 3 * ROW > bottom) doc.addPage();
  doc
    .font('Helvetica-Bold')
    .fontSize(10)
    .text(printable(caption), MARGIN, doc.y + 6);
  doc.moveDown(0.3);
  header();
  for (const measure of measures) {
    if (doc.y + ROW > bottom) {
      doc.addPage();
      header();
    }
    row(doc, cellsOf(measure), false);
  }
  doc.moveDown(1);
}

/**
 * The review as a PDF (pdfkit, pure JavaScript): the printable page's tables, A4 landscape, with
 * the standard Helvetica fonts.
 */
export function partnershipReviewPdf(review: PartnershipReview): Promise<Buffer> {
  const title = `Partnership review: ${review.initiativeName ?? review.initiativeId}, ${review.period.label}`;
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    info: { Title: printable(title), Creator: 'Concord insights' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(15).text(printable(title));
  doc
    .font('Helvetica')
    .fontSize(FONT_SIZE + 0.5)
    .moveDown(0.3)
    .text(
      printable(
        `Period ${periodText(review.period)}, compared with ${periodText(review.previousPeriod)}. Referral figures count the referrals submitted in each period; budgets are shown as they stand now. Community feedback is anonymous: an answer carries no link to a referral, a partner or a person, so its scores are the initiative's, not any one agreement's; they are shown only where at least 5 answers exist.`,
      ),
    );
  doc.moveDown(0.5);
  table(
    doc,
    'The initiative as a whole: activities and community feedback',
    review.initiative.measures,
  );
  for (const agreement of review.agreements) {
    const partner = agreement.partnerName ?? agreement.partnerId;
    const status = agreement.status ? `, ${agreement.status}` : '';
    table(
      doc,
      `${partner} (agreement ${agreement.agreementIds.join(', ')}${status})`,
      agreement.measures,
    );
  }
  doc.end();
  return done;
}
