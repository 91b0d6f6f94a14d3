import { DynamicModule, Module } from '@nestjs/common';
import { ServicePlatformModule } from '@concord/platform';
import { RecordedEvent } from './event-log/recorded-event.entity';
import { InsightsEvents } from './events/insights.events';
import { InsightsConfig } from './insights.config';
import { INSIGHTS_MIGRATIONS } from './migrations';

/** The cross-service event log, KPI read models and timelines. */
@Module({})
export class InsightsModule {
  static forRoot(config: InsightsConfig): DynamicModule {
    return {
      module: InsightsModule,
      imports: [
        ServicePlatformModule.forRoot({
          service: 'insights',
          config,
          entities: [RecordedEvent],
          migrations: INSIGHTS_MIGRATIONS,
        }),
      ],
      controllers: [InsightsEvents],
    };
  }
}
