import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditTrail } from '@concord/audit';
import { ReferralEvents } from '@concord/contracts';
import { Outbox } from '@concord/messaging';
import { unprocessable } from '@concord/platform';
import { geohash } from '../assignment/domain';
import { Consent, OpenReferral, Referral } from '../referral/referral.entity';
import { ReferralSeal } from '../referral/referral-seal';
import { dispatchView, ReferralView } from '../referral/referral-view';
import { IdempotencyKey } from './idempotency-key.entity';
import {
  ConsentOverrideRequest,
  ConsentRequest,
  SubmitReferralRequest,
} from './submit-referral.request.dto';

/** About 5 km by 5 km: coarse enough for events, which never carry the address. */
const AREA_CODE_PRECISION = 5;

export interface Submission {
  /** The caller's agency (the dispatcher's organisation) and who submitted it. */
  readonly agencyId: string;
  readonly submittedBy: string;
  readonly request: SubmitReferralRequest;
  readonly idempotencyKey?: string;
  /**
   * What a retry must repeat to count as the same request, when the request was made from another
   * document (an EIDO incident): that document. Without it, the request itself.
   */
  readonly original?: unknown;
}

/** The parts of a submission that decide whether a retry is the same request. */
export type IdempotentRequest = Pick<Submission, 'agencyId' | 'idempotencyKey' | 'original'> &
  Partial<Pick<Submission, 'request'>>;

export interface SubmissionResult {
  readonly referral: ReferralView;
  /** True when this is the stored answer to an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
}

/** Canonical JSON: the same request always hashes the same, whatever the order of its keys. */
const canonical = (value: unknown): string =>
  Array.isArray(value)
    ? `[${value.map(canonical).join(',')}]`
    : typeof value === 'object' && value !== null
      ? `{${Object.keys(value)
          .sort()
          .map(
            (key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`,
          )
          .join(',')}}`
      : JSON.stringify(value);

const requestHashOf = ({ original, request }: IdempotentRequest): string =>
  createHash('sha256')
    .update(original === undefined ? canonical(request) : canonical({ original }))
    .digest('hex');

/** What `referral.submitted` tells of a new referral: no personal data (claim-check). */
const submittedEvent = (referral: Referral) => ({
  referralId: referral.id,
  agencyId: referral.agencyId,
  incidentReference: referral.incidentReference,
  category: referral.category,
  urgency: referral.urgency,
  areaCode: referral.areaCode,
  submittedAt: referral.submittedAt.toISOString(),
});

/**
 * The consent record of a referral: consent with how and by whom, or an override with its reason,
 * who authorised it and who recorded it (the token's subject). Validation allows nothing else;
 * should anything else reach here, nothing is stored rather than an override that says nothing.
 */
function consentRecord(consent: ConsentRequest, recordedBy: string): Consent {
  if (consent.obtained === true) {
    return { obtained: true, method: consent.method, obtainedBy: consent.obtainedBy };
  }
  const override: ConsentOverrideRequest | undefined = consent.override;
  if (consent.obtained !== false || !override?.reason || !override.authorizedBy) {
    throw unprocessable(
      'CONSENT_REQUIRED',
      'consent must be obtained, or overridden with a reason and who authorised it',
    );
  }
  return {
    obtained: false,
    override: { reason: override.reason, authorizedBy: override.authorizedBy, recordedBy },
  };
}

@Injectable()
export class SubmitReferralService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
    private readonly seal: ReferralSeal,
  ) {}

  /**
   * Records the referral and its `referral.submitted` event together. With an Idempotency-Key, a
   * retry of the same request gets the first answer back and creates nothing; the same key with a
   * different request is refused.
   */
  async submit(submission: Submission): Promise<SubmissionResult> {
    const now = new Date();
    const referral = this.newReferral(submission, now);
    const view = dispatchView(referral);
    const recorded = referral.consent.obtained
      ? await this.recordInOneStatement(submission, referral, view, now)
      : await this.dataSource.transaction(async (manager) => {
          if (!(await this.claimKey(manager, submission, referral, view))) return false;
          await manager.insert(Referral, referral);
          await this.auditConsentOverride(manager, submission, referral);
          await this.outbox.publish(manager, ReferralEvents.submitted, submittedEvent(referral));
          return true;
        });
    if (recorded) return { referral: view, replayed: false };
    const earlier = await this.earlierAnswer(submission);
    if (!earlier) throw new Error('the Idempotency-Key was taken, yet holds no answer');
    return { referral: earlier, replayed: true };
  }

  /**
   * The answer stored with the request's Idempotency-Key, if it has one; a refusal if the key
   * came with another request. Lets a caller that must read more than the request to build it
   * (EIDO intake) answer a retry as it was first answered.
   */
  async earlierAnswer(submission: IdempotentRequest): Promise<ReferralView | undefined> {
    const key = submission.idempotencyKey;
    if (key === undefined) return undefined;
    const manager = this.dataSource.manager;
    const earlier = await manager.findOneBy(IdempotencyKey, { agencyId: submission.agencyId, key });
    if (!earlier) return undefined;
    if (earlier.requestHash !== requestHashOf(submission)) {
      throw unprocessable(
        'IDEMPOTENCY_KEY_REUSED',
        `Idempotency-Key "${key}" was already used for a different request (referral ${earlier.referralId}); use a new key for a new referral`,
      );
    }
    const sealedWith = await manager.findOneOrFail(Referral, {
      select: { id: true, keyId: true, dataKey: true },
      where: { id: earlier.referralId },
    });
    return this.seal.openReplay<ReferralView>(sealedWith, earlier.responseBody);
  }

  /**
   * The key, the referral and its event in one statement, so one round trip: the referral and
   * the event are written only if the key was claimed (or none was given). A concurrent request
   * with the same key waits on the key's primary key until the first commits, then claims
   * nothing. False when the key was taken.
   */
  private async recordInOneStatement(
    submission: Submission,
    referral: OpenReferral,
    view: ReferralView,
    now: Date,
  ): Promise<boolean> {
    const key = submission.idempotencyKey ?? null;
    const claim = [
      submission.agencyId,
      key,
      key === null ? null : requestHashOf(submission),
      referral.id,
      key === null ? null : this.seal.sealReplay(referral, view),
    ];
    const row: [string, string, unknown][] = [
      ['id', 'uuid', referral.id],
      ['agency_id', 'uuid', referral.agencyId],
      ['submitted_by', 'text', referral.submittedBy],
      ['incident_reference', 'text', referral.incidentReference],
      ['category', 'text', referral.category],
      ['urgency', 'text', referral.urgency],
      ['area_code', 'text', referral.areaCode],
      ['contact_preference', 'text', referral.contactPreference],
      ['key_id', 'text', referral.keyId],
      ['data_key', 'bytea', referral.dataKey],
      ['details', 'bytea', referral.details],
      ['status', 'text', referral.status],
      ['attempt', 'int', referral.attempt],
      ['submitted_at', 'timestamptz', now],
      ['updated_at', 'timestamptz', now],
    ];
    const first = claim.length + 1;
    const event = this.outbox.stageAfter(
      ReferralEvents.submitted,
      submittedEvent(referral),
      'written',
      first + row.length,
    );
    const [{ events }] = (await this.dataSource.query(
      `WITH claimed AS (
         INSERT INTO idempotency_keys (agency_id, key, request_hash, referral_id, response_status,
                                       response_body)
         SELECT $1::uuid, $2::text, $3::text, $4::uuid, 201, $5::bytea WHERE $2::text IS NOT NULL
         ON CONFLICT DO NOTHING
         RETURNING 1
       ), written AS (
         INSERT INTO referrals (${row.map(([column]) => column).join(', ')})
         SELECT ${row.map(([, type], index) => `$${first + index}::${type}`).join(', ')}
          WHERE $2::text IS NULL OR EXISTS (SELECT 1 FROM claimed)
         RETURNING 1
       ), ${event.ctes}
       SELECT ${event.selected}`,
      [...claim, ...row.map(([, , value]) => value), ...event.values],
    )) as { events: number }[];
    return events === 1;
  }

  /**
   * Claims the key for this request in the transaction of `manager`: true when it was free (or no
   * key was given). A concurrent request with the same key waits on the primary key until the
   * first commits, then claims nothing.
   */
  private async claimKey(
    manager: EntityManager,
    submission: Submission,
    referral: Referral,
    view: ReferralView,
  ): Promise<boolean> {
    if (submission.idempotencyKey === undefined) return true;
    const claimed = await manager
      .createQueryBuilder()
      .insert()
      .into(IdempotencyKey)
      .values({
        agencyId: submission.agencyId,
        key: submission.idempotencyKey,
        requestHash: requestHashOf(submission),
        referralId: referral.id,
        responseStatus: 201,
        responseBody: this.seal.sealReplay(referral, view),
      })
      .orIgnore()
      .returning(['key'])
      .execute();
    return claimed.raw.length > 0;
  }

  /**
   * Sharing without consent is recorded with who authorised it, in the referral's own
   * transaction. Its reason may tell of the person's health, so it stays in the referral's
   * sealed consent record, where the audit record points (docs/security/audit.md).
   */
  private async auditConsentOverride(
    manager: EntityManager,
    submission: Submission,
    referral: OpenReferral,
  ): Promise<void> {
    const override = referral.consent.override;
    if (referral.consent.obtained || !override) return;
    await this.audit.record(
      [
        {
          actorSubject: submission.submittedBy,
          actorOrganization: submission.agencyId,
          // POST /referrals is for dispatchers only.
          actorRole: 'dispatcher',
          action: 'referral.consent-override',
          objectType: 'referral',
          objectId: referral.id,
          subjectRef: referral.id,
          outcome: 'allowed',
          reason: `authorised by ${override.authorizedBy}; the reason is in the referral's sealed consent record`,
        },
      ],
      manager,
    );
  }

  private newReferral({ agencyId, submittedBy, request }: Submission, now: Date): OpenReferral {
    const { location, person, consent } = request;
    const details = {
      latitude: location.latitude,
      longitude: location.longitude,
      address: location.address ?? null,
      person: { ...person },
      consent: consentRecord(consent, submittedBy),
      narrative: request.narrative,
    };
    const notes = { outcomeNote: null, cancelReason: null };
    const row: Referral = Object.assign(new Referral(), {
      id: randomUUID(),
      agencyId,
      submittedBy,
      incidentReference: request.incidentReference,
      category: request.category,
      urgency: request.urgency,
      areaCode: geohash(location.latitude, location.longitude, AREA_CODE_PRECISION),
      contactPreference: request.contactPreference,
      ...this.seal.sealNew(details),
      status: 'awaiting-assignment',
      attempt: 0,
      partnerId: null,
      serviceId: null,
      agreementId: null,
      acceptBy: null,
      outcome: null,
      unsuccessfulReason: null,
      submittedAt: now,
      acceptedAt: null,
      contactedAt: null,
      closedAt: null,
      updatedAt: now,
    } satisfies Referral);
    return Object.assign(row, details, notes);
  }
}
