import { RecordedEvent } from './event-log/recorded-event.entity';
import { FeedbackScore } from './partnership/feedback-score.entity';
import { InitiativeTargets } from './partnership/initiative-targets.entity';
import { JointActivity } from './partnership/joint-activity.entity';
import { PartnerCapacity } from './partnership/partner-capacity.entity';
import { AreaCarrierFigures } from './read-model/area-carrier-figures.entity';
import { AreaFigures } from './read-model/area-figures.entity';
import { BudgetBalance } from './read-model/budget-balance.entity';
import { DayFigures, DayFiguresStale } from './read-model/day-figures.entity';
import { BudgetState } from './read-model/budget-state.entity';
import { FundingRejection } from './read-model/funding-rejection.entity';
import { ReferralFact } from './read-model/referral-fact.entity';
import { ReferralOffer } from './read-model/referral-offer.entity';
import { WeeklyFigures } from './read-model/weekly-figures.entity';

/**
 * The insights database's own tables: the event log, the KPI read models, the rollups and the
 * partnership's read models (activities, feedback, targets, capacities).
 */
export const INSIGHTS_ENTITIES = [
  RecordedEvent,
  ReferralFact,
  ReferralOffer,
  BudgetState,
  BudgetBalance,
  FundingRejection,
  WeeklyFigures,
  AreaFigures,
  AreaCarrierFigures,
  DayFigures,
  DayFiguresStale,
  InitiativeTargets,
  JointActivity,
  FeedbackScore,
  PartnerCapacity,
];
