import { BadRequestException, Injectable } from '@nestjs/common';
import { ReferralCategory, Urgency } from '@concord/contracts';
import { DomainError, requestValidationPipe, unprocessable } from '@concord/platform';
import { ReferralView } from '../referral/referral-view';
import { AgencyIncidentTypesProjection } from './agency-incident-types.projection';
import { EidoExtensionMember, EidoExtensionRequest } from './eido-extension.request.dto';
import { eidoProblemsOf } from './eido/eido-document.validator';
import { EidoRejection } from './eido/eido-problem';
import {
  EidoReferralDraft,
  IncidentTypeMapping,
  referralDraftOf,
} from './eido/eido-referral.mapper';
import { SubmitReferralRequest } from './submit-referral.request.dto';
import { SubmitReferralService } from './submit-referral.service';

/** The member of an EIDO document that carries Concord's extension object. */
export const EXTENSION_MEMBER = 'concord';

export interface EidoSubmission {
  readonly agencyId: string;
  readonly submittedBy: string;
  readonly document: Record<string, unknown>;
  readonly idempotencyKey?: string;
}

/** The answer to an EIDO submission: the referral, and which of the document's members it read. */
export interface EidoSubmissionAnswer {
  referral: ReferralView;
  eido: { used: string[]; ignored: string[] };
}

/** A 400 as every request error: each message names the member and the rule it breaks. */
const badRequest = (message: string[]): BadRequestException =>
  new BadRequestException({ statusCode: 400, error: 'Bad Request', message });

/** The rejection of the mapper as the HTTP answer: 400 with every problem, or 422 with its code. */
function httpErrorOf(rejection: EidoRejection): BadRequestException | DomainError {
  const messages = rejection.problems.map(({ message }) => message);
  return rejection.status === 400
    ? badRequest(messages)
    : unprocessable(rejection.code, messages.join('; '));
}

const pipe = requestValidationPipe();

/** The 400 answer of the validation pipe with each field prefixed, e.g. concord.consent. */
async function validated<T extends object>(
  value: unknown,
  metatype: new () => T,
  prefix: string,
): Promise<T> {
  try {
    return (await pipe.transform(value, { type: 'body', metatype })) as T;
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const { message } = error.getResponse() as { message: string | string[] };
    const messages = (Array.isArray(message) ? message : [message]).map(
      (text) => `${prefix}${text}`,
    );
    throw badRequest(messages);
  }
}

/**
 * Intake of a CAD incident as a NENA EIDO document: the document is checked and read into a
 * referral (eido/), the agency's incident-type mapping gives its category and urgency, the Concord
 * extension object its consent and contact preference; then it is submitted as POST /referrals
 * would, with the same Idempotency-Key rules, the EIDO document being the request.
 */
@Injectable()
export class SubmitEidoReferralService {
  constructor(
    private readonly submissions: SubmitReferralService,
    private readonly incidentTypes: AgencyIncidentTypesProjection,
  ) {}

  async submit(submission: EidoSubmission): Promise<EidoSubmissionAnswer & { replayed: boolean }> {
    const { agencyId, submittedBy, document, idempotencyKey } = submission;
    const earlier = await this.submissions.earlierAnswer({
      agencyId,
      idempotencyKey,
      original: document,
    });
    if (earlier) {
      const draft = await this.firstReadOf(agencyId, document, earlier);
      return { referral: earlier, eido: this.fieldsOf(draft), replayed: true };
    }
    // Faults of the request (400) before what Concord cannot make of a valid one (422).
    const problems = eidoProblemsOf(document);
    if (problems.length > 0) throw badRequest(problems.map(({ message }) => message));
    const extension = await this.extensionOf(document);
    const mapping = await this.incidentTypes.mappingOf(agencyId);
    const draft = this.draftOf(document, (code) => mapping.get(code));
    const request = await validated(
      {
        incidentReference: draft.incidentReference,
        category: draft.category,
        urgency: draft.urgency,
        location: draft.location,
        person: draft.person,
        contactPreference: extension.contactPreference,
        consent: extension.consent,
        narrative: draft.narrative,
      },
      SubmitReferralRequest,
      'the referral read from the EIDO document: ',
    );
    const result = await this.submissions.submit({
      agencyId,
      submittedBy,
      request,
      idempotencyKey,
      original: document,
    });
    return { referral: result.referral, eido: this.fieldsOf(draft), replayed: result.replayed };
  }

  /**
   * The document read as it was first read: by the codes of the agency's mapping that still give
   * the referral's category and urgency, or, if the mapping has lost them since, by any code.
   */
  private async firstReadOf(
    agencyId: string,
    document: Record<string, unknown>,
    earlier: ReferralView,
  ): Promise<EidoReferralDraft> {
    const first = {
      category: earlier.category as ReferralCategory,
      urgency: earlier.urgency as Urgency,
    };
    const mapping = await this.incidentTypes.mappingOf(agencyId);
    const same = (code: string) => {
      const type = mapping.get(code);
      return type?.category === first.category && type.urgency === first.urgency
        ? first
        : undefined;
    };
    try {
      return referralDraftOf(document, same);
    } catch {
      return this.draftOf(document, () => first);
    }
  }

  private draftOf(
    document: Record<string, unknown>,
    mappingOf: (code: string) => IncidentTypeMapping | undefined,
  ): EidoReferralDraft {
    try {
      return referralDraftOf(document, mappingOf);
    } catch (error) {
      throw error instanceof EidoRejection ? httpErrorOf(error) : error;
    }
  }

  private async extensionOf(document: Record<string, unknown>): Promise<EidoExtensionRequest> {
    const extension = document[EXTENSION_MEMBER];
    if (extension === undefined) {
      throw unprocessable(
        'EIDO_EXTENSION_REQUIRED',
        `${EXTENSION_MEMBER}: the Concord extension object is required: EIDO does not carry the person's consent (consent) nor how they would like to be reached (contactPreference), and Concord never assumes them`,
      );
    }
    // Validated as the one member of a body, so that each message names concord.<field>.
    const { concord } = await validated({ concord: extension }, EidoExtensionMember, '');
    return concord;
  }

  private fieldsOf(draft: EidoReferralDraft): EidoSubmissionAnswer['eido'] {
    return { used: [...draft.used, EXTENSION_MEMBER], ignored: draft.ignored };
  }
}
