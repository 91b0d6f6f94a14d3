import { RecordedEvent } from './event-log/recorded-event.entity';
import { BudgetBalance } from './read-model/budget-balance.entity';
import { BudgetState } from './read-model/budget-state.entity';
import { FundingRejection } from './read-model/funding-rejection.entity';
import { ReferralFact } from './read-model/referral-fact.entity';
import { ReferralOffer } from './read-model/referral-offer.entity';

/** The insights database's own tables: the event log and the KPI read models. */
export const INSIGHTS_ENTITIES = [
  RecordedEvent,
  ReferralFact,
  ReferralOffer,
  BudgetState,
  BudgetBalance,
  FundingRejection,
];
