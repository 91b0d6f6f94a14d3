import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, SelectQueryBuilder } from 'typeorm';
import { Caller } from '@concord/auth';
import { AssignmentDecision } from '../assignment/assignment-decision.entity';
import { decisionsAs, DecisionView } from '../assignment/decision-view';
import { Offer } from '../assignment/offer.entity';
import { DirectoryAgreement } from '../directory/directory.entities';
import { OpenReferral, Referral } from '../referral/referral.entity';
import { ReferralSeal } from '../referral/referral-seal';
import {
  dispatchView,
  partnerView,
  PartnerReferralView,
  ReferralView,
} from '../referral/referral-view';
import { ListableStatus, ListReferralsQuery, ReferralFilter } from './list-referrals.query.dto';
import { decodeCursor, encodeCursor } from '@concord/platform';
import { ReferralAccess } from './referral-access';

export interface Page<T> {
  items: T[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

const DEFAULT_PAGE_SIZE = 20;

/** Counts by status: the referral's for dispatch and administrators, the offer's for a partner. */
export interface StatusCounts {
  byStatus: Partial<Record<ListableStatus, number>>;
  total: number;
}

/** Narrows a query that has the referrals table as `referral` to a filter's categories and urgencies. */
function filtered<T extends object>(
  select: SelectQueryBuilder<T>,
  filter: ReferralFilter,
): SelectQueryBuilder<T> {
  if (filter.category) {
    select.andWhere('referral.category IN (:...category)', { category: filter.category });
  }
  if (filter.urgency) {
    select.andWhere('referral.urgency IN (:...urgency)', { urgency: filter.urgency });
  }
  return select;
}

/** Reading referrals: one, a page of a queue, and the engine's decisions for one. */
@Injectable()
export class ReferralReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ReferralAccess,
    private readonly seal: ReferralSeal,
  ) {}

  get(caller: Caller, id: string): Promise<ReferralView | PartnerReferralView> {
    return this.dataSource.transaction(async (manager) => {
      const referral = await this.access.referralFor(manager, caller, id);
      if (caller.role !== 'partner') return dispatchView(referral);
      return this.access.partnerView(
        manager,
        referral,
        await this.access.offerFor(manager, caller, id),
      );
    });
  }

  /** The engine's runs for one referral, as much of each as the caller may see (decisionsAs). */
  async decisions(caller: Caller, id: string): Promise<DecisionView[]> {
    const manager = this.dataSource.manager;
    await this.access.referralFor(manager, caller, id);
    const [decisions, offers] = await Promise.all([
      manager.find(AssignmentDecision, { where: { referralId: id }, order: { decidedAt: 'ASC' } }),
      manager.findBy(Offer, { referralId: id }),
    ]);
    return decisionsAs(caller, decisions, offers);
  }

  /** Newest first. Dispatch lists its agency's referrals, administrators every referral. */
  async list(caller: Caller, query: ListReferralsQuery): Promise<Page<ReferralView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const select = this.dataSource.manager
      .createQueryBuilder(Referral, 'referral')
      .orderBy('referral.submitted_at', 'DESC')
      .addOrderBy('referral.id', 'DESC')
      .limit(limit + 1);
    if (caller.role !== 'admin') {
      select.andWhere('referral.agency_id = :agency', { agency: caller.organizationId });
    }
    if (query.status) select.andWhere('referral.status IN (:...status)', { status: query.status });
    filtered(select, query);
    if (query.after) {
      const { at, id } = decodeCursor(query.after);
      select.andWhere('(referral.submitted_at, referral.id) < (:at, :id)', { at, id });
    }
    const rows = await select.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((referral) => dispatchView(this.seal.open(referral))),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.submittedAt, id: last.id }) : null,
    };
  }

  /** A partner's queue: the referrals offered to it, newest offer first, as it may see them. */
  async queue(caller: Caller, query: ListReferralsQuery): Promise<Page<PartnerReferralView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const manager = this.dataSource.manager;
    const select = manager
      .createQueryBuilder(Offer, 'offer')
      .where('offer.partner_id = :partner', { partner: caller.organizationId })
      .orderBy('offer.offered_at', 'DESC')
      .addOrderBy('offer.id', 'DESC')
      .limit(limit + 1);
    if (query.status) select.andWhere('offer.status IN (:...status)', { status: query.status });
    if (query.category || query.urgency) {
      select.innerJoin(Referral, 'referral', 'referral.id = offer.referral_id');
      filtered(select, query);
    }
    if (query.after) {
      const { at, id } = decodeCursor(query.after);
      select.andWhere('(offer.offered_at, offer.id) < (:at, :id)', { at, id });
    }
    const rows = await select.getMany();
    const offers = rows.slice(0, limit);
    const [referrals, agreements] = await Promise.all([
      manager.findBy(Referral, { id: In(offers.map((offer) => offer.referralId)) }),
      manager.findBy(DirectoryAgreement, { id: In(offers.map((offer) => offer.agreementId)) }),
    ]);
    const referralById = new Map(
      referrals.map((referral) => [referral.id, this.seal.open(referral)]),
    );
    const termsById = new Map(agreements.map((agreement) => [agreement.id, agreement.terms]));
    const last = offers[offers.length - 1];
    return {
      items: offers.map((offer) =>
        partnerView(
          referralById.get(offer.referralId) as OpenReferral,
          offer,
          termsById.get(offer.agreementId),
        ),
      ),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ at: last.offeredAt, id: last.id }) : null,
    };
  }

  /**
   * How many referrals the caller's list holds in each status, for the same filter: a
   * partner's offers by their status, dispatch's (its agency's) and an administrator's (all)
   * referrals by theirs.
   */
  async counts(caller: Caller, filter: ReferralFilter): Promise<StatusCounts> {
    const manager = this.dataSource.manager;
    const select: SelectQueryBuilder<Offer | Referral> =
      caller.role === 'partner'
        ? manager
            .createQueryBuilder(Offer, 'offer')
            .innerJoin(Referral, 'referral', 'referral.id = offer.referral_id')
            .select('offer.status', 'status')
            .where('offer.partner_id = :partner', { partner: caller.organizationId })
            .groupBy('offer.status')
        : manager
            .createQueryBuilder(Referral, 'referral')
            .select('referral.status', 'status')
            .groupBy('referral.status');
    if (caller.role === 'dispatcher') {
      select.andWhere('referral.agency_id = :agency', { agency: caller.organizationId });
    }
    const rows = await filtered(select, filter)
      .addSelect('COUNT(*)::int', 'count')
      .getRawMany<{ status: ListableStatus; count: number }>();
    return {
      byStatus: Object.fromEntries(rows.map((row) => [row.status, row.count])),
      total: rows.reduce((sum, row) => sum + row.count, 0),
    };
  }
}
