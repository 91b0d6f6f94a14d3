import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { ActivitiesController } from './activities/activities.controller';
import { ActivitiesService } from './activities/activities.service';
import { Activity } from './activities/activity.entity';
import { ActivityParticipant } from './activities/activity-participant.entity';
import { AGREEMENTS_EVENTS } from './events/agreements.events';
import { AgreementsConfig } from './agreements.config';
import { Agreement } from './agreements/agreement.entity';
import { AgreementLifecycle } from './agreements/agreement-lifecycle.service';
import { AgreementScheduler } from './agreements/agreement-scheduler.service';
import { AgreementSignature } from './agreements/agreement-signature.entity';
import { AgreementStatusChange } from './agreements/agreement-status-change.entity';
import { AgreementVersion } from './agreements/agreement-version.entity';
import { AgreementsController } from './agreements/agreements.controller';
import { FeedbackModule } from './feedback/feedback.module';
import { Survey } from './feedback/survey.entity';
import { SurveyAnswer } from './feedback/survey-answer.entity';
import { AgreementsService } from './agreements/agreements.service';
import { Initiative } from './initiatives/initiative.entity';
import { InitiativePartner } from './initiatives/initiative-partner.entity';
import { InitiativesController } from './initiatives/initiatives.controller';
import { InitiativesService } from './initiatives/initiatives.service';
import { HsdsDirectoryController } from './hsds-export/hsds-directory.controller';
import { HsdsDirectoryService } from './hsds-export/hsds-directory.service';
import { HsdsImportJob } from './hsds-import/hsds-import-job.entity';
import { HsdsImportController } from './hsds-import/hsds-import.controller';
import { HsdsImportRunner } from './hsds-import/hsds-import.runner';
import { HsdsImportService } from './hsds-import/hsds-import.service';
import { IncidentTypeMapping } from './incident-types/incident-type-mapping.entity';
import { IncidentTypesController } from './incident-types/incident-types.controller';
import { IncidentTypesService } from './incident-types/incident-types.service';
import { AGREEMENTS_MIGRATIONS } from './migrations';
import { Organization } from './organizations/organization.entity';
import { OrganizationService } from './organizations/organization-service.entity';
import { OrganizationsController } from './organizations/organizations.controller';
import { OrganizationsService } from './organizations/organizations.service';

/** Partner organisations, initiatives and agreements (MOUs) (issue 3). */
@Module({})
export class AgreementsModule {
  static forRoot(config: AgreementsConfig): DynamicModule {
    return {
      module: AgreementsModule,
      imports: [
        ServicePlatformModule.forRoot({
          events: AGREEMENTS_EVENTS,
          config,
          entities: [
            Organization,
            OrganizationService,
            Initiative,
            InitiativePartner,
            Agreement,
            AgreementVersion,
            AgreementSignature,
            AgreementStatusChange,
            IncidentTypeMapping,
            HsdsImportJob,
            Activity,
            ActivityParticipant,
            Survey,
            SurveyAnswer,
          ],
          migrations: AGREEMENTS_MIGRATIONS,
        }),
        FeedbackModule.forRoot(config),
      ],
      controllers: [
        OrganizationsController,
        IncidentTypesController,
        InitiativesController,
        AgreementsController,
        HsdsDirectoryController,
        HsdsImportController,
        ActivitiesController,
      ],
      providers: [
        { provide: AgreementsConfig, useValue: config },
        OrganizationsService,
        InitiativesService,
        AgreementsService,
        IncidentTypesService,
        HsdsDirectoryService,
        HsdsImportService,
        HsdsImportRunner,
        AgreementLifecycle,
        AgreementScheduler,
        ActivitiesService,
      ],
    };
  }
}
