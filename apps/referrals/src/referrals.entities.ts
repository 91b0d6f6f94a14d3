import { AssignmentDecision } from './assignment/assignment-decision.entity';
import { Offer } from './assignment/offer.entity';
import {
  DirectoryAgreement,
  DirectoryBudget,
  DirectoryOrganization,
} from './directory/directory.entities';
import { AgencyIncidentTypes } from './intake/agency-incident-types.entity';
import { IdempotencyKey } from './intake/idempotency-key.entity';
import { Referral } from './referral/referral.entity';

/** The tables of the referrals database that TypeORM maps (the messaging tables come on top). */
export const REFERRALS_ENTITIES = [
  Referral,
  Offer,
  AssignmentDecision,
  IdempotencyKey,
  DirectoryOrganization,
  DirectoryAgreement,
  DirectoryBudget,
  AgencyIncidentTypes,
];
