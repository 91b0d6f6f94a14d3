import { EntityManager } from 'typeorm';
import { ReferralCategory } from '@concord/contracts';
import { conflict } from '@concord/platform';
import { Agreement } from './agreement.entity';
import { AGREEMENT_STEPS } from './agreement-status.machine';

export const AGREEMENT_OVERLAPS = 'AGREEMENT_OVERLAPS';

/** What an agreement would cover: its partner and initiative, categories and period. */
export interface AgreementCoverage {
  /** The agreement being amended, which does not clash with itself; none for a new one. */
  readonly id?: string;
  readonly partnerId: string;
  readonly initiativeId: string;
  readonly categories: readonly ReferralCategory[];
  readonly effectiveFrom: Date;
  readonly effectiveTo: Date | null;
}

/** An agreement that can still expire has not ended: it holds its period, draft or not. */
const NOT_ENDED = AGREEMENT_STEPS.expire.from;

/**
 * Refuses (409 AGREEMENT_OVERLAPS) coverage that shares a category and a moment with another
 * agreement of the same partner and initiative that has not ended, so that at most one agreement
 * can ever be in force for a partner, initiative and category. Periods are half-open,
 * [effectiveFrom, effectiveTo), so one agreement may start when the other ends.
 *
 * It first takes a transaction-scoped advisory lock on the (partner, initiative) pair: concurrent
 * creations and amendments for the pair are checked one after another, each seeing what the one
 * before committed. Nothing else needs it: activation, suspension and resumption change no period
 * or category, and termination and expiry only free them.
 */
export async function assertNoOverlap(
  manager: EntityManager,
  coverage: AgreementCoverage,
): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))`, [
    coverage.partnerId,
    coverage.initiativeId,
  ]);
  const query = manager
    .createQueryBuilder(Agreement, 'a')
    .where('a.partner_id = :partnerId AND a.initiative_id = :initiativeId', coverage)
    .andWhere('a.status IN (:...statuses)', { statuses: NOT_ENDED })
    .andWhere('a.categories && CAST(:categories AS text[])', { categories: coverage.categories })
    .andWhere(
      'tstzrange(a.effective_from, a.effective_to) && tstzrange(CAST(:from AS timestamptz), CAST(:to AS timestamptz))',
      { from: coverage.effectiveFrom, to: coverage.effectiveTo },
    )
    .orderBy('a.effective_from')
    .addOrderBy('a.id');
  if (coverage.id) query.andWhere('a.id <> :id', { id: coverage.id });
  const clash = await query.getOne();
  if (!clash) return;
  const shared = coverage.categories.filter((category) => clash.categories.includes(category));
  throw conflict(
    AGREEMENT_OVERLAPS,
    `agreement ${clash.id} (${clash.status}) already covers ${shared.join(', ')} for partner ${clash.partnerId} in initiative ${clash.initiativeId} ${periodOf(clash)}, which overlaps ${periodOf(coverage)}; end it or shorten it first, or choose another period or other categories`,
  );
}

const periodOf = ({ effectiveFrom, effectiveTo }: AgreementCoverage): string =>
  `from ${effectiveFrom.toISOString()} ${effectiveTo ? `to ${effectiveTo.toISOString()}` : 'with no end'}`;
