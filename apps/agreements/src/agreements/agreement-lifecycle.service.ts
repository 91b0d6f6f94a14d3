import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { AgreementEvents, AgreementStatus } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { notFound } from '@concord/platform';
import { Agreement } from './agreement.entity';
import { AGREEMENT_PARTIES } from './agreement-signature.entity';
import { AgreementStatusChange } from './agreement-status-change.entity';
import { AGREEMENT_STEPS, AgreementTransition, transition } from './agreement-status.machine';
import { toAgreementSnapshot } from './agreement.view';

/** How far ahead of its end an agreement is announced as expiring (AgreementExpiringV1). */
export const EXPIRING_NOTICE = '30 days';

/** The statuses of an agreement that has come into force and not ended: the ones announced as expiring. */
const IN_FORCE_OR_SUSPENDED = ['active', 'suspended'];

/**
 * Status changes of agreements, for the HTTP use cases and the scheduler alike: each runs in the
 * caller's transaction on a row it has locked, adds a row to the agreement's status history and
 * publishes its event through the outbox.
 * The `claim*` queries lock due rows with SKIP LOCKED, so that several instances of the service
 * share the work without taking the same agreement twice.
 */
@Injectable()
export class AgreementLifecycle {
  constructor(private readonly outbox: Outbox) {}

  /** The agreement, locked until the transaction ends; 404 when there is none. */
  async lock(manager: EntityManager, id: string): Promise<Agreement> {
    const agreement = await manager.findOne(Agreement, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!agreement) throw agreementNotFound(id);
    return agreement;
  }

  /**
   * Takes `step` (or answers 409 naming the current status), records it in the status history as
   * made by `changedBy` (a token subject, or SCHEDULER) and publishes what announces it.
   */
  async apply(
    manager: EntityManager,
    agreement: Agreement,
    step: AgreementTransition,
    changedBy: string,
    reason: string | null = null,
  ): Promise<Agreement> {
    const { to, announce } = transition(agreement.id, agreement.status, step);
    const previousStatus = agreement.status;
    const now = new Date();
    Object.assign(agreement, {
      status: to,
      statusReason: reason,
      statusChangedAt: now,
      updatedAt: now,
    });
    await manager.update(
      Agreement,
      { id: agreement.id },
      { status: to, statusReason: reason, statusChangedAt: now, updatedAt: now },
    );
    await this.recordStatus(manager, agreement, previousStatus, changedBy);
    await this.outbox.publish(manager, announce, toAgreementSnapshot(agreement));
    return agreement;
  }

  /**
   * Adds the agreement's current status to its history, left from `previousStatus` (null for a
   * new draft), in the caller's transaction.
   */
  async recordStatus(
    manager: EntityManager,
    agreement: Agreement,
    previousStatus: AgreementStatus | null,
    changedBy: string,
  ): Promise<void> {
    await manager.insert(AgreementStatusChange, {
      agreementId: agreement.id,
      status: agreement.status,
      previousStatus,
      reason: agreement.statusReason,
      changedAt: agreement.statusChangedAt,
      changedBy,
    });
  }

  /**
   * Drafts that both parties signed whose start has come (and whose end has not), locked; only
   * `onlyId` when given. Their start and end are compared with the database's clock, which every
   * instance shares.
   */
  claimDueForActivation(
    manager: EntityManager,
    limit: number,
    onlyId?: string,
  ): Promise<Agreement[]> {
    return this.claim(
      manager,
      `a.status = ANY($1)
       AND a.effective_from <= now()
       AND (a.effective_to IS NULL OR a.effective_to > now())
       AND (SELECT count(*) FROM agreement_signatures s WHERE s.agreement_id = a.id) = $2
       AND ($3::uuid IS NULL OR a.id = $3)
       ORDER BY a.effective_from`,
      [AGREEMENT_STEPS.activate.from, AGREEMENT_PARTIES.length, onlyId ?? null],
      limit,
    );
  }

  /** Agreements not yet ended (drafts among them) whose end has come, locked. */
  claimDueForExpiry(manager: EntityManager, limit: number): Promise<Agreement[]> {
    return this.claim(
      manager,
      `a.status = ANY($1) AND a.effective_to <= now() ORDER BY a.effective_to`,
      [AGREEMENT_STEPS.expire.from],
      limit,
    );
  }

  /**
   * Agreements in force or suspended that will expire within the notice period, not yet announced
   * for this version; a draft is not announced (it only expires).
   */
  claimExpiringUnannounced(manager: EntityManager, limit: number): Promise<Agreement[]> {
    return this.claim(
      manager,
      `a.status = ANY($1)
       AND a.effective_to > now()
       AND a.effective_to <= now() + $2::interval
       AND a.expiring_announced_version IS DISTINCT FROM a.version
       ORDER BY a.effective_to`,
      [IN_FORCE_OR_SUSPENDED, EXPIRING_NOTICE],
      limit,
    );
  }

  /** Publishes agreement.expiring for the agreement's current version and remembers it. */
  async announceExpiring(manager: EntityManager, agreement: Agreement): Promise<void> {
    if (!agreement.effectiveTo) return;
    await manager.update(
      Agreement,
      { id: agreement.id },
      { expiringAnnouncedVersion: agreement.version },
    );
    agreement.expiringAnnouncedVersion = agreement.version;
    await this.outbox.publish(manager, AgreementEvents.expiring, {
      agreementId: agreement.id,
      partnerId: agreement.partnerId,
      expiresAt: agreement.effectiveTo.toISOString(),
    });
  }

  private async claim(
    manager: EntityManager,
    condition: string,
    params: unknown[],
    limit: number,
  ): Promise<Agreement[]> {
    const rows = (await manager.query(
      `SELECT a.id FROM agreements a WHERE ${condition}
        LIMIT ${Math.trunc(limit)} FOR UPDATE OF a SKIP LOCKED`,
      params,
    )) as { id: string }[];
    if (rows.length === 0) return [];
    const ids = rows.map(({ id }) => id);
    const agreements = await manager.find(Agreement, { where: { id: In(ids) } });
    return ids.map((id) => agreements.find((agreement) => agreement.id === id) as Agreement);
  }
}

export const agreementNotFound = (id: string) =>
  notFound('AGREEMENT_NOT_FOUND', `agreement ${id} does not exist`);
