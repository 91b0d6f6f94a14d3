import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { AssignmentDecision } from './assignment/assignment-decision.entity';
import { AssignmentService } from './assignment/assignment.service';
import { Offer } from './assignment/offer.entity';
import { OfferDeadlineSweeper } from './assignment/offer-deadline.sweeper';
import {
  DirectoryAgreement,
  DirectoryBudget,
  DirectoryOrganization,
} from './directory/directory.entities';
import { DirectoryService } from './directory/directory.service';
import { RoutingDirectoryController } from './directory/routing-directory.controller';
import { ReferralsEvents } from './events/referrals.events';
import { IdempotencyKey } from './intake/idempotency-key.entity';
import { SubmitReferralController } from './intake/submit-referral.controller';
import { SubmitReferralService } from './intake/submit-referral.service';
import { REFERRALS_MIGRATIONS } from './migrations';
import { DispatchStepsController } from './queue/dispatch-steps.controller';
import { PartnerStepsController } from './queue/partner-steps.controller';
import { ReadReferralsController } from './queue/read-referrals.controller';
import { ReferralAccess } from './queue/referral-access';
import { ReferralActionsService } from './queue/referral-actions.service';
import { ReferralReadsService } from './queue/referral-reads.service';
import { Referral } from './referral/referral.entity';
import { ReferralsConfig } from './referrals.config';

/** Intake, the assignment engine, partner queues and the referral lifecycle. */
@Module({})
export class ReferralsModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'referrals',
          config,
          entities: [
            Referral,
            Offer,
            AssignmentDecision,
            IdempotencyKey,
            DirectoryOrganization,
            DirectoryAgreement,
            DirectoryBudget,
          ],
          migrations: REFERRALS_MIGRATIONS,
        }),
      ],
      controllers: [
        SubmitReferralController,
        ReadReferralsController,
        PartnerStepsController,
        DispatchStepsController,
        RoutingDirectoryController,
        ReferralsEvents,
      ],
      providers: [
        { provide: ReferralsConfig, useValue: config },
        SubmitReferralService,
        AssignmentService,
        OfferDeadlineSweeper,
        DirectoryService,
        ReferralAccess,
        ReferralActionsService,
        ReferralReadsService,
      ],
    };
  }
}
