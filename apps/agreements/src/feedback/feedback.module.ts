import { DynamicModule, Module } from '@nestjs/common';
import { AgreementsConfig } from '../agreements.config';
import { NetworkAnswerLimit } from './network-answer-limit';
import { SurveyAnswersService } from './survey-answers.service';
import { SurveyFormController } from './survey-form.controller';
import { SurveyRetention } from './survey-retention';
import { SurveysController } from './surveys.controller';
import { SurveysService } from './surveys.service';

/**
 * The community survey (issue 20): administrators open and close surveys, partners print their
 * link, residents answer on a public page. Its entities are registered with the service's
 * database in AgreementsModule.
 */
@Module({})
export class FeedbackModule {
  static forRoot(config: AgreementsConfig): DynamicModule {
    return {
      module: FeedbackModule,
      controllers: [SurveysController, SurveyFormController],
      providers: [
        { provide: AgreementsConfig, useValue: config },
        SurveysService,
        SurveyAnswersService,
        NetworkAnswerLimit,
        SurveyRetention,
      ],
    };
  }
}
