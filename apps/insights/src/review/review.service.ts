import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { notFound } from '@concord/platform';
import { PartnershipReview } from './partnership-review';
import { readPartnershipReview } from './review.query';
import { ReviewQuery } from './review.dto';
import { daysPeriod, latestCompleteQuarter, quarterPeriod, ReviewPeriod } from './review-period';

/** The period a valid query asks for. */
export function periodOf(query: ReviewQuery, now: Date): ReviewPeriod {
  if (query.quarter !== undefined) return quarterPeriod(query.quarter);
  if (query.from !== undefined && query.to !== undefined) return daysPeriod(query.from, query.to);
  return latestCompleteQuarter(now);
}

/** The partnership review, read from one snapshot of the read models. */
@Injectable()
export class PartnershipReviewService {
  constructor(private readonly dataSource: DataSource) {}

  async review(initiativeId: string, query: ReviewQuery): Promise<PartnershipReview> {
    const period = periodOf(query, new Date());
    const review = await this.dataSource.transaction('REPEATABLE READ', (manager) =>
      readPartnershipReview(manager, initiativeId, period),
    );
    if (!review) {
      throw notFound(
        'INITIATIVE_NOT_FOUND',
        `insights has seen neither initiative ${initiativeId} nor any agreement under it`,
      );
    }
    return review;
  }
}
