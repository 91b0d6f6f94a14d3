import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { AssignmentService } from './assignment/assignment.service';
import { OfferDeadlineSweeper } from './assignment/offer-deadline.sweeper';
import { DirectoryService } from './directory/directory.service';
import { RoutingView } from './directory/routing-view.service';
import { RoutingDirectoryController } from './directory/routing-directory.controller';
import { REFERRALS_EVENTS } from './events/referrals.events';
import { AgencyIncidentTypesProjection } from './intake/agency-incident-types.projection';
import { SubmitEidoReferralController } from './intake/submit-eido-referral.controller';
import { SubmitEidoReferralService } from './intake/submit-eido-referral.service';
import { SubmitReferralController } from './intake/submit-referral.controller';
import { SubmitReferralService } from './intake/submit-referral.service';
import { REFERRALS_MIGRATIONS } from './migrations';
import { DispatchStepsController } from './queue/dispatch-steps.controller';
import { PartnerStepsController } from './queue/partner-steps.controller';
import { ReadReferralsController } from './queue/read-referrals.controller';
import { ReferralAccess } from './queue/referral-access';
import { ReferralActionsService } from './queue/referral-actions.service';
import { ReferralReadsService } from './queue/referral-reads.service';
import { MasterKeyCheck } from './personal-data/master-key-check';
import { PersonalDataBox } from './personal-data/personal-data-box';
import { ReferralSeal } from './referral/referral-seal';
import { ReferralsConfig } from './referrals.config';
import { REFERRALS_ENTITIES } from './referrals.entities';

/** Intake, the assignment engine, partner queues and the referral lifecycle. */
@Module({})
export class ReferralsModule {
  static forRoot(config: ReferralsConfig): DynamicModule {
    return {
      module: ReferralsModule,
      imports: [
        ServicePlatformModule.forRoot({
          events: REFERRALS_EVENTS,
          config,
          entities: REFERRALS_ENTITIES,
          migrations: REFERRALS_MIGRATIONS,
        }),
      ],
      controllers: [
        SubmitReferralController,
        SubmitEidoReferralController,
        ReadReferralsController,
        PartnerStepsController,
        DispatchStepsController,
        RoutingDirectoryController,
      ],
      providers: [
        { provide: ReferralsConfig, useValue: config },
        { provide: PersonalDataBox, useValue: new PersonalDataBox(config.masterKeyring) },
        ReferralSeal,
        MasterKeyCheck,
        SubmitReferralService,
        AgencyIncidentTypesProjection,
        SubmitEidoReferralService,
        AssignmentService,
        OfferDeadlineSweeper,
        DirectoryService,
        RoutingView,
        ReferralAccess,
        ReferralActionsService,
        ReferralReadsService,
      ],
    };
  }
}
