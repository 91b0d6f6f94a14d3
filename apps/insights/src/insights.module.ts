import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { INSIGHTS_EVENTS } from './events/insights.events';
import { DemandForecastController } from './forecast/demand-forecast.controller';
import { DemandForecastService } from './forecast/demand-forecast.service';
import { InsightsConfig } from './insights.config';
import { INSIGHTS_ENTITIES } from './insights.entities';
import { KpisController } from './kpis/kpis.controller';
import { KpisService } from './kpis/kpis.service';
import { INSIGHTS_MIGRATIONS } from './migrations';
import { ActivityFiguresController } from './partnership/activity-figures.controller';
import { ActivityFiguresService } from './partnership/activity-figures.service';
import { FeedbackResultsController } from './partnership/feedback-results.controller';
import { FeedbackResultsService } from './partnership/feedback-results.service';
import { DayFiguresRefresher } from './read-model/day-figures.refresher';
import { PartnershipReviewController } from './review/review.controller';
import { PartnershipReviewService } from './review/review.service';
import { StuckReferralsController } from './stuck/stuck-referrals.controller';
import { StuckReferralsService } from './stuck/stuck-referrals.service';
import { TimelineController } from './timeline/timeline.controller';
import { TimelineService } from './timeline/timeline.service';

/** The cross-service event log, KPI read models, timelines and stuck referrals. */
@Module({})
export class InsightsModule {
  static forRoot(config: InsightsConfig): DynamicModule {
    return {
      module: InsightsModule,
      imports: [
        ServicePlatformModule.forRoot({
          events: INSIGHTS_EVENTS,
          config,
          entities: INSIGHTS_ENTITIES,
          migrations: INSIGHTS_MIGRATIONS,
        }),
      ],
      controllers: [
        KpisController,
        StuckReferralsController,
        TimelineController,
        ActivityFiguresController,
        FeedbackResultsController,
        PartnershipReviewController,
        DemandForecastController,
      ],
      providers: [
        { provide: InsightsConfig, useValue: config },
        KpisService,
        TimelineService,
        StuckReferralsService,
        DayFiguresRefresher,
        ActivityFiguresService,
        FeedbackResultsService,
        PartnershipReviewService,
        DemandForecastService,
      ],
    };
  }
}
