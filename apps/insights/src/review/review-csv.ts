import { csvField } from '@concord/audit';
import { ReviewMeasure } from './review-measure';
import { PartnershipReview } from './partnership-review';

const HEADER = [
  'initiative_id',
  'period',
  'previous_period',
  'scope',
  'partner_id',
  'partner_name',
  'agreement_ids',
  'agreement_status',
  'measure',
  'unit',
  'value',
  'previous',
  'change',
  'direction',
  'target_kind',
  'target',
  'target_actual',
  'target_met',
] as const;

type Cell = string | number | boolean | null;

const measureCells = (measure: ReviewMeasure): Cell[] => [
  measure.measure,
  measure.unit,
  measure.value,
  measure.trend.previous,
  measure.trend.change,
  measure.trend.direction,
  measure.target?.kind ?? null,
  measure.target?.target ?? null,
  measure.target?.actual ?? null,
  measure.target?.met ?? null,
];

/**
 * The review as CSV (RFC 4180, CRLF): one row per agreement × measure, after one row per measure
 * of the initiative as a whole (scope `initiative`, no partner). Empty cells are nulls.
 */
export function partnershipReviewCsv(review: PartnershipReview): string {
  const common = [review.initiativeId, review.period.label, review.previousPeriod.label];
  const rows: Cell[][] = [
    [...HEADER],
    ...review.initiative.measures.map((measure) => [
      ...common,
      'initiative',
      null,
      null,
      null,
      null,
      ...measureCells(measure),
    ]),
    ...review.agreements.flatMap((agreement) =>
      agreement.measures.map((measure) => [
        ...common,
        'agreement',
        agreement.partnerId,
        agreement.partnerName,
        agreement.agreementIds.join(' '),
        agreement.status,
        ...measureCells(measure),
      ]),
    ),
  ];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
