import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere } from 'typeorm';
import { AgreementEvents, ReferralCategory, ShareableReferralField } from '@concord/contracts';
import { Caller } from '@concord/auth';
import { Outbox } from '@concord/messaging';
import { conflict, unprocessable } from '@concord/platform';
import { Initiative } from '../initiatives/initiative.entity';
import { InitiativesService } from '../initiatives/initiatives.service';
import {
  AmendAgreementRequest,
  CreateAgreementRequest,
  ListAgreementsQuery,
  SignAgreementRequest,
} from './agreement.dto';
import { Agreement, AgreementTerms } from './agreement.entity';
import { agreementNotFound, AgreementLifecycle } from './agreement-lifecycle.service';
import { assertNoOverlap } from './agreement-overlap';
import { AgreementSignature } from './agreement-signature.entity';
import { AgreementStatusChange } from './agreement-status-change.entity';
import { assertAllowed } from './agreement-status.machine';
import { AgreementVersion } from './agreement-version.entity';
import {
  AgreementDetailView,
  AgreementView,
  toAgreementDetailView,
  toAgreementSnapshot,
  toAgreementView,
} from './agreement.view';

/** The statuses in which an amendment is news to the other services. */
const ANNOUNCED_STATUSES = new Set(['active', 'suspended']);

/** Drafting, signing, amending and reading agreements; status changes go through the lifecycle. */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly lifecycle: AgreementLifecycle,
    private readonly initiatives: InitiativesService,
  ) {}

  create(request: CreateAgreementRequest, caller: Caller): Promise<AgreementDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.initiatives.find(manager, request.initiativeId);
      if (!found) {
        throw unprocessable(
          'INITIATIVE_NOT_FOUND',
          `initiativeId: initiative ${request.initiativeId} does not exist`,
        );
      }
      const { initiative, partnerIds } = found;
      if (!partnerIds.includes(request.partnerId)) {
        throw unprocessable(
          'AGREEMENT_PARTNER_NOT_IN_INITIATIVE',
          `partnerId: organization ${request.partnerId} is not a partner of initiative ${initiative.id}`,
        );
      }
      assertCategoriesOf(initiative, request.categories);
      assertSharedWithoutConsentWithin(request.sharedFields, request.sharedFieldsWithoutConsent);
      const now = new Date();
      const terms: AgreementTerms = {
        categories: request.categories,
        sharedFields: request.sharedFields,
        sharedFieldsWithoutConsent: request.sharedFieldsWithoutConsent ?? [],
        part2: request.part2 ? { redisclosureNotice: request.part2.redisclosureNotice } : null,
        acceptWithinMinutes: request.acceptWithinMinutes,
        effectiveFrom: new Date(request.effectiveFrom),
        effectiveTo: request.effectiveTo ? new Date(request.effectiveTo) : null,
      };
      await assertNoOverlap(manager, {
        partnerId: request.partnerId,
        initiativeId: initiative.id,
        ...terms,
      });
      const agreement = manager.create(Agreement, {
        id: randomUUID(),
        initiativeId: initiative.id,
        agencyId: initiative.leadAgencyId,
        partnerId: request.partnerId,
        status: 'draft',
        statusReason: null,
        statusChangedAt: now,
        version: 1,
        ...terms,
        expiringAnnouncedVersion: null,
        createdAt: now,
        updatedAt: now,
      });
      await manager.insert(Agreement, agreement);
      await this.lifecycle.recordStatus(manager, agreement, null, caller.subject);
      await this.recordVersion(manager, agreement, null, caller);
      return this.detail(manager, agreement);
    });
  }

  /**
   * Records one party's signatory. The second signature activates the agreement at once when its
   * start has come; otherwise the scheduler does when it comes.
   */
  sign(id: string, request: SignAgreementRequest, caller: Caller): Promise<AgreementDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const agreement = await this.lifecycle.lock(manager, id);
      assertAllowed(id, agreement.status, 'sign');
      const earlier = await manager.findOneBy(AgreementSignature, {
        agreementId: id,
        party: request.party,
      });
      if (earlier) {
        throw conflict(
          'AGREEMENT_ALREADY_SIGNED',
          `agreement ${id} is already signed for the ${request.party} by ${earlier.name} (${earlier.title})`,
        );
      }
      await manager.insert(AgreementSignature, {
        agreementId: id,
        party: request.party,
        name: request.name,
        title: request.title,
        signedAt: new Date(),
        recordedBy: caller.subject,
      });
      const [due] = await this.lifecycle.claimDueForActivation(manager, 1, id);
      if (due) await this.lifecycle.apply(manager, agreement, 'activate', caller.subject);
      return this.detail(manager, agreement);
    });
  }

  suspend(id: string, reason: string, caller: Caller): Promise<AgreementDetailView> {
    return this.change(id, (manager, agreement) =>
      this.lifecycle.apply(manager, agreement, 'suspend', caller.subject, reason),
    );
  }

  resume(id: string, caller: Caller): Promise<AgreementDetailView> {
    return this.change(id, (manager, agreement) =>
      this.lifecycle.apply(manager, agreement, 'resume', caller.subject),
    );
  }

  terminate(id: string, reason: string, caller: Caller): Promise<AgreementDetailView> {
    return this.change(id, (manager, agreement) =>
      this.lifecycle.apply(manager, agreement, 'terminate', caller.subject, reason),
    );
  }

  /**
   * Makes version n+1 of the terms from the current ones and the changed ones, keeping every
   * earlier version. Other services hear of it when the agreement is (or may again be) in force.
   */
  amend(id: string, request: AmendAgreementRequest, caller: Caller): Promise<AgreementDetailView> {
    return this.change(id, async (manager, agreement) => {
      assertAllowed(id, agreement.status, 'amend');
      const { reason, ...changes } = request;
      const changed = Object.values(changes).some((value) => value !== undefined);
      if (!changed) {
        throw unprocessable(
          'AMENDMENT_CHANGES_NOTHING',
          'an amendment needs at least one of categories, sharedFields, sharedFieldsWithoutConsent, part2, acceptWithinMinutes, effectiveTo',
        );
      }
      if (changes.categories) {
        const initiative = await manager.findOneByOrFail(Initiative, {
          id: agreement.initiativeId,
        });
        assertCategoriesOf(initiative, changes.categories);
      }
      const effectiveTo = changes.effectiveTo ? new Date(changes.effectiveTo) : undefined;
      if (effectiveTo && effectiveTo <= agreement.effectiveFrom) {
        throw unprocessable(
          'AGREEMENT_DATES_INVALID',
          `effectiveTo must be after effectiveFrom (${agreement.effectiveFrom.toISOString()})`,
        );
      }
      const amended: Partial<Agreement> = {
        version: agreement.version + 1,
        categories: changes.categories ?? agreement.categories,
        sharedFields: changes.sharedFields ?? agreement.sharedFields,
        sharedFieldsWithoutConsent:
          changes.sharedFieldsWithoutConsent ?? agreement.sharedFieldsWithoutConsent,
        part2: changes.part2
          ? { redisclosureNotice: changes.part2.redisclosureNotice }
          : agreement.part2,
        acceptWithinMinutes: changes.acceptWithinMinutes ?? agreement.acceptWithinMinutes,
        effectiveTo: effectiveTo ?? agreement.effectiveTo,
        updatedAt: new Date(),
      };
      assertSharedWithoutConsentWithin(
        amended.sharedFields ?? [],
        amended.sharedFieldsWithoutConsent,
      );
      if (changes.categories || effectiveTo) {
        await assertNoOverlap(manager, {
          id,
          partnerId: agreement.partnerId,
          initiativeId: agreement.initiativeId,
          categories: amended.categories ?? agreement.categories,
          effectiveFrom: agreement.effectiveFrom,
          effectiveTo: amended.effectiveTo ?? null,
        });
      }
      await manager.update(Agreement, { id }, amended);
      Object.assign(agreement, amended);
      await this.recordVersion(manager, agreement, reason, caller);
      if (ANNOUNCED_STATUSES.has(agreement.status)) {
        await this.outbox.publish(manager, AgreementEvents.amended, toAgreementSnapshot(agreement));
      }
      return agreement;
    });
  }

  /** All agreements for administrators and auditors; a partner's own only. */
  async list(query: ListAgreementsQuery, caller: Caller): Promise<AgreementView[]> {
    const where: FindOptionsWhere<Agreement> = {
      ...(query.partnerId ? { partnerId: query.partnerId } : {}),
      ...(query.initiativeId ? { initiativeId: query.initiativeId } : {}),
      ...(query.status ? { status: query.status } : {}),
    };
    if (caller.role === 'partner') {
      if (!caller.organizationId) return [];
      if (query.partnerId && query.partnerId !== caller.organizationId) return [];
      where.partnerId = caller.organizationId;
    }
    const agreements = await this.dataSource.manager.find(Agreement, {
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return agreements.map(toAgreementView);
  }

  /** One agreement; a partner's request for another organisation's answers 404, as if it were none. */
  async get(id: string, caller: Caller): Promise<AgreementDetailView> {
    const manager = this.dataSource.manager;
    const agreement = await manager.findOneBy(Agreement, { id });
    if (
      !agreement ||
      (caller.role === 'partner' && agreement.partnerId !== caller.organizationId)
    ) {
      throw agreementNotFound(id);
    }
    return this.detail(manager, agreement);
  }

  private change(
    id: string,
    work: (manager: EntityManager, agreement: Agreement) => Promise<Agreement>,
  ): Promise<AgreementDetailView> {
    return this.dataSource.transaction(async (manager) => {
      const agreement = await work(manager, await this.lifecycle.lock(manager, id));
      return this.detail(manager, agreement);
    });
  }

  private async recordVersion(
    manager: EntityManager,
    agreement: Agreement,
    reason: string | null,
    caller: Caller,
  ): Promise<void> {
    await manager.insert(AgreementVersion, {
      agreementId: agreement.id,
      version: agreement.version,
      categories: agreement.categories,
      sharedFields: agreement.sharedFields,
      sharedFieldsWithoutConsent: agreement.sharedFieldsWithoutConsent,
      part2: agreement.part2,
      acceptWithinMinutes: agreement.acceptWithinMinutes,
      effectiveFrom: agreement.effectiveFrom,
      effectiveTo: agreement.effectiveTo,
      reason,
      createdBy: caller.subject,
      createdAt: agreement.updatedAt,
    });
  }

  private async detail(manager: EntityManager, agreement: Agreement): Promise<AgreementDetailView> {
    const signatures = await manager.find(AgreementSignature, {
      where: { agreementId: agreement.id },
      order: { signedAt: 'ASC' },
    });
    const versions = await manager.find(AgreementVersion, {
      where: { agreementId: agreement.id },
      order: { version: 'ASC' },
    });
    const statusHistory = await manager.find(AgreementStatusChange, {
      where: { agreementId: agreement.id },
      order: { id: 'ASC' },
    });
    return toAgreementDetailView(agreement, signatures, versions, statusHistory);
  }
}

function assertCategoriesOf(initiative: Initiative, categories: ReferralCategory[]): void {
  const outside = categories.filter((category) => !initiative.categories.includes(category));
  if (outside.length > 0) {
    throw unprocessable(
      'AGREEMENT_CATEGORIES_OUTSIDE_INITIATIVE',
      `categories: ${outside.join(', ')} not covered by initiative ${initiative.id} (it covers ${initiative.categories.join(', ')})`,
    );
  }
}

/** Consent widens sharing, never narrows it: what is shared without consent is also shared with. */
function assertSharedWithoutConsentWithin(
  sharedFields: readonly ShareableReferralField[],
  withoutConsent: readonly ShareableReferralField[] | undefined,
): void {
  const beyond = (withoutConsent ?? []).filter((field) => !sharedFields.includes(field));
  if (beyond.length > 0) {
    throw unprocessable(
      'SHARED_FIELDS_WITHOUT_CONSENT_NOT_SHARED',
      `sharedFieldsWithoutConsent: ${beyond.join(', ')} must also be in sharedFields`,
    );
  }
}
